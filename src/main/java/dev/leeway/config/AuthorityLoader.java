package dev.leeway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.FieldPath;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.json.SchemaCheck;
import dev.leeway.json.YamlDocument;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates the authority matrix ({@code config/authority.yaml}), reporting every problem
 * with its line and field rather than stopping at the first.
 */
public final class AuthorityLoader {

  /** Where the matrix lives, relative to the working directory. */
  public static final Path DEFAULT_FILE = Path.of("config", "authority.yaml");

  private static final SchemaCheck SCHEMA =
      SchemaCheck.fromResource("/schema/authority.schema.json");

  private AuthorityLoader() {}

  /** Reads and validates the matrix file. */
  public static LoadResult<AuthorityMatrix> load(Path file) {
    return validate(YamlDocument.read(file));
  }

  /** Validates matrix YAML text; {@code file} only labels problems and may be null. */
  public static LoadResult<AuthorityMatrix> parse(Path file, String text) {
    return validate(YamlDocument.parse(file, text));
  }

  private static LoadResult<AuthorityMatrix> validate(YamlDocument.Parse parse) {
    return SCHEMA.load(
        parse,
        (doc, problems) -> {
          checkReferences(doc, problems);
          return problems.isEmpty() ? toMatrix(doc.root()) : null;
        });
  }

  /** What the schema cannot say: references between roles and kinds, and approver cycles. */
  private static void checkReferences(YamlDocument doc, List<Problem> problems) {
    JsonNode kinds = doc.root().path("action_kinds");
    JsonNode roles = doc.root().path("roles");
    if (!roles.isObject()) {
      return;
    }
    Map<String, String> approvers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> role : roles.properties()) {
      FieldPath rolePath = FieldPath.of("roles", role.getKey());
      JsonNode approver = role.getValue().path("approver");
      if (approver.isTextual()) {
        if (!roles.has(approver.asText())) {
          problems.add(
              doc.problem(
                  rolePath.key("approver"),
                  "unknown role '" + approver.asText() + "' (roles: " + keys(roles) + ")"));
        } else {
          approvers.put(role.getKey(), approver.asText());
        }
      }
      JsonNode limits = role.getValue().path("limits");
      if (limits.isObject()) {
        for (Map.Entry<String, JsonNode> limit : limits.properties()) {
          checkLimit(doc, kinds, rolePath.key("limits").key(limit.getKey()), limit, problems);
        }
      }
    }
    reportCycles(doc, approvers, problems);
    checkDestinations(doc, roles, problems);
  }

  /** With teams declared, every guardrail goes to a role or one of them. */
  private static void checkDestinations(YamlDocument doc, JsonNode roles, List<Problem> problems) {
    JsonNode teams = doc.root().path("teams");
    if (!teams.isArray() || teams.isEmpty()) {
      return;
    }
    List<String> known = new ArrayList<>();
    roles.fieldNames().forEachRemaining(known::add);
    teams.forEach(t -> known.add(t.asText().strip()));
    JsonNode guardrails = doc.root().path("guardrails");
    for (int i = 0; i < guardrails.size(); i++) {
      JsonNode to = guardrails.get(i).path("to");
      if (to.isTextual()
          && known.stream().noneMatch(k -> k.equalsIgnoreCase(to.asText().strip()))) {
        problems.add(
            doc.problem(
                FieldPath.of("guardrails", i, "to"), unknownDestination(to.asText(), known)));
      }
    }
  }

  /** The message for a destination that is neither a role nor a declared team. */
  public static String unknownDestination(String to, List<String> known) {
    return "unknown team or role '"
        + to
        + "'"
        + dev.leeway.json.Spelling.hint(to, known)
        + " (declared: "
        + String.join(", ", known)
        + "; add new teams under teams: in config/authority.yaml)";
  }

  private static void checkLimit(
      YamlDocument doc,
      JsonNode kinds,
      FieldPath at,
      Map.Entry<String, JsonNode> limit,
      List<Problem> problems) {
    JsonNode kind = kinds.path(limit.getKey());
    if (kinds.isObject() && kind.isMissingNode()) {
      problems.add(
          doc.problem(
              at, "unknown action kind '" + limit.getKey() + "' (known: " + keys(kinds) + ")"));
      return;
    }
    boolean monetary = kind.path("monetary").asBoolean(true);
    if (!monetary && limit.getValue().has("max_amount")) {
      problems.add(
          doc.problem(
              at.key("max_amount"),
              "'" + limit.getKey() + "' is not monetary, so it has no max_amount"));
    }
    for (String scope : List.of("per_customer", "per_agent")) {
      JsonNode budget = limit.getValue().path(scope);
      if (!monetary && budget.has("max_amount")) {
        problems.add(
            doc.problem(
                at.key(scope).key("max_amount"),
                "'" + limit.getKey() + "' is not monetary, so its budget has no max_amount"));
      }
      if (budget.isObject() && !budget.has("max_count") && !budget.has("max_amount")) {
        problems.add(
            doc.problem(at.key(scope), "needs max_count or max_amount (or both) with period_days"));
      }
    }
  }

  /** Reports each approver cycle once, on the line of the first role in it. */
  private static void reportCycles(
      YamlDocument doc, Map<String, String> approvers, List<Problem> problems) {
    Set<String> reported = new LinkedHashSet<>();
    for (String start : approvers.keySet()) {
      List<String> path = new ArrayList<>();
      for (String at = start; at != null && !reported.contains(at); at = approvers.get(at)) {
        int seen = path.indexOf(at);
        if (seen >= 0) {
          List<String> cycle = path.subList(seen, path.size());
          reported.addAll(cycle);
          problems.add(
              doc.problem(
                  FieldPath.of("roles", cycle.get(0), "approver"),
                  "approvers go round in a cycle: "
                      + String.join(" -> ", cycle)
                      + " -> "
                      + cycle.get(0)
                      + "; the top role needs no approver"));
          break;
        }
        path.add(at);
      }
    }
  }

  private static AuthorityMatrix toMatrix(JsonNode root) {
    Map<String, ActionKind> kinds = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> kind : root.path("action_kinds").properties()) {
      kinds.put(
          kind.getKey(),
          new ActionKind(
              kind.getKey(),
              kind.getValue().path("monetary").asBoolean(),
              kind.getValue().path("label").asText()));
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> role : root.path("roles").properties()) {
      Map<String, Limit> limits = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> limit : role.getValue().path("limits").properties()) {
        limits.put(limit.getKey(), toLimit(limit.getValue()));
      }
      JsonNode approver = role.getValue().path("approver");
      roles.put(
          role.getKey(),
          new Role(
              role.getKey(),
              role.getValue().path("label").asText(),
              approver.isTextual() ? approver.asText() : null,
              limits));
    }
    List<Guardrail> guardrails = new ArrayList<>();
    for (JsonNode guardrail : root.path("guardrails")) {
      List<String> cues = new ArrayList<>();
      guardrail.path("cues").forEach(cue -> cues.add(cue.asText().strip()));
      guardrails.add(
          new Guardrail(
              guardrail.path("id").asText(),
              guardrail.path("when").asText(),
              guardrail.path("to").asText(),
              guardrail.path("reason").asText(),
              cues,
              Urgency.parse(guardrail.path("urgency").asText()),
              guardrail.path("do_now").isTextual() ? guardrail.path("do_now").asText() : null));
    }
    JsonNode escalation = root.path("escalation");
    List<String> teams = new ArrayList<>();
    root.path("teams").forEach(team -> teams.add(team.asText().strip()));
    return new AuthorityMatrix(
        kinds,
        roles,
        guardrails,
        escalation.isObject()
            ? new EscalationPath(escalation.path("to").asText(), escalation.path("how").asText())
            : null,
        teams,
        new AuthorityMatrix.Publishing(root.path("publishing").path("approvals").asInt(0)));
  }

  private static Limit toLimit(JsonNode node) {
    return new Limit(
        amount(node.path("max_amount")),
        budget(node.path("per_customer")),
        budget(node.path("per_agent")));
  }

  private static Budget budget(JsonNode budget) {
    return budget.isObject()
        ? new Budget(
            budget.has("max_count") ? budget.path("max_count").asInt() : null,
            amount(budget.path("max_amount")),
            budget.path("period_days").asInt())
        : null;
  }

  private static BigDecimal amount(JsonNode node) {
    return node.isNumber() ? node.decimalValue() : null;
  }

  private static String keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return String.join(", ", keys);
  }
}
