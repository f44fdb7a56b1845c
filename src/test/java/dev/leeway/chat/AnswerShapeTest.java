package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shape of an answer on the starter pack, through the real pipeline: urgent steps and actions
 * first, one question per play with the actions it settles, "why" sentences for every action, and
 * guardrails at the top, in the JSON and in the terminal text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerShapeTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

  private final ScenarioSuiteTest pipeline = new ScenarioSuiteTest();

  @BeforeAll
  void build() {
    pipeline.buildPipeline();
  }

  @AfterAll
  void close() {
    pipeline.matcher.close();
  }

  private Advice ask(String text, Map<String, Object> context) {
    return pipeline.advisor.advise(new Question(text, context, "agent", TODAY));
  }

  @Test
  void a_lost_card_is_blocked_first_and_the_question_comes_once_after() {
    Advice advice = ask("cust lost her card on the bus", Map.of());
    JsonNode play = AdviceJson.of(advice).path("plays").get(0);

    assertThat(play.path("play_id").asText()).isEqualTo("cards.lost-stolen-card");
    assertThat(play.path("urgent_steps")).isNotEmpty();
    assertThat(play.path("guidance").get(0)).isEqualTo(play.path("urgent_steps").get(0));
    JsonNode first = play.path("actions").get(0);
    assertThat(first.path("action_id").asText()).isEqualTo("block-and-replace");
    assertThat(first.path("urgent").asBoolean()).isTrue();
    assertThat(first.path("decision").asText()).isEqualTo("CAN_DO");
    JsonNode question = play.path("question");
    assertThat(question.path("text").asText()).isNotBlank();
    assertThat(question.path("settles"))
        .extracting(JsonNode::asText)
        .contains("waive-express-fee")
        .doesNotContain("block-and-replace");

    String text = AdviceText.of(advice);
    assertThat(text.indexOf("Do first (urgent)")).isLessThan(text.indexOf("Ask: "));
    assertThat(text.split("Ask: ", -1)).hasSize(2);
  }

  @Test
  void every_action_says_why_in_plain_sentences() {
    Advice advice =
        ask(
            "mixer arrived with a cracked bowl yesterday, gold member, paid $180, no photo",
            Map.of());
    assertThat(AgentWords.leaks(advice, pipeline.content)).isEmpty();
    List<String> why = new ArrayList<>();
    for (JsonNode action : AdviceJson.of(advice).path("plays").get(0).path("actions")) {
      assertThat(action.path("why")).as(action.path("action_id").asText()).isNotEmpty();
      action.path("why").forEach(w -> why.add(w.asText()));
    }
    assertThat(why)
        .allSatisfy(w -> assertThat(w).matches("[A-Z$£€0-9].*[.?!]"))
        .anySatisfy(w -> assertThat(w).contains("send a photo").contains("? No"))
        .anySatisfy(w -> assertThat(w).startsWith("An exception applies: gold and platinum"));
  }

  @Test
  void a_journalist_about_an_outage_goes_to_the_press_office_before_anything_else() {
    Advice advice = ask("journalist asking about the outage last week, wants a comment", Map.of());
    JsonNode json = AdviceJson.of(advice);

    JsonNode guardrail = json.path("guardrails").get(0);
    assertThat(guardrail.path("id").asText()).isEqualTo("press-enquiry");
    assertThat(guardrail.path("team").asText()).isEqualTo("Press office");
    assertThat(guardrail.path("do_now").asText()).contains("nothing on the record");
    assertThat(AdviceText.of(advice)).startsWith("Guardrail (same day): Say nothing");
    for (JsonNode play : json.path("plays")) {
      for (JsonNode action : play.path("actions")) {
        assertThat(action.path("decision").asText()).isIn("ESCALATE", "NOT_APPLICABLE");
      }
    }
  }

  /**
   * The measure of "help before questions": of the first answers that match a play, how
   * many ask about every action. Read over the scenario suite's texts alone (no context facts), as
   * an agent's first message.
   */
  @Test
  void at_most_a_third_of_first_answers_ask_about_every_action() {
    ScenarioSuiteTest.Suite suite = ScenarioSuiteTest.Suite.load(pipeline.pack().scenarios());
    int matched = 0;
    int allAsked = 0;
    int urgentFirst = 0;
    int urgent = 0;
    for (ScenarioSuiteTest.Scenario s : suite.scenarios()) {
      Advice advice =
          pipeline.advisor.advise(new Question(s.text(), Map.of(), "agent", suite.today()));
      if (advice.nothingFits()) {
        continue;
      }
      matched++;
      var decisions =
          advice.plays().get(0).decision().decisions().stream()
              .filter(d -> !(d instanceof dev.leeway.decide.Decision.NotApplicable))
              .toList();
      if (!decisions.isEmpty()
          && decisions.stream().allMatch(d -> d instanceof dev.leeway.decide.Decision.NeedInfo)) {
        allAsked++;
      }
      JsonNode actions = AdviceJson.of(advice).path("plays").get(0).path("actions");
      if (decisions.stream().anyMatch(d -> d.action().comesFirst())) {
        urgent++;
        if (actions.get(0).path("urgent").asBoolean()) {
          urgentFirst++;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nFirst answers: %d matched, %d (%.2f) ask about every action; urgent action first in %d"
            + " of %d%n",
        matched,
        allAsked,
        (double) allAsked / matched,
        urgentFirst,
        urgent);
    assertThat((double) allAsked / matched).isLessThanOrEqualTo(1.0 / 3);
    assertThat(urgentFirst).isEqualTo(urgent);
  }

  @Test
  void a_no_match_says_so_in_plain_words_with_the_next_step() {
    Advice advice = ask("who is covering my shift on sunday", Map.of());
    JsonNode none = AdviceJson.of(advice).path("no_match");

    assertThat(none.path("message").asText()).startsWith("No play fits").doesNotContain("0.");
    assertThat(none.path("next_step").asText()).startsWith("Escalate to the team leader on duty");
    assertThat(AgentWords.leaks(advice, pipeline.content)).isEmpty();
  }
}
