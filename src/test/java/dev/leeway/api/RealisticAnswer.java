package dev.leeway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.api.RealisticSet.Expect;
import dev.leeway.api.RealisticSet.Urgent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One reply of the server (the REST {@code Reply} JSON) checked against what a realistic-set item
 * expects: the play, the verdicts, the urgent path and the facts read. Fields of the issue-18
 * contract that are missing count as not met, never as an error.
 *
 * @param item the situation id, or conversation id and turn
 * @param text what the agent typed
 * @param playRight whether the top play (or "none") is an accepted one; null when not expected
 * @param actualPlay the top play id, or "none"
 * @param verdictsExpected how many verdicts the item expects
 * @param verdictsRight how many of them the answer gives
 * @param urgentMet whether the urgent path was taken; null when not urgent
 * @param matched whether a play matched with at least one action that applies
 * @param allNeedInfo whether every action that applies is NEED_INFO
 * @param problems every difference, in words
 * @param got the answer in one line per action, for the report
 */
record RealisticAnswer(
    String item,
    String text,
    Boolean playRight,
    String actualPlay,
    int verdictsExpected,
    int verdictsRight,
    Boolean urgentMet,
    boolean matched,
    boolean allNeedInfo,
    List<String> problems,
    String got) {

  /** Words an urgent answer must never use: the general path's promise of a later answer. */
  static final String GENERAL_PATH = "within one working day";

  static RealisticAnswer check(String item, String text, JsonNode reply, Expect expect) {
    List<String> problems = new ArrayList<>();
    JsonNode answer = reply.path("answer");
    JsonNode top = answer.path("plays").path(0);
    String actualPlay = top.isMissingNode() ? "none" : top.path("play_id").asText();

    Boolean playRight = null;
    if (expect.play() != null) {
      playRight = expect.play().accepts(actualPlay);
      if (!playRight) {
        problems.add(
            "play: expected "
                + expect.play()
                + ", got "
                + actualPlay
                + " ("
                + nearest(answer)
                + ")");
      }
    }
    if (expect.kind() != null && !expect.kind().equals(reply.path("kind").asText())) {
      problems.add("kind: expected " + expect.kind() + ", got " + reply.path("kind").asText());
    }

    int right = 0;
    for (Map.Entry<String, RealisticSet.Verdict> e : expect.verdicts().entrySet()) {
      Optional<JsonNode> action = action(top, e.getKey());
      if (action.isEmpty()) {
        problems.add(e.getKey() + ": expected " + e.getValue() + ", not in the answer");
      } else if (e.getValue().accepts(action.get().path("decision").asText())) {
        right++;
      } else {
        problems.add(e.getKey() + ": expected " + e.getValue() + ", got " + summary(action.get()));
      }
    }

    Boolean urgentMet = null;
    if (expect.urgent() != null) {
      List<String> urgentProblems = urgent(reply, top, expect.urgent());
      urgentMet = urgentProblems.isEmpty();
      problems.addAll(urgentProblems);
    }

    expect
        .read()
        .forEach(
            (name, value) -> {
              Optional<JsonNode> fact = fact(answer, top, name);
              if (value == null) {
                fact.filter(f -> !f.path("source").path("type").asText().equals("assumed"))
                    .ifPresent(f -> problems.add("read: expected no " + name + ", got " + show(f)));
              } else if (fact.isEmpty()) {
                problems.add("read: expected " + name + " = " + value + ", not read");
              } else if (!same(fact.get().path("value"), value)) {
                problems.add(
                    "read: expected " + name + " = " + value + ", got " + show(fact.get()));
              }
            });

    List<JsonNode> applying = new ArrayList<>();
    top.path("actions")
        .forEach(
            a -> {
              if (!a.path("decision").asText().equals("NOT_APPLICABLE")) {
                applying.add(a);
              }
            });
    boolean matched = answer.path("outcome").asText().equals("matched") && !applying.isEmpty();
    boolean allNeedInfo =
        matched && applying.stream().allMatch(a -> a.path("decision").asText().equals("NEED_INFO"));

    return new RealisticAnswer(
        item,
        text,
        playRight,
        actualPlay,
        expect.verdicts().size(),
        right,
        urgentMet,
        matched,
        allNeedInfo,
        List.copyOf(problems),
        describe(reply, top));
  }

  /** Why the urgent path was not taken, or nothing when it was. */
  private static List<String> urgent(JsonNode reply, JsonNode top, Urgent urgent) {
    List<String> problems = new ArrayList<>();
    JsonNode answer = reply.path("answer");
    JsonNode guardrails = answer.path("guardrails");
    if (urgent.guardrail() != null) {
      JsonNode fired = null;
      for (JsonNode g : guardrails) {
        if (g.path("id").asText().equals(urgent.guardrail())) {
          fired = g;
        }
      }
      if (fired == null) {
        problems.add(
            "urgent: guardrail "
                + urgent.guardrail()
                + " not in answer.guardrails "
                + (guardrails.isMissingNode() ? "(no guardrails field)" : guardrails.toString()));
      } else {
        if (urgent.team() != null && !urgent.team().equalsIgnoreCase(fired.path("team").asText())) {
          problems.add(
              "urgent: guardrail team expected "
                  + urgent.team()
                  + ", got "
                  + fired.path("team").asText());
        }
        if (urgent.urgency() != null && !urgent.urgency().equals(fired.path("urgency").asText())) {
          problems.add(
              "urgent: urgency expected "
                  + urgent.urgency()
                  + ", got "
                  + fired.path("urgency").asText("(none)"));
        }
        if (fired.path("do_now").asText().isBlank()) {
          problems.add("urgent: guardrail " + urgent.guardrail() + " has no do_now");
        }
      }
    } else if (urgent.team() != null) {
      boolean taken = false;
      for (JsonNode g : guardrails) {
        taken |= urgent.team().equalsIgnoreCase(g.path("team").asText());
      }
      for (JsonNode a : top.path("actions")) {
        taken |=
            a.path("decision").asText().equals("ESCALATE")
                && urgent.team().equalsIgnoreCase(a.path("escalate_to").asText());
      }
      if (!taken) {
        problems.add("urgent: nothing goes to " + urgent.team());
      }
    }
    int firstOrdinary = Integer.MAX_VALUE;
    JsonNode actions = top.path("actions");
    for (int i = 0; i < actions.size(); i++) {
      if (!actions.get(i).path("urgent").asBoolean(false)) {
        firstOrdinary = Math.min(firstOrdinary, i);
      }
    }
    for (String id : urgent.actions()) {
      Optional<JsonNode> a = action(top, id);
      if (a.isEmpty()) {
        problems.add("urgent: action " + id + " not in the answer");
        continue;
      }
      if (!a.get().path("urgent").asBoolean(false)) {
        problems.add("urgent: action " + id + " is not marked urgent");
      }
      int at = indexOf(actions, id);
      if (at > firstOrdinary) {
        problems.add("urgent: action " + id + " comes after a non-urgent action");
      }
      if (a.get().path("decision").asText().equals("NEED_INFO")) {
        problems.add("urgent: action " + id + " waits behind a question: " + summary(a.get()));
      }
    }
    if (urgent.steps()) {
      boolean steps = top.path("urgent_steps").size() > 0 || answer.path("urgent_steps").size() > 0;
      if (!steps) {
        problems.add("urgent: no urgent_steps");
      }
    }
    List<String> words = new ArrayList<>();
    words.add(reply.path("message").asText());
    words.add(answer.path("no_match").path("next_step").asText());
    guardrails.forEach(g -> words.add(g.path("do_now").asText()));
    if (words.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains(GENERAL_PATH))) {
      problems.add(
          "urgent: the answer sends the case down the general path (\"" + GENERAL_PATH + "\")");
    }
    return problems;
  }

  static Optional<JsonNode> action(JsonNode play, String id) {
    for (JsonNode a : play.path("actions")) {
      if (a.path("action_id").asText().equals(id)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static int indexOf(JsonNode actions, String id) {
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i).path("action_id").asText().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** A fact as the play sees it (the first action's trace), else as read from the words. */
  static Optional<JsonNode> fact(JsonNode answer, JsonNode top, String name) {
    for (JsonNode a : top.path("actions")) {
      for (JsonNode f : a.path("trace").path("facts")) {
        if (f.path("name").asText().equals(name)) {
          return Optional.of(f);
        }
      }
    }
    for (JsonNode f : answer.path("facts")) {
      if (f.path("name").asText().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static boolean same(JsonNode value, String expected) {
    if (value.isNumber()) {
      try {
        return value.decimalValue().compareTo(new BigDecimal(expected)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return value.asText().equalsIgnoreCase(expected);
  }

  static String show(JsonNode fact) {
    JsonNode source = fact.path("source");
    String from =
        switch (source.path("type").asText()) {
          case "text" -> "\"" + source.path("span").asText() + "\" turn " + source.path("turn");
          default -> source.path("type").asText();
        };
    return fact.path("name").asText() + "=" + fact.path("display").asText() + " (" + from + ")";
  }

  private static String summary(JsonNode action) {
    String kind = action.path("decision").asText();
    return switch (kind) {
      case "NEEDS_APPROVAL" -> kind + " by " + action.path("approver").asText();
      case "ESCALATE" -> kind + " to " + action.path("escalate_to").asText();
      case "NEED_INFO" -> kind + " (" + action.path("fact").asText() + ")";
      default -> kind;
    };
  }

  private static String nearest(JsonNode answer) {
    List<String> out = new ArrayList<>();
    JsonNode candidates = answer.path("plays");
    if (candidates.isEmpty()) {
      candidates = answer.path("no_match").path("nearest");
    }
    if (candidates.isEmpty()) {
      candidates = answer.path("vague").path("likeliest");
    }
    for (JsonNode c : candidates) {
      if (out.size() == 3) {
        break;
      }
      out.add(
          c.path("play_id").asText()
              + String.format(Locale.ROOT, " %.2f", c.path("confidence").asDouble()));
    }
    return answer.path("outcome").asText() + ": " + String.join(", ", out);
  }

  private static String describe(JsonNode reply, JsonNode top) {
    StringBuilder out = new StringBuilder();
    out.append(reply.path("kind").asText());
    if (reply.has("case")) {
      out.append(", case ").append(reply.path("case").asInt());
    }
    if (reply.path("case_started").asBoolean(false)) {
      out.append(" (started)");
    }
    if (!top.isMissingNode()) {
      out.append(", ")
          .append(top.path("play_id").asText())
          .append(String.format(Locale.ROOT, " %.2f", top.path("confidence").asDouble()));
      for (JsonNode a : top.path("actions")) {
        out.append("\n        ")
            .append(a.path("action_id").asText())
            .append(": ")
            .append(summary(a))
            .append(a.path("urgent").asBoolean(false) ? " [urgent]" : "");
      }
    }
    JsonNode guardrails = reply.path("answer").path("guardrails");
    guardrails.forEach(
        g ->
            out.append("\n        guardrail ")
                .append(g.path("id").asText())
                .append(" -> ")
                .append(g.path("team").asText())
                .append(" (")
                .append(g.path("urgency").asText())
                .append(")"));
    List<String> facts = new ArrayList<>();
    reply.path("answer").path("facts").forEach(f -> facts.add(show(f)));
    if (!facts.isEmpty()) {
      out.append("\n        facts: ").append(String.join(", ", facts));
    }
    JsonNode followUp = reply.path("follow_up");
    if (!followUp.isMissingNode()) {
      out.append("\n        follow_up ")
          .append(followUp.path("type").asText())
          .append(": ")
          .append(followUp.path("question").asText());
    }
    return out.toString();
  }
}
