package dev.leeway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The one summary of latencies every benchmark prints. */
class LatenciesTest {

  private static final long MS = 1_000_000L;

  @Test
  void percentiles_are_the_nearest_rank_within_a_thousandth() {
    long[] nanos = new long[1000];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (nanos.length - i) * MS; // 1..1000 ms, in reverse order
    }

    Latencies latencies = Latencies.of(nanos);

    assertThat(latencies.count()).isEqualTo(1000);
    assertThat(latencies.ms(50)).isCloseTo(500, within(0.5));
    assertThat(latencies.ms(99)).isCloseTo(990, within(1.0));
    assertThat(latencies.maxMs()).isCloseTo(1000, within(1.0));
    assertThat(latencies.text()).matches("p50 50[01]\\.\\d  p99 99[01]\\.\\d  max 100[01]\\.\\d");
  }

  @Test
  void no_samples_print_as_no_answers_and_zero_figures() {
    Latencies none = new Latencies();

    assertThat(none.text()).isEqualTo("(no answers)");
    assertThat(none.json().toString())
        .isEqualTo("{\"count\":0,\"p50\":0.0,\"p99\":0.0,\"max\":0.0}");
  }

  @Test
  void a_copy_does_not_see_later_samples() {
    Latencies latencies = Latencies.of(3 * MS);
    Latencies copy = latencies.copy();

    latencies.record(400 * MS);

    assertThat(copy.count()).isEqualTo(1);
    assertThat(copy.maxMs()).isCloseTo(3, within(0.01));
  }
}
