package dev.leeway.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.config.ActionKind;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Budget;
import dev.leeway.config.Limit;
import dev.leeway.config.Role;
import dev.leeway.json.Json;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PlayStatus;
import dev.leeway.playbook.Playbook;
import dev.leeway.store.AnswerRepository.AnswerRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, hand-counted set of stored answers (2026-03-01 to 2026-03-03, two outside), with the
 * authority matrix and plays they were decided on. The expected figures are in the tests.
 */
public final class InsightsFixture {

  public static final Period PERIOD =
      new Period(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"));
  public static final LocalDate TODAY = LocalDate.parse("2026-03-10");

  private InsightsFixture() {}

  /** One action's decision, with its trace's checks as (subject, condition, outcome) triples. */
  public static ObjectNode action(
      String id, String kind, String decision, String amount, String... checks) {
    ObjectNode a = Json.json().createObjectNode();
    a.put("action_id", id).put("label", id).put("kind", kind).put("decision", decision);
    if (amount != null) {
      a.put("amount", new BigDecimal(amount));
    }
    a.put("currency", "USD").put("reason", "because");
    ObjectNode trace = a.putObject("trace");
    trace.put("play_id", "p").put("role", "agent");
    trace.putArray("facts");
    ArrayNode list = trace.putArray("checks");
    for (int i = 0; i < checks.length; i += 3) {
      list.addObject()
          .put("subject", checks[i])
          .put("condition", checks[i + 1])
          .put("outcome", checks[i + 2])
          .put("explanation", "x");
    }
    return a;
  }

  public static String answer(String outcome, String playId, ObjectNode... actions) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("outcome", outcome);
    ArrayNode plays = json.putArray("plays");
    if (playId != null) {
      ObjectNode play = plays.addObject();
      play.put("play_id", playId).put("title", playId).put("version", 1);
      ArrayNode list = play.putArray("actions");
      for (ObjectNode a : actions) {
        list.add(a);
      }
    }
    json.putArray("facts");
    return json.toString();
  }

  public static AnswerRow row(String id, String at, String role, String outcome, String answer) {
    return new AnswerRow(
        id,
        Instant.parse(at),
        "user-" + role,
        role,
        "suggest",
        null,
        null,
        null,
        LocalDate.parse(at.substring(0, 10)),
        "text " + id,
        "{}",
        "v1",
        outcome,
        answer);
  }

  public static List<AnswerRow> rows() {
    return List.of(
        row(
            "a1",
            "2026-03-01T09:00:00Z",
            "agent",
            "matched",
            answer(
                "matched",
                "refund-late",
                action(
                    "refund",
                    "refund",
                    "NEEDS_APPROVAL",
                    "120",
                    "rule",
                    "days_late > 7",
                    "true",
                    "limit",
                    "$120.00 <= $75.00",
                    "false"),
                action("call", "callback", "CAN_DO", null))),
        row(
            "a2",
            "2026-03-01T23:30:00Z",
            "agent",
            "matched",
            answer(
                "matched",
                "credit-goodwill",
                action(
                    "credit",
                    "credit",
                    "NEEDS_APPROVAL",
                    "30",
                    "limit",
                    "$30.00 <= $50.00",
                    "true",
                    "customer budget",
                    "2 < 2",
                    "false"))),
        row(
            "a3",
            "2026-03-02T10:00:00Z",
            "senior_agent",
            "matched",
            answer(
                "matched",
                "refund-late",
                action("refund", "refund", "CAN_DO", "200", "limit", "$200.00 <= $250.00", "true"),
                action("call", "callback", "CAN_DO", null))),
        row(
            "a4",
            "2026-03-02T11:00:00Z",
            "agent",
            "matched",
            answer(
                "matched",
                "return-window",
                action(
                    "return",
                    "refund",
                    "CANNOT_DO",
                    "40",
                    "rule",
                    "days_since_purchase <= 30",
                    "false"),
                action(
                    "legal",
                    "callback",
                    "ESCALATE",
                    null,
                    "trigger legal",
                    "legal_threat",
                    "true"))),
        row("a5", "2026-03-03T08:00:00Z", "agent", "no_match", answer("no_match", null)),
        row("a6", "2026-03-03T09:00:00Z", "agent", "vague", answer("vague", null)),
        row(
            "a7",
            "2026-03-01T12:00:00Z",
            "agent",
            "matched",
            answer(
                "matched",
                "refund-late",
                action(
                    "refund",
                    "refund",
                    "NEEDS_APPROVAL",
                    "90",
                    "limit",
                    "$90.00 <= $75.00",
                    "false"),
                action("call", "callback", "NEED_INFO", null))),
        row(
            "a8",
            "2026-02-28T23:59:59Z",
            "agent",
            "matched",
            answer(
                "matched",
                "lost-parcel",
                action(
                    "refund",
                    "refund",
                    "NEEDS_APPROVAL",
                    "500",
                    "limit",
                    "$500.00 <= $75.00",
                    "false"))),
        row(
            "a9",
            "2026-03-04T00:00:00Z",
            "agent",
            "matched",
            answer("matched", "lost-parcel", action("call", "callback", "CAN_DO", null))));
  }

  public static AuthorityMatrix authority() {
    return authorityWithRefundCap("75");
  }

  /** The fixture's matrix with another per-action cap on the agent's refunds. */
  public static AuthorityMatrix authorityWithRefundCap(String cap) {
    Map<String, ActionKind> kinds = new LinkedHashMap<>();
    kinds.put("refund", new ActionKind("refund", true, "Refund"));
    kinds.put("credit", new ActionKind("credit", true, "Credit"));
    kinds.put("callback", new ActionKind("callback", false, "Callback"));
    Map<String, Role> roles = new LinkedHashMap<>();
    roles.put(
        "agent",
        new Role(
            "agent",
            "Agent",
            "senior_agent",
            Map.of(
                "refund",
                new Limit(new BigDecimal(cap), null, null),
                "credit",
                new Limit(new BigDecimal("50"), new Budget(2, new BigDecimal("50"), 365), null),
                "callback",
                Limit.UNLIMITED)));
    roles.put(
        "senior_agent",
        new Role(
            "senior_agent",
            "Senior agent",
            null,
            Map.of("refund", new Limit(new BigDecimal("250"), null, null))));
    return new AuthorityMatrix(kinds, roles);
  }

  public static Playbook playbook() {
    return Playbook.of(
        List.of(
            play("refund-late", "Late order refund", PlayStatus.PUBLISHED, "2027-01-01"),
            play("credit-goodwill", "Goodwill credit", PlayStatus.PUBLISHED, "2027-01-01"),
            play("return-window", "Return window", PlayStatus.PUBLISHED, "2026-03-10"),
            play("lost-parcel", "Lost parcel", PlayStatus.PUBLISHED, "2026-03-01"),
            play("old-draft", "Old draft", PlayStatus.DRAFT, "2025-01-01")));
  }

  static Play play(String id, String title, PlayStatus status, String reviewBy) {
    return new Play(
        id,
        title,
        "",
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "ops",
        status,
        1,
        LocalDate.parse(reviewBy));
  }
}
