package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.playbook.Play;
import dev.leeway.playbook.PlayStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentBuilderTest {

  private static Play play(String title, String situation, List<String> examples, int version) {
    return new Play(
        "orders.umbrella-handle",
        title,
        situation,
        examples,
        List.of(),
        List.of(),
        List.of(),
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        "returns-team",
        PlayStatus.PUBLISHED,
        version,
        null);
  }

  @Test
  void text_that_matching_strips_does_not_count_as_a_matching_change() {
    // A folded YAML block ends in a newline; the same play saved from a form does not.
    Play folded =
        play("Umbrella handle snapped", "It broke on first use.\n", List.of("handle came off "), 1);
    Play saved =
        play("Umbrella handle snapped ", "It broke on first use.", List.of("handle came off"), 1);

    assertThat(ContentBuilder.matchKey(List.of(saved)))
        .isEqualTo(ContentBuilder.matchKey(List.of(folded)));
  }

  @Test
  void changed_words_or_version_are_a_matching_change() {
    Play before =
        play("Umbrella handle snapped", "It broke on first use.", List.of("handle came off"), 1);

    assertThat(
            ContentBuilder.matchKey(
                List.of(
                    play(
                        "Umbrella broke",
                        "It broke on first use.",
                        List.of("handle came off"),
                        1))))
        .isNotEqualTo(ContentBuilder.matchKey(List.of(before)));
    assertThat(
            ContentBuilder.matchKey(
                List.of(
                    play(
                        "Umbrella handle snapped",
                        "It broke on first use.",
                        List.of("handle came off", "brolly snapped"),
                        1))))
        .isNotEqualTo(ContentBuilder.matchKey(List.of(before)));
    assertThat(
            ContentBuilder.matchKey(
                List.of(
                    play(
                        "Umbrella handle snapped",
                        "It broke on first use.",
                        List.of("handle came off"),
                        2))))
        .isNotEqualTo(ContentBuilder.matchKey(List.of(before)));
  }
}
