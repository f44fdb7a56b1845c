package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.api.RealisticSet.Expect;
import dev.leeway.api.RealisticSet.PlayExpectation;
import dev.leeway.api.RealisticSet.Urgent;
import dev.leeway.api.RealisticSet.Verdict;
import dev.leeway.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The realistic set's checks on replies written by hand in the shape of the issue-18 contract: a
 * reply that keeps the contract passes, and each way of breaking it is caught.
 */
class RealisticAnswerTest {

  private static final String LOST_CARD =
      """
      {"turn": 3, "kind": "answer", "case": 2, "case_started": true,
       "message": "Block the card now.",
       "answer": {"outcome": "matched",
         "guardrails": [],
         "facts": [
           {"name": "card_in_possession", "value": false, "display": "no",
            "source": {"type": "text", "turn": 3, "span": "lost her card"}},
           {"name": "membership_tier", "value": "gold", "display": "gold",
            "source": {"type": "text", "turn": 1, "span": "gold"}},
           {"name": "safety_concern", "value": false, "display": "no",
            "source": {"type": "assumed"}}],
         "plays": [{"play_id": "cards.lost-stolen-card", "confidence": 0.98,
           "urgent_steps": ["Block the card now in the card screen."],
           "actions": [
             {"action_id": "block-and-replace", "decision": "CAN_DO", "urgent": true},
             {"action_id": "waive-express-fee", "decision": "NEED_INFO", "urgent": false,
              "fact": "fee_amount"}]}]}}
      """;

  private static Expect lostCard(Urgent urgent) {
    return new Expect(
        new PlayExpectation(List.of("cards.lost-stolen-card")),
        null,
        Map.of("block-and-replace", new Verdict(List.of("CAN_DO"))),
        urgent,
        Map.of("card_in_possession", "false"));
  }

  @Test
  void a_reply_that_keeps_the_contract_passes() throws Exception {
    RealisticAnswer a =
        RealisticAnswer.check(
            "lost card",
            "lost her card",
            json(LOST_CARD),
            lostCard(new Urgent(null, null, null, List.of("block-and-replace"), true)));

    assertThat(a.problems()).isEmpty();
    assertThat(a.playRight()).isTrue();
    assertThat(a.verdictsRight()).isEqualTo(1);
    assertThat(a.urgentMet()).isTrue();
    assertThat(a.allNeedInfo()).isFalse();
  }

  @Test
  void an_urgent_action_behind_an_ordinary_one_or_behind_a_question_is_caught() throws Exception {
    String late =
        LOST_CARD
            .replace(
                "{\"action_id\": \"block-and-replace\", \"decision\": \"CAN_DO\", \"urgent\": true},",
                "")
            .replace(
                "\"fact\": \"fee_amount\"}]",
                "\"fact\": \"fee_amount\"},"
                    + " {\"action_id\": \"block-and-replace\", \"decision\": \"NEED_INFO\","
                    + " \"urgent\": true, \"fact\": \"disputed_amount\"}]");
    RealisticAnswer a =
        RealisticAnswer.check(
            "lost card",
            "lost her card",
            json(late),
            lostCard(new Urgent(null, null, null, List.of("block-and-replace"), false)));

    assertThat(a.urgentMet()).isFalse();
    assertThat(a.problems())
        .anyMatch(p -> p.contains("comes after a non-urgent action"))
        .anyMatch(p -> p.contains("waits behind a question"))
        .anyMatch(p -> p.contains("block-and-replace: expected CAN_DO, got NEED_INFO"));
    assertThat(a.allNeedInfo()).isTrue();
  }

  @Test
  void a_safety_case_needs_its_guardrail_and_never_the_general_path() throws Exception {
    String noMatch =
        """
        {"turn": 1, "kind": "no_match", "message": "They will hear back within one working day.",
         "answer": {"outcome": "no_match", "plays": [], "facts": [],
           "guardrails": [{"id": "safety", "team": "Product Safety team", "urgency": "same_day",
                           "do_now": "Call 999 if the child is unwell."}],
           "no_match": {"message": "Nothing in the playbook fits.", "next_step": "Transfer."}}}
        """;
    Expect expect =
        new Expect(
            new PlayExpectation(List.of("none")),
            null,
            Map.of(),
            new Urgent("safety", "Product Safety team", "immediate", List.of(), false),
            Map.of());

    RealisticAnswer a =
        RealisticAnswer.check("battery", "swallowed a battery", json(noMatch), expect);

    assertThat(a.playRight()).isTrue();
    assertThat(a.problems())
        .containsExactlyInAnyOrder(
            "urgent: urgency expected immediate, got same_day",
            "urgent: the answer sends the case down the general path (\"within one working day\")");
  }

  @Test
  void facts_from_a_turn_before_the_case_began_are_carried_but_assumed_ones_are_not()
      throws Exception {
    List<String> carried =
        RealisticSetTest.carried(json(LOST_CARD), 3, List.of("membership_tier", "safety_concern"));

    assertThat(carried).containsExactly("carried (named): membership_tier=gold (\"gold\" turn 1)");
    assertThat(RealisticSetTest.carried(json(LOST_CARD), 1, List.of())).isEmpty();
  }

  @Test
  void play_patterns_accept_the_plays_the_pack_should_gain_but_not_no_match() {
    PlayExpectation press = new PlayExpectation(List.of("none", "~press|media"));

    assertThat(press.accepts("none")).isTrue();
    assertThat(press.accepts("account.press-enquiry")).isTrue();
    assertThat(press.accepts("outages.service-outage-credit")).isFalse();
    assertThat(new PlayExpectation(List.of("~press")).accepts("none")).isFalse();
  }

  private static JsonNode json(String text) throws Exception {
    return Json.json().readTree(text);
  }
}
