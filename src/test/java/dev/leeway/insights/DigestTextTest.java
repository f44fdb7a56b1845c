package dev.leeway.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.insights.AnswerDigest.ActionDigest;
import dev.leeway.store.AnswerRepository.AnswerRow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The digest's text columns give back exactly what was written. */
class DigestTextTest {

  @Test
  void every_fixture_answer_reads_back_as_its_json_reads() {
    for (AnswerRow row : InsightsFixture.rows()) {
      AnswerDigest digest =
          AnswerDigest.of(row.at(), row.role(), row.outcome(), row.answer())
              .withCaps(InsightsFixture.authority());
      assertThat(DigestText.plays(DigestText.plays(digest.plays()))).isEqualTo(digest.plays());
      assertThat(DigestText.actions(DigestText.actions(digest.actions())))
          .isEqualTo(digest.actions());
    }
  }

  @Test
  void tabs_line_feeds_and_backslashes_in_any_field_survive() {
    ActionDigest awkward =
        new ActionDigest(
            "play\twith\ttabs",
            "act\\n not a line feed",
            "kind\nwith a line",
            DecisionKind.NEEDS_APPROVAL,
            Optional.of(new BigDecimal("12.50")),
            Optional.of(HeldBack.AGENT_BUDGET),
            Optional.of("a > 1 \\\\ b\t\n"),
            Optional.of(new Cap(null, 3, 7)));
    ActionDigest plain =
        new ActionDigest(
            "",
            "x",
            "",
            DecisionKind.CAN_DO,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    List<ActionDigest> actions = List.of(awkward, plain, awkward);
    assertThat(DigestText.actions(DigestText.actions(actions))).isEqualTo(actions);
    List<String> plays = List.of("a\\", "\nb", "c\td");
    assertThat(DigestText.plays(DigestText.plays(plays))).isEqualTo(plays);
    assertThat(DigestText.actions("")).isEmpty();
    assertThat(DigestText.plays("")).isEmpty();
  }

  @Test
  void a_decision_this_version_does_not_know_is_left_out() {
    String text = "p\ta\tk\tSOMETHING_NEW\t\t\t\t\np\tb\tk\tCAN_DO\t5\t\t\t";
    assertThat(DigestText.actions(text)).extracting(ActionDigest::actionId).containsExactly("b");
  }
}
