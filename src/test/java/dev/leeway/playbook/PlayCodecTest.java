package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.config.AuthorityMatrix;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayCodecTest {

  private static final AuthorityMatrix AUTHORITY = Fixtures.authority();

  @Test
  void every_fixture_play_survives_a_round_trip_through_yaml() {
    Playbook playbook = PlaybookLoader.load(Fixtures.playbooksDir(), AUTHORITY).orElseThrow();

    for (Play play : playbook.plays()) {
      String yaml = PlayCodec.toYaml(play);

      assertThat(PlaybookLoader.parse(null, yaml, AUTHORITY).orElseThrow())
          .as(yaml)
          .isEqualTo(play);
    }
  }

  @Test
  void tricky_text_survives_a_round_trip() {
    Play play =
        new Play(
            "billing.tricky",
            "Quotes ' \" and colons: everywhere # not a comment",
            "Line one.\nLine two: with a colon.\n",
            List.of(
                "yes", "no", "123", "- starts with a dash", "[bracketed]", "null", "  padded  "),
            List.of("on", "off"),
            List.of(new FactSpec("plan", FactType.ENUM, "Which plan?", List.of("basic", "true"))),
            List.of(GuidanceStep.of("Say: \"sorry\"."), new GuidanceStep("Unplug it now.", true)),
            List.of(
                new Action("a", "refund", "Refund", "12.50", "plan in ['basic', 'true']", null),
                new Action("b", "callback", "Call back", null, null, "Policy #4")),
            List.of(
                new PolicyException(
                    "e", "plan == 'basic'", List.of("a"), new BigDecimal("20.00"), null, null)),
            List.of(new EscalationTrigger("t", "!(plan == 'basic')", "fraud team", "Why: because")),
            "billing-team",
            PlayStatus.IN_REVIEW,
            2,
            LocalDate.of(2027, 1, 31));

    String yaml = PlayCodec.toYaml(play);

    assertThat(PlaybookLoader.parse(null, yaml, AUTHORITY).orElseThrow()).as(yaml).isEqualTo(play);
  }

  @Test
  void writes_keys_in_the_documented_order_and_leaves_out_empty_fields() {
    Play play =
        new Play(
            "orders.simple",
            "Simple",
            "A situation.",
            List.of("one example"),
            null,
            null,
            null,
            List.of(new Action("credit-5", "credit", "Credit", "5", null, null)),
            null,
            null,
            "team",
            PlayStatus.PUBLISHED,
            1,
            LocalDate.of(2027, 6, 30));

    assertThat(PlayCodec.toYaml(play))
        .isEqualTo(
            """
            id: orders.simple
            title: Simple
            situation: A situation.
            examples:
              - one example
            actions:
              - id: credit-5
                kind: credit
                label: Credit
                amount: 5
            owner: team
            status: published
            version: 1
            review_by: 2027-06-30
            """);
  }
}
