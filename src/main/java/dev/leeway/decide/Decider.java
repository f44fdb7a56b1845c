package dev.leeway.decide;

import dev.cel.runtime.CelRuntime;
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
import dev.leeway.playbook.ConditionFunctions;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import dev.leeway.playbook.Play;
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
  private final PlayRules sharedRules;

  /**
   * A play's fact scope and what it compiled: its conditions by source text, its derived facts in
   * declaration order, and its worked-out amounts by action id.
   */
  record PlayRules(
      Map<String, FactSpec> specs,
      Map<String, Condition> conditions,
      Map<String, Expression> derived,
      Map<String, Expression> amounts) {

    /**
     * The facts a derived fact is worked out from (its own inputs' inputs included); empty if none.
     */
    List<String> derivedFrom(String fact) {
      Expression expression = derived.get(fact);
      return expression == null ? List.of() : expression.facts();
    }

    /**
     * Works out the derived facts that are not there yet, on these values, in declaration order (a
     * later one may use an earlier one).
     */
    void derive(Map<String, Object> values) {
      for (Map.Entry<String, Expression> entry : derived.entrySet()) {
        if (values.containsKey(entry.getKey())) {
          continue; // given, or already worked out from inputs that were known
        }
        if (entry.getValue().evaluate(values) instanceof Expression.Result.Known known) {
          values.put(entry.getKey(), known.value());
        }
      }
    }

    /**
     * The values of an unknown fact worth trying around these thresholds; see {@link Candidates}.
     */
    List<Object> candidates(String fact, List<Object> around, Condition.Env env) {
      // Every fact weighed is declared: the play's, the shared ones or budget usage.
      FactSpec spec = java.util.Objects.requireNonNull(specs.get(fact), fact);
      Optional<java.time.LocalDate> today =
          Optional.ofNullable(env.values().get(ConditionFunctions.TODAY))
              .map(t -> java.time.LocalDate.parse((String) t));
      Optional<Object> assumed = Optional.ofNullable(env.values().get(fact));
      return Candidates.of(spec, around, today, assumed);
    }
  }

  private Decider(Content content, Decider previous) {
    this.content = content;
    this.runtime = ConditionFunctions.RUNTIME;
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
    // Budget usage facts (customer_refund_count...) are read like any other; shared names win.
    Usage.specs(content.authority()).forEach(u -> shared.putIfAbsent(u.name(), u));
    this.sharedRules = new PlayRules(Map.copyOf(shared), Map.of(), Map.of(), Map.of());
    ConditionCompiler sharedCompiler = ConditionCompiler.forFacts(shared.values());
    this.guardrails =
        content.authority().guardrails().stream()
            .map(g -> Condition.compile(g.when(), sharedCompiler, runtime))
            .toList();
    for (Play play : content.playbook().plays()) {
      PlayRules kept =
          previous == null || previous.content.playbook().play(play.id()).orElse(null) != play
              ? null
              : previous.plays.get(play.id());
      plays.put(play.id(), kept != null ? kept : compile(play));
    }
  }

  /** Compiles every condition of every play and guardrail in the content. */
  public static Decider build(Content content) {
    return new Decider(content, null);
  }

  /**
   * Builds the decider for a new revision of the content, taking over the compiled conditions of
   * every play that is the very same (unchanged) play object in both, when the authority matrix and
   * the shared facts are the same objects too: a revision then compiles only what it changed.
   */
  public static Decider build(Content content, Decider previous) {
    boolean sameBase =
        previous != null
            && previous.content.authority() == content.authority()
            && previous.content.facts() == content.facts();
    return new Decider(content, sameBase ? previous : null);
  }

  public Content content() {
    return content;
  }

  /** The facts a play can use (its own and the shared ones), by name; the play's own win. */
  public Map<String, FactSpec> factSpecs(Play play) {
    return rules(play).specs();
  }

  /**
   * Decides every action of {@code play} for an agent in {@code roleId}, with no date of its own
   * (conditions that use {@code today} stay open).
   *
   * @throws IllegalArgumentException if the role is not in the authority matrix
   */
  public PlayDecision decide(Play play, FactSet facts, String roleId) {
    return decide(play, facts, roleId, Optional.empty());
  }

  /**
   * Decides every action of {@code play} for an agent in {@code roleId} on {@code today}. An action
   * whose verdict turns on an unknown fact asks about the fact that settles the most of the play's
   * open actions among those that can change its own verdict.
   *
   * @throws IllegalArgumentException if the role is not in the authority matrix
   */
  public PlayDecision decide(
      Play play, FactSet facts, String roleId, Optional<java.time.LocalDate> today) {
    Role role =
        content
            .authority()
            .role(roleId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown role '"
                            + roleId
                            + "' (roles: "
                            + String.join(", ", content.authority().roles().keySet())
                            + ")"));
    PlayRules rules = rules(play);
    Condition.Env env = env(rules, facts, today);
    Escalations escalations = escalations(play, rules, env);
    List<ActionDecider> deciders = new ArrayList<>();
    List<ActionDecider.Exploration> explored = new ArrayList<>();
    for (Action action : play.actions()) {
      ActionDecider decider =
          new ActionDecider(this, play, rules, escalations, action, role, env, facts);
      deciders.add(decider);
      explored.add(decider.explore());
    }
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < deciders.size(); i++) {
      ActionDecider.Exploration exploration = explored.get(i);
      decisions.add(
          exploration.decided()
              ? exploration.decision().get()
              : deciders.get(i).ask(questionFor(exploration, explored), Optional.of(exploration)));
    }
    return new PlayDecision(play, decisions, playQuestion(decisions, explored));
  }

  /**
   * The one question for the play: of the facts its open actions ask about, the one whose answer
   * settles the most of them (then the one most of them ask, then the first asked), with the
   * actions it settles. When no single answer settles any action on its own, the actions asking
   * about it are the ones it helps settle.
   */
  private static Optional<PlayQuestion> playQuestion(
      List<Decision> decisions, List<ActionDecider.Exploration> explored) {
    Map<String, Decision.NeedInfo> asked = new LinkedHashMap<>();
    for (Decision d : decisions) {
      if (d instanceof Decision.NeedInfo n) {
        asked.putIfAbsent(n.fact(), n);
      }
    }
    PlayQuestion best = null;
    int bestSettled = -1;
    int bestAsking = -1;
    for (Decision.NeedInfo n : asked.values()) {
      List<String> settled = new ArrayList<>();
      List<String> asking = new ArrayList<>();
      for (int i = 0; i < decisions.size(); i++) {
        Decision d = decisions.get(i);
        ActionDecider.Exploration e = explored.get(i);
        if (d instanceof Decision.NeedInfo other && other.fact().equals(n.fact())) {
          asking.add(d.action().id());
        }
        int at = e.facts().indexOf(n.fact());
        if (!e.decided() && at >= 0 && e.settledBy(at)) {
          settled.add(d.action().id());
        }
      }
      if (settled.size() > bestSettled
          || (settled.size() == bestSettled && asking.size() > bestAsking)) {
        best = new PlayQuestion(n.fact(), n.question(), settled.isEmpty() ? asking : settled);
        bestSettled = settled.size();
        bestAsking = asking.size();
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every guardrail that fires on these facts alone, in the order of the config. */
  public List<Guardrail> firedGuardrails(FactSet facts) {
    Condition.Env env = env(sharedRules, facts, Optional.empty());
    List<Guardrail> fired = new ArrayList<>();
    for (int i = 0; i < guardrails.size(); i++) {
      if (guardrails.get(i).evaluate(env).outcome() == Outcome.TRUE) {
        fired.add(content.authority().guardrails().get(i));
      }
    }
    return List.copyOf(fired);
  }

  /**
   * Among the facts that can change this action's verdict on their own, the one whose answer
   * settles the most of the play's open actions; ties go to the one the checks meet first.
   */
  private static String questionFor(
      ActionDecider.Exploration mine, List<ActionDecider.Exploration> all) {
    String best = null;
    int bestSettles = -1;
    for (int f = 0; f < mine.facts().size(); f++) {
      if (!mine.deciding(f)) {
        continue;
      }
      String fact = mine.facts().get(f);
      int settles = 0;
      for (ActionDecider.Exploration other : all) {
        int at = other.facts().indexOf(fact);
        if (!other.decided() && at >= 0 && other.settledBy(at)) {
          settles++;
        }
      }
      if (settles > bestSettles) {
        best = fact;
        bestSettles = settles;
      }
    }
    // A table whose verdicts differ always has a fact that flips one on its own; kept safe anyway.
    return best != null ? best : mine.facts().get(0);
  }

  /**
   * The guardrails and the play's triggers on these facts, with their checks and the facts they
   * read.
   */
  record Escalations(
      List<Condition.Evaluated> guardrails,
      List<Check> guardrailChecks,
      java.util.Set<String> guardrailFacts,
      List<Condition.Evaluated> triggers,
      List<Check> triggerChecks) {}

  private Escalations escalations(Play play, PlayRules rules, Condition.Env env) {
    List<Condition.Evaluated> fired = new ArrayList<>();
    List<Condition.Evaluated> triggered = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    List<Check> triggerChecks = new ArrayList<>();
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
      triggerChecks.add(new Check("trigger " + t.id(), t.when(), e.outcome(), e.explanation()));
    }
    // Kept in order: the trace lists facts as the checks met them, the same way on every run.
    return new Escalations(
        List.copyOf(fired),
        List.copyOf(checks),
        java.util.Collections.unmodifiableSet(read),
        List.copyOf(triggered),
        List.copyOf(triggerChecks));
  }

  /**
   * The first guardrail that fires on these facts alone, with no play in view: when nothing fits, a
   * legal threat or a safety issue read from the words must still reach the right team.
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
    Condition.Env env = env(sharedRules, facts, Optional.empty());
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
    return rules != null && content.playbook().play(play.id()).orElse(null) == play
        ? rules
        : compile(play);
  }

  private PlayRules compile(Play play) {
    Map<String, FactSpec> specs = new LinkedHashMap<>(sharedSpecs);
    play.facts().forEach(f -> specs.put(f.name(), f));
    ConditionCompiler compiler = ConditionCompiler.forFacts(specs.values());
    Map<String, Condition> conditions = new HashMap<>();
    List<String> sources = new ArrayList<>();
    play.actions().forEach(a -> sources.add(a.appliesWhen()));
    play.actions().forEach(a -> sources.add(a.when()));
    play.exceptions().forEach(e -> sources.add(e.when()));
    play.triggers().forEach(t -> sources.add(t.when()));
    for (String source : sources) {
      if (source != null && !source.isBlank()) {
        conditions.computeIfAbsent(source, s -> Condition.compile(s, compiler, runtime));
      }
    }
    Map<String, Expression> derived = new LinkedHashMap<>();
    for (FactSpec fact : play.facts()) {
      fact.derivation()
          .ifPresent(
              d -> derived.put(fact.name(), Expression.compile(d, fact.type(), compiler, runtime)));
    }
    Map<String, Expression> amounts = new HashMap<>();
    for (Action action : play.actions()) {
      action
          .amountExpression()
          .ifPresent(
              x ->
                  amounts.put(
                      action.id(), Expression.compile(x, FactType.MONEY, compiler, runtime)));
    }
    return new PlayRules(
        Map.copyOf(specs),
        conditions,
        java.util.Collections.unmodifiableMap(derived),
        Map.copyOf(amounts));
  }

  /**
   * The facts as CEL values: those given, then configured assumptions and defaults for facts nobody
   * mentioned, then derived facts whose inputs are known, and the answer's date.
   */
  private Condition.Env env(PlayRules rules, FactSet facts, Optional<java.time.LocalDate> today) {
    Map<String, FactSpec> specs = rules.specs();
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
    today.ifPresent(t -> values.putIfAbsent(ConditionFunctions.TODAY, t.toString()));
    assumptions.forEach(
        (name, assumed) -> {
          if (!values.containsKey(name)) {
            values.put(name, assumed);
            used.put(
                name, new Fact(name, new FactValue.Flag(assumed), new FactSource.Assumed(), 1.0));
          }
        });
    for (FactSpec spec : specs.values()) {
      if (spec.defaultValue() != null
          && !values.containsKey(spec.name())
          && rules.derived().get(spec.name()) == null) {
        Defaults.value(spec, currency())
            .ifPresent(
                v -> {
                  values.put(spec.name(), Condition.celValue(v, spec.type()));
                  used.put(spec.name(), new Fact(spec.name(), v, new FactSource.Assumed(), 1.0));
                });
      }
    }
    Map<String, Object> before = new HashMap<>(values);
    rules.derive(values);
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      if (!before.containsKey(entry.getKey()) && rules.derived().containsKey(entry.getKey())) {
        FactSpec spec = specs.get(entry.getKey());
        Defaults.fromCel(entry.getValue(), spec.type(), currencyOf(facts, currency()))
            .ifPresent(
                v ->
                    used.put(
                        entry.getKey(),
                        new Fact(
                            entry.getKey(),
                            v,
                            new FactSource.Derived(rules.derivedFrom(entry.getKey())),
                            1.0)));
      }
    }
    return new Condition.Env(java.util.Collections.unmodifiableMap(values), Map.copyOf(used));
  }

  /** The pack's currency: that of amounts no money fact gives (a limit, a default). */
  String currency() {
    return content.facts().currency();
  }

  /** The currency of the case's money, else the pack's. */
  private static String currencyOf(FactSet facts, String packCurrency) {
    for (Fact fact : facts.all()) {
      if (fact.value() instanceof FactValue.Money m) {
        return m.currency();
      }
    }
    return packCurrency;
  }
}
