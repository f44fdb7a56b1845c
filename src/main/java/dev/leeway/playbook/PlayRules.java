package dev.leeway.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.config.ActionKind;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.FieldPath;
import dev.leeway.json.Problem;
import dev.leeway.json.YamlDocument;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a play that a JSON Schema cannot express: unique ids, references between fields, and
 * action kinds from the authority matrix.
 *
 * <p>Works on the YAML tree rather than on {@link Play} so that it still reports what it can when
 * the schema has found wrong types elsewhere in the same file: every rule skips nodes of the wrong
 * shape, which the schema has already reported.
 */
final class PlayRules {

  private static final Pattern ISO_DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final YamlDocument doc;
  private final AuthorityMatrix authority;
  private final FactCatalogue catalogue;
  private final List<Problem> problems = new ArrayList<>();

  private PlayRules(YamlDocument doc, AuthorityMatrix authority, FactCatalogue catalogue) {
    this.doc = doc;
    this.authority = authority;
    this.catalogue = catalogue;
  }

  /** The condition fields of a play, where YAML reads a leading {@code !} as a tag. */
  private static final Set<String> CONDITION_KEYS = Set.of("when", "applies_when", "derive");

  /**
   * The schema's problems, with the commonest YAML slip explained: an unquoted condition starting
   * with {@code !} reads as a YAML tag and leaves the field empty ("must not be blank").
   */
  static List<Problem> explainYamlSlips(YamlDocument doc, List<Problem> problems) {
    List<Problem> out = new ArrayList<>();
    for (Problem problem : problems) {
      String key =
          problem.field().contains(".")
              ? problem.field().substring(problem.field().lastIndexOf('.') + 1)
              : problem.field();
      if (CONDITION_KEYS.contains(key) && problem.message().equals("must not be blank")) {
        String raw = rawLine(doc, problem.line());
        int colon = raw.indexOf(key + ":");
        String written = colon < 0 ? "" : raw.substring(colon + key.length() + 1).strip();
        if (written.startsWith("!")) {
          out.add(
              new Problem(
                  problem.file(),
                  problem.line(),
                  problem.field(),
                  "YAML reads the leading '!' of "
                      + written
                      + " as a tag, so the condition came out empty: quote it, "
                      + key
                      + ": \""
                      + written
                      + "\""));
          continue;
        }
      }
      out.add(problem);
    }
    return out;
  }

  private static String rawLine(YamlDocument doc, int line) {
    return doc.rawLine(line);
  }

  static List<Problem> check(YamlDocument doc, AuthorityMatrix authority, FactCatalogue catalogue) {
    PlayRules rules = new PlayRules(doc, authority, catalogue);
    if (doc.root().isObject()) {
      rules.checkAll();
    }
    return rules.problems;
  }

  private void checkAll() {
    Map<String, String> factTypes = checkFacts();
    Set<String> actionIds = uniqueIds("actions", "id", "action id");
    uniqueIds("exceptions", "id", "exception id");
    uniqueIds("triggers", "id", "trigger id");
    checkActions(factTypes);
    checkExceptions(actionIds);
    checkTriggers(actionIds);
    checkAlternatives(actionIds);
    checkConditions();
    checkExamples();
    checkReviewBy();
  }

  /** Checks fact names and values; returns each fact's declared type by name. */
  private Map<String, String> checkFacts() {
    uniqueIds("facts", "name", "fact");
    Map<String, String> types = new LinkedHashMap<>();
    forEachObject(
        "facts",
        (at, fact) -> {
          String type = fact.path("type").asText("");
          if (fact.path("name").isTextual()) {
            types.putIfAbsent(fact.path("name").asText(), type);
          }
          boolean hasValues = fact.has("values");
          if (type.equals("enum") && !hasValues) {
            problems.add(
                new Problem(
                    doc.file(),
                    doc.lineOf(at),
                    at.key("values").toString(),
                    "an enum fact needs its values, e.g. values: [none, silver, gold]"));
          } else if (hasValues && !type.equals("enum") && !type.isEmpty()) {
            problems.add(
                doc.problem(at.key("values"), "only enum facts have values; this fact is " + type));
          }
          uniqueStrings(at.key("values"), fact.path("values"), "value");
        });
    return types;
  }

  private void checkActions(Map<String, String> factTypes) {
    forEachObject(
        "actions",
        (at, action) -> {
          JsonNode kindNode = action.path("kind");
          Optional<ActionKind> kind =
              kindNode.isTextual() ? authority.kind(kindNode.asText()) : Optional.empty();
          if (kindNode.isTextual() && kind.isEmpty()) {
            problems.add(
                doc.problem(
                    at.key("kind"),
                    "unknown action kind '"
                        + kindNode.asText()
                        + "' (known: "
                        + String.join(", ", authority.actionKinds().keySet())
                        + ")"));
          }
          JsonNode amount = action.path("amount");
          if (amount.isMissingNode() || amount.isNull()) {
            return;
          }
          if (kind.isPresent() && !kind.get().monetary()) {
            problems.add(
                doc.problem(
                    at.key("amount"),
                    "'" + kindNode.asText() + "' is not monetary, so the action has no amount"));
          } else if (amount.isTextual()) {
            checkAmountFact(at.key("amount"), amount.asText(), factTypes);
          }
        });
  }

  private void checkAmountFact(FieldPath at, String name, Map<String, String> factTypes) {
    if (isNumber(name)) {
      problems.add(doc.problem(at, "write a fixed amount as a number, without quotes: " + name));
      return;
    }
    if (!FACT_NAME.matcher(name.strip()).matches()) {
      return; // an expression over money facts: compiled with the conditions
    }
    String type = factTypes.get(name);
    if ("money".equals(type)) {
      return;
    }
    List<String> money =
        factTypes.entrySet().stream()
            .filter(e -> e.getValue().equals("money"))
            .map(Map.Entry::getKey)
            .toList();
    String known =
        money.isEmpty() ? "this play declares none" : "money facts: " + String.join(", ", money);
    problems.add(
        doc.problem(
            at,
            type == null
                ? "'" + name + "' is neither a number nor a money fact of this play (" + known + ")"
                : "'" + name + "' is a " + type + " fact, not money (" + known + ")"));
  }

  /**
   * Compiles every condition against the play's facts and the shared ones, and checks that a fact
   * the play shares with config/facts.yaml has the same type there.
   */
  private void checkConditions() {
    List<FactSpec> scope = new ArrayList<>();
    catalogue.facts().values().forEach(shared -> scope.add(shared.spec()));
    forEachObject(
        "facts",
        (at, fact) -> {
          Optional<FactSpec> spec = declaredSpec(fact);
          if (spec.isEmpty()) {
            return; // the schema has reported the shape
          }
          Optional<SharedFact> shared = catalogue.fact(spec.get().name());
          if (shared.isPresent() && !sameShape(shared.get().spec(), spec.get())) {
            FactSpec expected = shared.get().spec();
            problems.add(
                doc.problem(
                    at.key("type"),
                    "'"
                        + spec.get().name()
                        + "' is "
                        + describe(expected)
                        + " in config/facts.yaml; declare it the same way or rename it"));
          }
          scope.add(spec.get());
        });
    if (!factsWellFormed()) {
      return; // conditions over malformed facts would only repeat those problems
    }
    ConditionCompiler compiler = ConditionCompiler.forFacts(scope);
    for (String list : List.of("actions", "exceptions", "triggers")) {
      forEachObject(
          list,
          (at, item) -> {
            for (String key : List.of("when", "applies_when")) {
              JsonNode when = item.path(key);
              if (when.isTextual() && !when.asText().isBlank()) {
                switch (compiler.compile(when.asText())) {
                  case ConditionCompiler.Rejected rejected ->
                      problems.add(doc.problem(at.key(key), rejected.message()));
                  case ConditionCompiler.Compiled compiled ->
                      ConditionProbe.check(compiled, compiler.facts())
                          .ifPresent(p -> problems.add(doc.problem(at.key(key), p)));
                }
              }
            }
            JsonNode amount = item.path("amount");
            if (list.equals("actions")
                && amount.isTextual()
                && !isNumber(amount.asText())
                && !FACT_NAME.matcher(amount.asText().strip()).matches()) {
              switch (compiler.compileValue(amount.asText(), FactType.MONEY)) {
                case ConditionCompiler.Rejected rejected ->
                    problems.add(
                        doc.problem(
                            at.key("amount"),
                            "the amount "
                                + amount.asText()
                                + " "
                                + rejected
                                    .message()
                                    .replaceFirst(
                                        "^must be true or false, but", "must be money, but")));
                case ConditionCompiler.Compiled compiled ->
                    ConditionProbe.check(compiled, compiler.facts())
                        .ifPresent(p -> problems.add(doc.problem(at.key("amount"), p)));
              }
            }
          });
    }
    checkFactExtras(compiler);
  }

  /** A fact's default, derivation and cue words fit its type and the facts around it. */
  private void checkFactExtras(ConditionCompiler compiler) {
    Set<String> above = new LinkedHashSet<>();
    catalogue.facts().keySet().forEach(above::add);
    forEachObject(
        "facts",
        (at, fact) -> {
          Optional<FactSpec> declared = declaredSpec(fact);
          if (declared.isEmpty()) {
            return;
          }
          FactSpec spec = declared.get();
          JsonNode defaultValue = fact.path("default");
          if (!defaultValue.isMissingNode()) {
            defaultProblem(spec, defaultValue)
                .ifPresent(p -> problems.add(doc.problem(at.key("default"), p)));
            if (fact.has("derive")) {
              problems.add(
                  doc.problem(
                      at.key("default"), "a derived fact is worked out, so it has no default"));
            }
          }
          JsonNode derive = fact.path("derive");
          if (derive.isTextual() && !derive.asText().isBlank()) {
            switch (compiler.compileValue(derive.asText(), spec.type())) {
              case ConditionCompiler.Rejected rejected ->
                  problems.add(
                      doc.problem(
                          at.key("derive"),
                          rejected
                              .message()
                              .replaceFirst(
                                  "^must be true or false, but",
                                  "must be "
                                      + spec.type().name().toLowerCase(Locale.ROOT)
                                      + ", but")));
              case ConditionCompiler.Compiled compiled -> {
                List<String> later =
                    compiled.facts().stream().filter(f -> !above.contains(f)).toList();
                if (!later.isEmpty()) {
                  problems.add(
                      doc.problem(
                          at.key("derive"),
                          "may only use facts declared above it or shared ones; "
                              + String.join(", ", later)
                              + (later.contains(spec.name())
                                  ? " (a fact cannot be derived from itself)"
                                  : " comes later: move this fact below it")));
                }
                ConditionProbe.check(compiled, compiler.facts())
                    .ifPresent(p -> problems.add(doc.problem(at.key("derive"), p)));
              }
            }
          }
          above.add(spec.name());
          JsonNode cues = fact.path("cues");
          if (cues.isObject()) {
            Set<String> allowed =
                switch (spec.type()) {
                  case ENUM -> new LinkedHashSet<>(spec.values());
                  case BOOLEAN -> new LinkedHashSet<>(List.of("true", "false"));
                  default -> Set.of();
                };
            if (allowed.isEmpty()) {
              problems.add(
                  doc.problem(
                      at.key("cues"),
                      "cue words are for enum and boolean facts; this fact is "
                          + spec.type().name().toLowerCase(Locale.ROOT)));
            } else {
              cues.fieldNames()
                  .forEachRemaining(
                      value -> {
                        if (!allowed.contains(value)) {
                          problems.add(
                              doc.problem(
                                  at.key("cues").key(value),
                                  "'"
                                      + value
                                      + "' is not a value of "
                                      + spec.name()
                                      + dev.leeway.json.Spelling.hint(value, allowed)
                                      + " (values: "
                                      + String.join(", ", allowed)
                                      + ")"));
                        }
                      });
            }
          }
        });
  }

  /** Why a default does not fit its fact's type, if it does not. */
  static Optional<String> defaultProblem(FactSpec spec, JsonNode value) {
    String text = value.asText();
    boolean fits =
        switch (spec.type()) {
          case MONEY -> value.isNumber() && value.decimalValue().signum() >= 0;
          case COUNT, DAYS -> value.isIntegralNumber() && value.longValue() >= 0;
          case BOOLEAN -> value.isBoolean();
          case ENUM -> value.isTextual() && spec.values().contains(text);
          case TEXT -> value.isTextual();
          case DATE -> value.isTextual() && ISO_DATE_SHAPE.matcher(text).matches() && parses(text);
        };
    if (fits) {
      return Optional.empty();
    }
    return Optional.of(
        switch (spec.type()) {
          case MONEY -> "a money default is a number 0 or more, e.g. 50";
          case COUNT, DAYS -> "this default must be a whole number 0 or more, e.g. 3";
          case BOOLEAN -> "a yes/no default is true or false";
          case ENUM ->
              "'"
                  + text
                  + "' is not a value of "
                  + spec.name()
                  + " (values: "
                  + String.join(", ", spec.values())
                  + ")";
          case TEXT -> "a text default is text";
          case DATE -> "a date default is YYYY-MM-DD, e.g. 2026-01-31";
        });
  }

  private static boolean parses(String date) {
    try {
      LocalDate.parse(date);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static final Pattern FACT_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private boolean factsWellFormed() {
    JsonNode facts = doc.root().path("facts");
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode fact : facts) {
      Optional<FactSpec> spec = declaredSpec(fact);
      if (spec.isEmpty()
          || !FACT_NAME.matcher(spec.get().name()).matches()
          || !names.add(spec.get().name())
          || (spec.get().type() == FactType.ENUM && spec.get().values().isEmpty())) {
        return false;
      }
    }
    return true;
  }

  private static Optional<FactSpec> declaredSpec(JsonNode fact) {
    String name = fact.path("name").asText("");
    String type = fact.path("type").asText("");
    FactType factType;
    try {
      factType = FactType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknownType) {
      return Optional.empty();
    }
    if (name.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    fact.path("values").forEach(v -> values.add(v.asText()));
    return Optional.of(new FactSpec(name, factType, fact.path("question").asText(""), values));
  }

  private static boolean sameShape(FactSpec a, FactSpec b) {
    return a.type() == b.type() && (a.type() != FactType.ENUM || a.values().equals(b.values()));
  }

  private static String describe(FactSpec spec) {
    String type = spec.type().name().toLowerCase(Locale.ROOT);
    return spec.type() == FactType.ENUM
        ? "an enum of [" + String.join(", ", spec.values()) + "]"
        : "a " + type + " fact";
  }

  private void checkExceptions(Set<String> actionIds) {
    forEachObject(
        "exceptions",
        (at, exception) -> {
          JsonNode allows = exception.path("allows");
          for (int i = 0; i < allows.size(); i++) {
            JsonNode id = allows.get(i);
            if (id.isTextual() && !actionIds.contains(id.asText())) {
              problems.add(
                  doc.problem(
                      at.key("allows").index(i),
                      "unknown action '"
                          + id.asText()
                          + "' ("
                          + (actionIds.isEmpty()
                              ? "this play has no actions"
                              : "actions: " + String.join(", ", actionIds))
                          + ")"));
            }
          }
          uniqueStrings(at.key("allows"), allows, "action");
        });
  }

  /** A trigger escalates the play's own actions, to a role or a declared team. */
  private void checkTriggers(Set<String> actionIds) {
    forEachObject(
        "triggers",
        (at, trigger) -> {
          JsonNode to = trigger.path("to");
          if (to.isTextual()
              && !to.asText().isBlank()
              && !authority.knowsDestination(to.asText())) {
            problems.add(
                doc.problem(
                    at.key("to"),
                    dev.leeway.config.AuthorityLoader.unknownDestination(
                        to.asText(), authority.destinations())));
          }
          JsonNode actions = trigger.path("actions");
          for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).isTextual() && !actionIds.contains(actions.get(i).asText())) {
              problems.add(
                  doc.problem(
                      at.key("actions").index(i),
                      unknownAction(actions.get(i).asText(), actionIds)));
            }
          }
        });
  }

  /** What a play offers instead names its own actions, and never the action it stands in for. */
  private void checkAlternatives(Set<String> actionIds) {
    checkAlternativeList(FieldPath.of("instead"), doc.root().path("instead"), actionIds, null);
    forEachObject(
        "actions",
        (at, action) ->
            checkAlternativeList(
                at.key("instead"),
                action.path("instead"),
                actionIds,
                action.path("id").asText(null)));
  }

  private void checkAlternativeList(
      FieldPath at, JsonNode list, Set<String> actionIds, String self) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode id = list.get(i).path("action");
      if (!id.isTextual()) {
        continue;
      }
      if (!actionIds.contains(id.asText())) {
        problems.add(doc.problem(at.index(i).key("action"), unknownAction(id.asText(), actionIds)));
      } else if (id.asText().equals(self)) {
        problems.add(
            doc.problem(
                at.index(i).key("action"), "an action cannot be offered instead of itself"));
      }
    }
  }

  private static String unknownAction(String id, Set<String> actionIds) {
    return "unknown action '"
        + id
        + "'"
        + dev.leeway.json.Spelling.hint(id, actionIds)
        + " ("
        + (actionIds.isEmpty()
            ? "this play has no actions"
            : "actions: " + String.join(", ", actionIds))
        + ")";
  }

  /** Two phrasings that differ only in case or spacing teach the matcher nothing new. */
  private void checkExamples() {
    JsonNode examples = doc.root().path("examples");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < examples.size(); i++) {
      JsonNode example = examples.get(i);
      if (!example.isTextual()) {
        continue;
      }
      String key =
          WHITESPACE.matcher(example.asText().strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
      Integer first = seen.putIfAbsent(key, i);
      if (first != null) {
        problems.add(
            doc.problem(
                FieldPath.of("examples", i),
                "duplicate example: same as examples["
                    + first
                    + "] (line "
                    + doc.lineOf(FieldPath.of("examples", first))
                    + ")"));
      }
    }
  }

  private void checkReviewBy() {
    JsonNode reviewBy = doc.root().path("review_by");
    // Only dates of the right shape: the schema has already reported anything else.
    if (reviewBy.isTextual() && ISO_DATE_SHAPE.matcher(reviewBy.asText()).matches()) {
      try {
        LocalDate.parse(reviewBy.asText());
      } catch (DateTimeParseException e) {
        problems.add(
            doc.problem(
                FieldPath.of("review_by"), "'" + reviewBy.asText() + "' is not a real date"));
      }
    }
  }

  /**
   * Reports repeated values of {@code key} among the objects of a list; returns the distinct ones.
   */
  private Set<String> uniqueIds(String list, String key, String what) {
    Map<String, FieldPath> seen = new LinkedHashMap<>();
    forEachObject(
        list,
        (at, item) -> {
          JsonNode id = item.path(key);
          if (!id.isTextual()) {
            return;
          }
          FieldPath first = seen.putIfAbsent(id.asText(), at);
          if (first != null) {
            problems.add(
                doc.problem(
                    at.key(key),
                    "duplicate "
                        + what
                        + " '"
                        + id.asText()
                        + "': already used by "
                        + first
                        + " (line "
                        + doc.lineOf(first)
                        + ")"));
          }
        });
    return new LinkedHashSet<>(seen.keySet());
  }

  private void uniqueStrings(FieldPath at, JsonNode list, String what) {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      if (item.isTextual() && !seen.add(item.asText())) {
        problems.add(doc.problem(at.index(i), "duplicate " + what + " '" + item.asText() + "'"));
      }
    }
  }

  private interface ItemCheck {
    void check(FieldPath at, JsonNode item);
  }

  private void forEachObject(String list, ItemCheck check) {
    JsonNode items = doc.root().path(list);
    if (!items.isArray()) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).isObject()) {
        check.check(FieldPath.of(list, i), items.get(i));
      }
    }
  }

  private static boolean isNumber(String text) {
    try {
      new BigDecimal(text.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
