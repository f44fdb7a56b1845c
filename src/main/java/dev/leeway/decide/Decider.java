package dev.leeway.decide;

import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.leeway.config.ActionKind;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Guardrail;
import dev.leeway.config.Role;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.Action;
import dev.leeway.playbook.ConditionCompiler;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PolicyException;
import dev.leeway.playbook.SharedFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for every action of a play, what an agent in a given role may do now: guardrails and
 * triggers first, then the authority for the action's kind, the play's rule and exceptions, the
 * per-action limit and the budgets. Conditions are compiled once, when the decider is built.
 *
 * <p>Thread-safe and free of clocks and randomness: the same facts, role and content give the same
 * decisions.
 */
public final class Decider {

  private final Content content;
  private final CelRuntime runtime;
  private final Map<String, FactSpec> sharedSpecs;
  private final Map<String, Boolean> assumptions;
  private final List<Condition> guardrails;
  private final Map<String, PlayRules> plays = new HashMap<>();

  /** A play's fact scope and its compiled conditions by source text. */
  record PlayRules(Map<String, FactSpec> specs, Map<String, Condition> conditions) {}

  private Decider(Content content) {
    this.content = content;
    this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(ConditionCompiler.OPTIONS).build();
    Map<String, FactSpec> shared = new LinkedHashMap<>();
    Map<String, Boolean> assume = new LinkedHashMap<>();
    for (SharedFact fact : content.facts().facts().values()) {
      shared.put(fact.spec().name(), fact.spec());
      if (fact.assume() != null) {
        assume.put(fact.spec().name(), fact.assume());
      }
    }
    this.sharedSpecs = shared;
    this.assumptions = assume;
    ConditionCompiler sharedCompiler = ConditionCompiler.forFacts(shared.values());
    this.guardrails =
        content.authority().guardrails().stream()
            .map(g -> Condition.compile(g.when(), sharedCompiler, runtime))
            .toList();
    for (Play play : content.playbook().plays()) {
      plays.put(play.id(), compile(play));
    }
  }

  /** Compiles every condition of every play and guardrail in the content. */
  public static Decider build(Content content) {
    return new Decider(content);
  }

  public Content content() {
    return content;
  }

  /** The facts a play can use (its own and the shared ones), by name; the play's own win. */
  public Map<String, FactSpec> factSpecs(Play play) {
    return rules(play).specs();
  }

  /**
   * Decides every action of {@code play} for an agent in {@code roleId}.
   *
   * @throws IllegalArgumentException if the role is not in the authority matrix
   */
  public PlayDecision decide(Play play, FactSet facts, String roleId) {
    Role role =
        content
            .authority()
            .role(roleId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown role '" + roleId + "' (roles: " + String.join(", ", content.authority().roles().keySet()) + ")"));
    PlayRules rules = rules(play);
    Condition.Env env = env(rules.specs(), facts);
    Escalations escalations = escalations(play, rules, env);
    List<Decision> decisions = new ArrayList<>();
    for (Action action : play.actions()) {
      decisions.add(new ActionDecider(this, play, rules, escalations, action, role, env, facts).decide());
    }
    return new PlayDecision(play, decisions);
  }

  /** The guardrails and the play's triggers on these facts, with their checks and the facts they read. */
  record Escalations(
      List<Condition.Evaluated> guardrails, List<Condition.Evaluated> triggers, List<Check> checks, java.util.Set<String> facts) {}

  private Escalations escalations(Play play, PlayRules rules, Condition.Env env) {
    List<Condition.Evaluated> fired = new ArrayList<>();
    List<Condition.Evaluated> triggered = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    java.util.Set<String> read = new java.util.LinkedHashSet<>();
    for (int i = 0; i < guardrails.size(); i++) {
      Guardrail g = content.authority().guardrails().get(i);
      Condition.Evaluated e = guardrails.get(i).evaluate(env);
      fired.add(e);
      read.addAll(guardrails.get(i).facts());
      checks.add(new Check("guardrail " + g.id(), g.when(), e.outcome(), e.explanation()));
    }
    for (var t : play.triggers()) {
      Condition condition = rules.conditions().get(t.when());
      Condition.Evaluated e = condition.evaluate(env);
      triggered.add(e);
      read.addAll(condition.facts());
      checks.add(new Check("trigger " + t.id(), t.when(), e.outcome(), e.explanation()));
    }
    // Kept in order: the trace lists facts as the checks met them, the same way on every run.
    return new Escalations(List.copyOf(fired), List.copyOf(triggered), List.copyOf(checks), java.util.Collections.unmodifiableSet(read));
  }

  /**
   * The first guardrail that fires on these facts alone, with no play in view: when nothing fits,
   * a legal threat or a safety issue read from the words must still reach the right team.
   */
  public Optional<Guardrail> firedGuardrail(FactSet facts) {
    int fired = firedGuardrailIndex(facts);
    return fired < 0 ? Optional.empty() : Optional.of(content.authority().guardrails().get(fired));
  }

  /** The facts the first guardrail that fires rests on; empty when none fires. */
  public List<String> firedGuardrailFacts(FactSet facts) {
    int fired = firedGuardrailIndex(facts);
    return fired < 0 ? List.of() : guardrails.get(fired).facts();
  }

  private int firedGuardrailIndex(FactSet facts) {
    Condition.Env env = env(sharedSpecs, facts);
    for (int i = 0; i < guardrails.size(); i++) {
      if (guardrails.get(i).evaluate(env).outcome() == Outcome.TRUE) {
        return i;
      }
    }
    return -1;
  }

  AuthorityMatrix authority() {
    return content.authority();
  }

  List<Condition> guardrailConditions() {
    return guardrails;
  }

  List<Guardrail> guardrails() {
    return content.authority().guardrails();
  }

  Optional<ActionKind> kind(String id) {
    return content.authority().kind(id);
  }

  private PlayRules rules(Play play) {
    PlayRules rules = plays.get(play.id());
    // Identity, not equals: comparing whole plays on every decision costs more than deciding. A
    // play from elsewhere (an edit being previewed) is compiled on the spot.
    return rules != null && content.playbook().play(play.id()).orElse(null) == play ? rules : compile(play);
  }

  private PlayRules compile(Play play) {
    Map<String, FactSpec> specs = new LinkedHashMap<>(sharedSpecs);
    play.facts().forEach(f -> specs.put(f.name(), f));
    ConditionCompiler compiler = ConditionCompiler.forFacts(specs.values());
    Map<String, Condition> conditions = new HashMap<>();
    List<String> sources = new ArrayList<>();
    play.actions().forEach(a -> sources.add(a.when()));
    play.exceptions().forEach(e -> sources.add(e.when()));
    play.triggers().forEach(t -> sources.add(t.when()));
    for (String source : sources) {
      if (source != null && !source.isBlank()) {
        conditions.computeIfAbsent(source, s -> Condition.compile(s, compiler, runtime));
      }
    }
    return new PlayRules(Map.copyOf(specs), conditions);
  }

  /** The facts as CEL values, with configured assumptions for flags nobody mentioned. */
  private Condition.Env env(Map<String, FactSpec> specs, FactSet facts) {
    Map<String, Object> values = new HashMap<>();
    Map<String, Fact> used = new HashMap<>();
    for (Fact fact : facts.all()) {
      FactSpec spec = specs.get(fact.name());
      Object value = spec == null ? null : Condition.celValue(fact.value(), spec.type());
      if (value != null) {
        values.put(fact.name(), value);
        used.put(fact.name(), fact);
      }
    }
    assumptions.forEach(
        (name, assumed) -> {
          if (!values.containsKey(name)) {
            values.put(name, assumed);
            used.put(name, new Fact(name, new FactValue.Flag(assumed), new FactSource.Assumed(), 1.0));
          }
        });
    return new Condition.Env(Map.copyOf(values), Map.copyOf(used));
  }
}
