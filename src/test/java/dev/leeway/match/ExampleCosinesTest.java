package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExampleCosinesTest {
  private static final float[][] EXAMPLES = {
    {1, 0}, {0.8f, 0.6f}, {0.6f, 0.8f}, {0, 1}, {-1, 0}, {0, -1}
  };
  private static final float[][] OFF_TOPIC = {{0.96f, 0.28f}, {0.28f, 0.96f}};

  @Test
  void each_play_knows_its_closest_example_and_an_empty_play_has_none() {
    float[][][] byPlay = {{{0, 1}, {0.6f, 0.8f}}, {}, {{-1, 0}}};
    ExampleCosines cosines = ExampleCosines.of(new float[] {1, 0}, byPlay);

    assertThat(cosines.nearest(0)).isEqualTo(1);
    assertThat(cosines.nearest(1)).isEqualTo(-1);
    assertThat(cosines.nearest(2)).isZero();
    assertThat(cosines.closest()).containsExactly(new double[] {0.6, 0, -1}, within(1e-6));
  }

  @Test
  void the_off_topic_share_counts_who_the_nearest_neighbours_are_leaving_out_the_text_itself() {
    // Examples split over two plays: the share does not care which play a neighbour is from.
    float[][][] byPlay = {
      {EXAMPLES[0], EXAMPLES[1], EXAMPLES[2]}, {EXAMPLES[3], EXAMPLES[4], EXAMPLES[5]}
    };
    float[] text = {1, 0};
    // Closest to (1, 0): (1, 0), (0.96, 0.28) off, (0.8, 0.6), (0.6, 0.8), (0.28, 0.96) off.
    assertThat(ExampleCosines.of(text, byPlay).offTopicShare(text, OFF_TOPIC, -1))
        .isCloseTo(0.4, within(1e-9));
    // Off-topic line 0 measured against the others: only line 1 is off-topic among its five.
    assertThat(ExampleCosines.of(OFF_TOPIC[0], byPlay).offTopicShare(OFF_TOPIC[0], OFF_TOPIC, 0))
        .isCloseTo(0.2, within(1e-9));
    // Fewer candidates than neighbours: the share is of those there are.
    assertThat(
            ExampleCosines.of(text, new float[][][] {{{0, 1}}}).offTopicShare(text, OFF_TOPIC, -1))
        .isCloseTo(2.0 / 3, within(1e-9));
    assertThat(ExampleCosines.of(text, byPlay).offTopicShare(text, null, -1)).isZero();
  }
}
