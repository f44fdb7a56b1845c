package dev.leeway.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the figures need of one stored answer: when, for which role, its outcome, and each action's
 * decision with the check that held it back. Read from the answer's JSON, the same on SQLite and
 * PostgreSQL.
 *
 * @param outcome "matched", "vague" or "no_match", as stored
 * @param plays the ids of the plays suggested, in order
 */
public record AnswerDigest(
    Instant at, String role, String outcome, List<String> plays, List<ActionDigest> actions) {

  public AnswerDigest {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(outcome, "outcome");
    plays = List.copyOf(plays);
    actions = List.copyOf(actions);
  }

  /**
   * One action's decision.
   *
   * @param kind the action kind from the authority matrix ("refund", "credit"...)
   * @param amount the amount the action was for, when known
   * @param heldBack the limit or budget check that failed, when one did
   * @param rule the action's normal rule as written, when the trace has one
   */
  public record ActionDigest(
      String playId,
      String actionId,
      String kind,
      DecisionKind decision,
      Optional<BigDecimal> amount,
      Optional<HeldBack> heldBack,
      Optional<String> rule) {}

  /** The UTC day it was given on. */
  public LocalDate day() {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /**
   * Reads a stored answer.
   *
   * @throws IllegalArgumentException when the answer is not JSON
   */
  public static AnswerDigest of(Instant at, String role, String outcome, String answerJson) {
    JsonNode answer;
    try {
      answer = Json.json().readTree(answerJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a stored answer is not JSON: " + e.getOriginalMessage());
    }
    List<String> plays = new ArrayList<>();
    List<ActionDigest> actions = new ArrayList<>();
    for (JsonNode play : answer.path("plays")) {
      String playId = play.path("play_id").asText();
      plays.add(playId);
      for (JsonNode action : play.path("actions")) {
        Optional<DecisionKind> decision = DecisionKind.named(action.path("decision").asText());
        if (decision.isEmpty()) {
          continue;
        }
        JsonNode amount = action.get("amount");
        Optional<HeldBack> heldBack = Optional.empty();
        Optional<String> rule = Optional.empty();
        for (JsonNode check : action.path("trace").path("checks")) {
          String subject = check.path("subject").asText();
          if (subject.equals("rule")) {
            rule = Optional.of(check.path("condition").asText());
          } else if (heldBack.isEmpty() && "false".equals(check.path("outcome").asText())) {
            heldBack = HeldBack.bySubject(subject);
          }
        }
        actions.add(
            new ActionDigest(
                playId,
                action.path("action_id").asText(),
                action.path("kind").asText(),
                decision.get(),
                amount != null && amount.isNumber()
                    ? Optional.of(amount.decimalValue())
                    : Optional.empty(),
                decision.get().upwards() ? heldBack : Optional.empty(),
                rule));
      }
    }
    return new AnswerDigest(at, role, outcome, plays, actions);
  }
}
