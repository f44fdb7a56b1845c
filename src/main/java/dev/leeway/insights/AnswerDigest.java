package dev.leeway.insights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.Json;
import java.io.IOException;
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
   * @param cap for an action held back, the cap or budget in force when it was decided, when known
   *     (answers recorded before the digest existed do not know it)
   */
  public record ActionDigest(
      String playId,
      String actionId,
      String kind,
      DecisionKind decision,
      Optional<BigDecimal> amount,
      Optional<HeldBack> heldBack,
      Optional<String> rule,
      Optional<Cap> cap) {

    public ActionDigest {
      Objects.requireNonNull(playId, "playId");
      Objects.requireNonNull(actionId, "actionId");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(decision, "decision");
      cap = heldBack.isPresent() ? cap : Optional.empty();
    }
  }

  /**
   * This answer with the caps of {@code matrix} beside each action held back: the matrix the answer
   * was decided on, so the figures show the cap in force at the time.
   */
  public AnswerDigest withCaps(AuthorityMatrix matrix) {
    List<ActionDigest> capped = new ArrayList<>(actions.size());
    for (ActionDigest a : actions) {
      capped.add(
          new ActionDigest(
              a.playId(),
              a.actionId(),
              a.kind(),
              a.decision(),
              a.amount(),
              a.heldBack(),
              a.rule(),
              a.heldBack().map(h -> Cap.in(matrix, role, a.kind(), h))));
    }
    return new AnswerDigest(at, role, outcome, plays, capped);
  }

  /** The UTC day it was given on. */
  public LocalDate day() {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /**
   * Reads a stored answer. It streams through the JSON and skips what the figures do not read (the
   * facts, reasons and the facts of each trace), which is most of an answer's bytes.
   *
   * @throws IllegalArgumentException when the answer is not JSON
   */
  public static AnswerDigest of(Instant at, String role, String outcome, String answerJson) {
    List<String> plays = new ArrayList<>();
    List<ActionDigest> actions = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(answerJson)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a stored answer is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("plays") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            play(p, plays, actions);
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("a stored answer is not JSON: " + e.getMessage());
    }
    return new AnswerDigest(at, role, outcome, plays, actions);
  }

  private static final JsonFactory FACTORY = Json.json().getFactory();

  private static void play(JsonParser p, List<String> plays, List<ActionDigest> actions)
      throws IOException {
    String playId = "";
    List<JsonNode> raw = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("play_id")) {
        playId = p.getValueAsString("");
      } else if (field.equals("actions") && value == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          raw.add(action(p));
        }
      } else {
        p.skipChildren();
      }
    }
    plays.add(playId);
    for (JsonNode action : raw) {
      digest(playId, action).ifPresent(actions::add);
    }
  }

  /** One action's own fields and its trace's checks; its trace's facts are skipped. */
  private static JsonNode action(JsonParser p) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode action = Json.json().createObjectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "action_id", "kind", "decision" -> action.put(field, p.getValueAsString(""));
        case "amount" -> {
          if (value.isNumeric()) {
            action.put(field, p.getDecimalValue());
          }
        }
        case "trace" -> {
          if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String traceField = p.currentName();
            p.nextToken();
            if (traceField.equals("checks") && p.currentToken() == JsonToken.START_ARRAY) {
              com.fasterxml.jackson.databind.node.ArrayNode checks = action.putArray("checks");
              while (p.nextToken() == JsonToken.START_OBJECT) {
                com.fasterxml.jackson.databind.node.ObjectNode check = checks.addObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  String checkField = p.currentName();
                  p.nextToken();
                  switch (checkField) {
                    case "subject", "condition", "outcome" ->
                        check.put(checkField, p.getValueAsString(""));
                    default -> p.skipChildren();
                  }
                }
              }
            } else {
              p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    return action;
  }

  private static Optional<ActionDigest> digest(String playId, JsonNode action) {
    Optional<DecisionKind> decision = DecisionKind.named(action.path("decision").asText());
    if (decision.isEmpty()) {
      return Optional.empty();
    }
    JsonNode amount = action.get("amount");
    Optional<HeldBack> heldBack = Optional.empty();
    Optional<String> rule = Optional.empty();
    for (JsonNode check : action.path("checks")) {
      String subject = check.path("subject").asText();
      if (subject.equals("rule")) {
        String condition = check.path("condition").asText();
        rule = condition.isEmpty() ? Optional.empty() : Optional.of(condition);
      } else if (heldBack.isEmpty() && "false".equals(check.path("outcome").asText())) {
        heldBack = HeldBack.bySubject(subject);
      }
    }
    return Optional.of(
        new ActionDigest(
            playId,
            action.path("action_id").asText(),
            action.path("kind").asText(),
            decision.get(),
            amount != null && amount.isNumber()
                ? Optional.of(amount.decimalValue())
                : Optional.empty(),
            decision.get().upwards() ? heldBack : Optional.empty(),
            rule,
            Optional.empty()));
  }
}
