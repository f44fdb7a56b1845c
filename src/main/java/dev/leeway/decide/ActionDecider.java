package dev.leeway.decide;

import dev.leeway.config.ActionKind;
import dev.leeway.config.Budget;
import dev.leeway.config.Guardrail;
import dev.leeway.config.Limit;
import dev.leeway.config.Role;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.Action;
import dev.leeway.playbook.Alternative;
import dev.leeway.playbook.EscalationTrigger;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PolicyException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One action's decision, in two steps. {@link #explore} works out the verdict for every way the
 * unknown facts could turn out (each fact over the values that can make a difference, see {@link
 * Candidates}); when they all agree, that is the decision. Otherwise the play's {@link Decider}
 * picks the fact to ask about from the table of verdicts, and {@link #ask} words the question.
 *
 * <p>The verdict for one way the facts could be is {@link #resolve}: a plain function of the
 * values, with no search and no exceptions for control flow.
 */
final class ActionDecider {

  /** More ways than this on one action is not a real play; it is asked about fact by fact. */
  static final int MAX_COMPLETIONS = 4096;

  private static final System.Logger LOG = System.getLogger(ActionDecider.class.getName());

  private final Decider decider;
  private final Play play;
  private final Decider.PlayRules rules;
  private final Action action;
  private final Role role;
  private final Condition.Env env;
  private final FactSet facts;
  private final ActionKind kind;
  private final String currency;

  /** Conditions evaluated once on the facts as known, in trace order. */
  private final List<Condition.Evaluated> guardrailOutcomes;

  private final List<Integer> triggerIndexes = new ArrayList<>();
  private final List<Condition.Evaluated> triggerOutcomes = new ArrayList<>();
  private final Condition precondition;
  private final Condition.Evaluated preconditionOutcome;
  private final Condition rule;
  private final Condition.Evaluated ruleOutcome;
  private final List<PolicyException> exceptions;
  private final List<Condition> exceptionConditions = new ArrayList<>();
  private final List<Condition.Evaluated> exceptionOutcomes = new ArrayList<>();
  private final List<Check> conditionChecks = new ArrayList<>();
  private final Set<String> conditionFacts = new LinkedHashSet<>();
  private final Map<Condition, Map<List<Object>, Outcome>> memo = new HashMap<>();

  ActionDecider(
      Decider decider,
      Play play,
      Decider.PlayRules rules,
      Decider.Escalations escalations,
      Action action,
      Role role,
      Condition.Env env,
      FactSet facts) {
    this.decider = decider;
    this.play = play;
    this.rules = rules;
    this.action = action;
    this.role = role;
    this.env = env;
    this.facts = facts;
    this.kind =
        decider
            .kind(action.kind())
            .orElseThrow(() -> new IllegalStateException("unknown kind " + action.kind()));
    this.currency = currency(facts, action, decider.currency());
    guardrailOutcomes = escalations.guardrails();
    conditionChecks.addAll(escalations.guardrailChecks());
    conditionFacts.addAll(escalations.guardrailFacts());
    for (int i = 0; i < play.triggers().size(); i++) {
      EscalationTrigger trigger = play.triggers().get(i);
      if (trigger.covers(action.id())) {
        triggerIndexes.add(i);
        triggerOutcomes.add(escalations.triggers().get(i));
        conditionChecks.add(escalations.triggerChecks().get(i));
        conditionFacts.addAll(rules.conditions().get(trigger.when()).facts());
      }
    }
    if (present(action.appliesWhen())) {
      precondition = rules.conditions().get(action.appliesWhen());
      preconditionOutcome = precondition.evaluate(env);
      conditionFacts.addAll(precondition.facts());
      conditionChecks.add(
          new Check(
              "precondition",
              action.appliesWhen(),
              preconditionOutcome.outcome(),
              preconditionOutcome.explanation()));
    } else {
      precondition = null;
      preconditionOutcome = new Condition.Evaluated(Outcome.TRUE, "no precondition", List.of());
    }
    if (present(action.when())) {
      rule = rules.conditions().get(action.when());
      ruleOutcome = rule.evaluate(env);
      conditionFacts.addAll(rule.facts());
      conditionChecks.add(
          new Check("rule", action.when(), ruleOutcome.outcome(), ruleOutcome.explanation()));
    } else {
      rule = null;
      ruleOutcome =
          new Condition.Evaluated(Outcome.TRUE, "no condition: always eligible", List.of());
    }
    exceptions = play.exceptions().stream().filter(e -> e.allows().contains(action.id())).toList();
    for (PolicyException exception : exceptions) {
      Condition condition = rules.conditions().get(exception.when());
      Condition.Evaluated e = condition.evaluate(env);
      exceptionConditions.add(condition);
      exceptionOutcomes.add(e);
      conditionFacts.addAll(condition.facts());
      conditionChecks.add(
          new Check("exception " + exception.id(), exception.when(), e.outcome(), e.explanation()));
    }
    action
        .amountExpression()
        .ifPresent(x -> conditionFacts.addAll(rules.amounts().get(action.id()).facts()));
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  Action action() {
    return action;
  }

  // ---- exploring the unknowns ----

  /**
   * The verdict for every way the unknown facts could be. {@code verdicts} is empty when nothing
   * relevant is unknown or all ways agree; then {@code decision} is the answer.
   */
  record Exploration(
      Optional<Decision> decision,
      List<String> facts,
      List<List<Object>> candidates,
      List<int[]> rows,
      List<String> verdicts) {

    boolean decided() {
      return decision.isPresent();
    }

    /** Whether flipping fact {@code f} alone, the others held, can change the verdict. */
    boolean deciding(int f) {
      Map<List<Integer>, String> seen = new HashMap<>();
      for (int r = 0; r < rows.size(); r++) {
        List<Integer> key = keyWithout(rows.get(r), f);
        String before = seen.putIfAbsent(key, verdicts.get(r));
        if (before != null && !before.equals(verdicts.get(r))) {
          return true;
        }
      }
      return false;
    }

    /** Whether knowing fact {@code f} settles the verdict, whatever the other unknowns are. */
    boolean settledBy(int f) {
      Map<Integer, String> seen = new HashMap<>();
      for (int r = 0; r < rows.size(); r++) {
        String before = seen.putIfAbsent(rows.get(r)[f], verdicts.get(r));
        if (before != null && !before.equals(verdicts.get(r))) {
          return false;
        }
      }
      return true;
    }

    /** The verdict when fact {@code f} has its value number {@code v}, if that alone settles it. */
    Optional<String> verdictWhen(int f, int v) {
      String verdict = null;
      for (int r = 0; r < rows.size(); r++) {
        if (rows.get(r)[f] != v) {
          continue;
        }
        if (verdict != null && !verdict.equals(verdicts.get(r))) {
          return Optional.empty();
        }
        verdict = verdicts.get(r);
      }
      return Optional.ofNullable(verdict);
    }

    private static List<Integer> keyWithout(int[] row, int f) {
      List<Integer> key = new ArrayList<>(row.length);
      for (int i = 0; i < row.length; i++) {
        key.add(i == f ? -1 : row[i]);
      }
      return key;
    }
  }

  Exploration explore() {
    Optional<Decision> failed = failedCondition();
    if (failed.isPresent()) {
      return decided(failed.get());
    }
    List<String> unknown = relevantUnknowns();
    boolean applies = preconditionOutcome.outcome() != Outcome.FALSE;
    if (unknown.isEmpty()
        || (applies && guardrailOutcomes.stream().anyMatch(g -> g.outcome() == Outcome.TRUE))) {
      // Nothing left open, or a guardrail has fired on an action that applies: it wins whatever
      // the rest turns out to be.
      return decided(annotateAssumptions(resolve(new Completion(env.values()))));
    }
    List<List<Object>> candidates = new ArrayList<>();
    long ways = 1;
    for (String fact : unknown) {
      List<Object> values = candidates(fact);
      candidates.add(values);
      ways *= values.size();
    }
    if (ways > MAX_COMPLETIONS) {
      // Too many unknowns at once to weigh every combination: ask about the first one.
      return new Exploration(
          Optional.of(ask(unknown.get(0), Optional.empty())),
          unknown,
          candidates,
          List.of(),
          List.of());
    }
    List<int[]> rows = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    List<Decision> every = new ArrayList<>();
    Decision cautious = null;
    int[] at = new int[unknown.size()];
    while (true) {
      Map<String, Object> values = new Overlay(env.values());
      for (int i = 0; i < at.length; i++) {
        values.put(unknown.get(i), candidates.get(i).get(at[i]));
      }
      rules.derive(values);
      Decision decision = resolve(new Completion(values));
      if (cautious == null
          || offer(decision).compareTo(offer(cautious)) < 0
          || (decision instanceof Decision.CannotDo
              && cautious instanceof Decision.NotApplicable)) {
        cautious = decision;
      }
      rows.add(at.clone());
      verdicts.add(signature(decision));
      every.add(decision);
      if (!advance(at, candidates)) {
        break;
      }
    }
    if (verdicts.stream().distinct().count() == 1) {
      return decided(annotateAssumptions(cautious));
    }
    Optional<Decision> protective = protectiveNow(every);
    if (protective.isPresent()) {
      return decided(annotateAssumptions(protective.get()));
    }
    return new Exploration(Optional.empty(), unknown, candidates, rows, verdicts);
  }

  /**
   * An urgent action (block the card, secure the account) that the agent may take on their own in
   * some ways the unknowns could be and that goes to a team in the others is taken now: what is
   * unknown decides who handles the rest of the case, not whether to protect the customer first.
   * The answer is the agent's own verdict from the way that offers least, its reason naming the
   * team that may take the case over. Any other mix (an approver, a firm no) is asked about.
   */
  private Optional<Decision> protectiveNow(List<Decision> every) {
    if (!action.comesFirst()) {
      return Optional.empty();
    }
    Decision acting = null;
    java.util.Set<String> teams = new java.util.LinkedHashSet<>();
    for (Decision d : every) {
      switch (d) {
        case Decision.CanDo c -> {
          if (acting == null || offer(d).compareTo(offer(acting)) < 0) {
            acting = d;
          }
        }
        case Decision.CanDoByException c -> {
          if (acting == null || offer(d).compareTo(offer(acting)) < 0) {
            acting = d;
          }
        }
        case Decision.Escalate e -> teams.add(e.to());
        default -> {
          return Optional.empty();
        }
      }
    }
    if (acting == null || teams.isEmpty()) {
      return Optional.empty();
    }
    String more =
        " It protects the customer, so do it now; depending on what is still unknown, the case"
            + " may then go to "
            + String.join(" or ", teams)
            + ".";
    return Optional.of(
        switch (acting) {
          case Decision.CanDo c ->
              new Decision.CanDo(
                  c.action(), c.amount(), c.upTo(), c.reason() + more, c.policy(), c.trace());
          case Decision.CanDoByException c ->
              new Decision.CanDoByException(
                  c.action(),
                  c.amount(),
                  c.upTo(),
                  c.exceptionId(),
                  c.reason() + more,
                  c.policy(),
                  c.trace());
          default -> acting;
        });
  }

  /**
   * How much a decision lets the agent give on their own. When every way the unknowns could be
   * gives the same verdict, the answer is worded from the way that offers least: an amount that
   * holds only if an unknown rule is met must not be promised.
   */
  private static BigDecimal offer(Decision d) {
    BigDecimal none = BigDecimal.valueOf(-1);
    return switch (d) {
      case Decision.NeedsApproval n -> n.canDoNow().orElse(none);
      case Decision.CanDo c -> c.upTo().or(c::amount).orElse(none);
      case Decision.CanDoByException c -> c.upTo().or(c::amount).orElse(none);
      default -> none;
    };
  }

  private static Exploration decided(Decision decision) {
    return new Exploration(Optional.of(decision), List.of(), List.of(), List.of(), List.of());
  }

  private static boolean advance(int[] at, List<List<Object>> candidates) {
    for (int i = at.length - 1; i >= 0; i--) {
      if (++at[i] < candidates.get(i).size()) {
        return true;
      }
      at[i] = 0;
    }
    return false;
  }

  /**
   * The unknown facts that can matter to this action, in the order its checks meet them: those of
   * conditions still undecided on what is known (a derived fact stands for the facts it comes
   * from), the amount's, and the budgets' usage.
   */
  private List<String> relevantUnknowns() {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < guardrailOutcomes.size(); i++) {
      addUnknowns(guardrailOutcomes.get(i), decider.guardrailConditions().get(i).facts(), out);
    }
    for (int i = 0; i < triggerIndexes.size(); i++) {
      EscalationTrigger trigger = play.triggers().get(triggerIndexes.get(i));
      addUnknowns(triggerOutcomes.get(i), rules.conditions().get(trigger.when()).facts(), out);
    }
    if (precondition != null) {
      addUnknowns(preconditionOutcome, precondition.facts(), out);
    }
    if (rule != null) {
      addUnknowns(ruleOutcome, rule.facts(), out);
    }
    for (int i = 0; i < exceptions.size(); i++) {
      addUnknowns(exceptionOutcomes.get(i), exceptionConditions.get(i).facts(), out);
    }
    if (kind.monetary() && action.amountVaries() && knownAmount().isEmpty()) {
      List<String> amountFacts =
          action
              .amountFact()
              .map(List::of)
              .orElseGet(() -> rules.amounts().get(action.id()).facts());
      amountFacts.forEach(f -> addUnknownFact(f, out));
    }
    role.limit(kind.id())
        .ifPresent(
            limit -> {
              for (Usage.Scope scope : Usage.Scope.values()) {
                Budget budget = budget(limit, scope);
                if (budget == null) {
                  continue;
                }
                if (budget.maxCount() != null && budget.maxCount() > 0) {
                  addUnknownFact(Usage.countFact(scope, kind.id()), out);
                }
                if (budget.maxAmount() != null && kind.monetary()) {
                  addUnknownFact(Usage.totalFact(scope, kind.id()), out);
                }
              }
            });
    return List.copyOf(out);
  }

  private void addUnknowns(
      Condition.Evaluated evaluated, List<String> conditionFacts, Set<String> out) {
    if (evaluated.outcome() == Outcome.UNKNOWN) {
      conditionFacts.forEach(f -> addUnknownFact(f, out));
    }
  }

  private void addUnknownFact(String fact, Set<String> out) {
    if (env.values().containsKey(fact)) {
      return;
    }
    List<String> inputs = rules.derivedFrom(fact);
    if (inputs.isEmpty()) {
      if (rules.specs().containsKey(fact) || isUsage(fact)) {
        out.add(fact);
      }
      return;
    }
    // A derived fact whose inputs no open check reads on their own is weighed, and asked, as
    // itself: "is it over 3,500 km?" settles what "how far is it?" would, in the words of the rule.
    if (inputs.stream().noneMatch(directlyRead()::contains)) {
      out.add(fact);
      return;
    }
    inputs.forEach(input -> addUnknownFact(input, out));
  }

  private Set<String> directlyRead;

  /** The facts this action's open checks and worked-out amount read by name. */
  private Set<String> directlyRead() {
    if (directlyRead == null) {
      Set<String> read = new LinkedHashSet<>();
      openConditions().forEach(c -> read.addAll(c.facts()));
      action.amountFact().ifPresent(read::add);
      action
          .amountExpression()
          .ifPresent(x -> read.addAll(rules.amounts().get(action.id()).facts()));
      directlyRead = read;
    }
    return directlyRead;
  }

  private boolean isUsage(String fact) {
    for (Usage.Scope scope : Usage.Scope.values()) {
      if (fact.equals(Usage.countFact(scope, kind.id()))
          || fact.equals(Usage.totalFact(scope, kind.id()))) {
        return true;
      }
    }
    return false;
  }

  /** Every condition this action's verdict reads. */
  private List<Condition> allConditions() {
    List<Condition> all = new ArrayList<>(decider.guardrailConditions());
    triggerIndexes.forEach(i -> all.add(rules.conditions().get(play.triggers().get(i).when())));
    if (precondition != null) {
      all.add(precondition);
    }
    if (rule != null) {
      all.add(rule);
    }
    all.addAll(exceptionConditions);
    return all;
  }

  /** This action's conditions that the facts as known leave open. */
  private List<Condition> openConditions() {
    List<Condition> open = new ArrayList<>();
    for (int i = 0; i < guardrailOutcomes.size(); i++) {
      if (guardrailOutcomes.get(i).outcome() == Outcome.UNKNOWN) {
        open.add(decider.guardrailConditions().get(i));
      }
    }
    for (int i = 0; i < triggerIndexes.size(); i++) {
      if (triggerOutcomes.get(i).outcome() == Outcome.UNKNOWN) {
        open.add(rules.conditions().get(play.triggers().get(triggerIndexes.get(i)).when()));
      }
    }
    if (precondition != null && preconditionOutcome.outcome() == Outcome.UNKNOWN) {
      open.add(precondition);
    }
    if (rule != null && ruleOutcome.outcome() == Outcome.UNKNOWN) {
      open.add(rule);
    }
    for (int i = 0; i < exceptions.size(); i++) {
      if (exceptionOutcomes.get(i).outcome() == Outcome.UNKNOWN) {
        open.add(exceptionConditions.get(i));
      }
    }
    return open;
  }

  /**
   * The values of an unknown fact worth trying for this action: around the constants of its open
   * conditions (and of derived facts it feeds), its limits and budgets. For a fact those conditions
   * only compare with constants, values the comparisons cannot tell apart are tried once.
   */
  private List<Object> candidates(String fact) {
    Optional<List<Object>> usage = usageCandidates(fact);
    if (usage.isPresent()) {
      return usage.get();
    }
    List<Condition> open = openConditions();
    List<Object> thresholds = new ArrayList<>();
    boolean simple = true;
    List<Condition> reading = new ArrayList<>();
    for (Condition condition : open) {
      if (condition.facts().contains(fact)) {
        thresholds.addAll(condition.constants());
        simple &= condition.simple(fact);
        reading.add(condition);
      }
    }
    for (Map.Entry<String, Expression> derived : rules.derived().entrySet()) {
      if (derived.getValue().facts().contains(fact)) {
        simple = false;
        thresholds.addAll(derived.getValue().constants());
        for (Condition condition : open) {
          if (condition.facts().contains(derived.getKey())) {
            thresholds.addAll(condition.constants());
          }
        }
      }
    }
    boolean amountFact = action.amountFact().map(fact::equals).orElse(false);
    boolean inExpression =
        action.amountExpression().isPresent()
            && rules.amounts().get(action.id()).facts().contains(fact);
    List<BigDecimal> limits = amountFact || inExpression ? limits() : List.of();
    thresholds.addAll(limits);
    if (inExpression) {
      // The other facts of the sum move where a limit falls for this one.
      simple = false;
      for (String other : rules.amounts().get(action.id()).facts()) {
        money(other).ifPresent(m -> limits.forEach(c -> thresholds.add(c.subtract(m.amount()))));
        money(other).ifPresent(m -> limits.forEach(c -> thresholds.add(m.amount().subtract(c))));
      }
      thresholds.addAll(rules.amounts().get(action.id()).constants());
    }
    List<Object> raw = rules.candidates(fact, thresholds, env);
    if (!simple) {
      return raw;
    }
    // Values that every comparison (and every limit, for the amount) sees alike are tried once.
    Map<List<Object>, Object> distinct = new LinkedHashMap<>();
    Object assumed = env.values().get(fact);
    for (Object value : raw) {
      List<Object> outcomes = new ArrayList<>();
      reading.forEach(c -> outcomes.add(c.partsOn(fact, value)));
      if (amountFact && value instanceof Number n) {
        BigDecimal v = new BigDecimal(n.toString());
        limits.forEach(limit -> outcomes.add(v.compareTo(limit) <= 0));
        outcomes.add(v.signum() == 0);
      }
      if (value.equals(assumed)) {
        distinct.put(outcomes, value); // the default stands for its class
      } else {
        distinct.putIfAbsent(outcomes, value);
      }
    }
    return List.copyOf(distinct.values());
  }

  /** Whether a budget's usage leaves room for what this way would give, or not. */
  enum BudgetRoom {
    FITS,
    OVER
  }

  /**
   * A budget's usage matters only as room or no room for what is given: a count budget's count is
   * tried one below the allowance and at it, a money budget's total as "fits" or "over" for
   * whatever amount a way gives.
   */
  private Optional<List<Object>> usageCandidates(String fact) {
    Optional<Limit> limit = role.limit(kind.id());
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = budget(limit.get(), scope);
      if (budget == null) {
        continue;
      }
      if (fact.equals(Usage.countFact(scope, kind.id()))) {
        return Optional.of(
            budget.maxCount() == null || budget.maxCount() == 0
                ? List.of(0L)
                : List.of((long) budget.maxCount() - 1, (long) budget.maxCount()));
      }
      if (fact.equals(Usage.totalFact(scope, kind.id()))) {
        return Optional.of(List.of(BudgetRoom.FITS, BudgetRoom.OVER));
      }
    }
    return Optional.empty();
  }

  /** Every cap and budget an amount of this action could cross, up the approval chain. */
  private List<BigDecimal> limits() {
    List<BigDecimal> out = new ArrayList<>();
    role.limit(kind.id()).map(Limit::maxAmount).ifPresent(out::add);
    for (Role approver : decider.authority().approvalChain(role.id())) {
      approver.limit(kind.id()).map(Limit::maxAmount).ifPresent(out::add);
    }
    exceptions.stream().map(PolicyException::maxAmount).filter(Objects::nonNull).forEach(out::add);
    role.limit(kind.id())
        .ifPresent(
            limit -> {
              for (Usage.Scope scope : Usage.Scope.values()) {
                Budget budget = budget(limit, scope);
                if (budget != null && budget.maxAmount() != null) {
                  out.add(budget.maxAmount());
                  // With part of a budget used, what is left is the line an amount crosses.
                  remaining(scope, budget).ifPresent(out::add);
                }
              }
            });
    return out.stream().distinct().sorted().toList();
  }

  /** A condition that cannot be worked out on the facts as known at all: the case goes up. */
  private Optional<Decision> failedCondition() {
    List<Condition.Evaluated> all = new ArrayList<>(guardrailOutcomes);
    all.addAll(triggerOutcomes);
    all.add(preconditionOutcome);
    all.add(ruleOutcome);
    all.addAll(exceptionOutcomes);
    for (Condition.Evaluated evaluated : all) {
      if (evaluated.outcome() == Outcome.ERROR) {
        return Optional.of(unchecked(evaluated.error()));
      }
    }
    return Optional.empty();
  }

  private Decision unchecked(String error) {
    LOG.log(
        System.Logger.Level.WARNING,
        "play {0} version {1}, action {2}: a rule could not be checked: {3}",
        play.id(),
        play.version(),
        action.id(),
        error);
    var path = decider.authority().escalation();
    return new Decision.Escalate(
        action,
        knownAmount(),
        path.to(),
        "This rule could not be checked on these facts, so the case goes up rather than guessing. "
            + path.how(),
        action.policy(),
        trace(conditionChecks));
  }

  /**
   * The question for {@code fact}, with what each answer would mean when that alone settles it ("If
   * yes: you can do it. If no: a senior agent must approve.").
   */
  Decision.NeedInfo ask(String fact, Optional<Exploration> table) {
    String question = question(fact);
    StringBuilder reason =
        new StringBuilder("This depends on " + Condition.label(fact) + ", which is not known yet.");
    if (table.isPresent()) {
      int f = table.get().facts().indexOf(fact);
      FactSpec spec = rules.specs().get(fact);
      if (f >= 0
          && spec != null
          && (spec.type() == dev.leeway.playbook.FactType.BOOLEAN
              || spec.type() == dev.leeway.playbook.FactType.ENUM)) {
        List<Object> values = table.get().candidates().get(f);
        List<String> outcomes = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
          Optional<String> verdict = table.get().verdictWhen(f, v);
          if (verdict.isEmpty()) {
            outcomes.clear();
            break;
          }
          outcomes.add(
              "If " + answerWords(values.get(v)) + ": " + verdictWords(verdict.get()) + ".");
        }
        outcomes.forEach(o -> reason.append(' ').append(o));
      }
    }
    return new Decision.NeedInfo(
        action,
        knownAmount(),
        fact,
        question,
        reason.toString(),
        action.policy(),
        trace(conditionChecks));
  }

  private static String answerWords(Object value) {
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    return String.valueOf(value).replace('_', ' ');
  }

  private String verdictWords(String signature) {
    String[] parts = signature.split(":", 2);
    return switch (parts[0]) {
      case "CAN_DO" -> "you can do it";
      case "NEEDS_APPROVAL" ->
          a(decider.authority().role(parts[1]).map(Role::label).orElse(parts[1]))
              + " must approve it";
      case "NO" -> "the policy does not allow it";
      case "ESCALATE" -> "it goes to " + parts[1];
      default -> "it depends on more";
    };
  }

  /**
   * Two decisions agree when they send the agent the same way: the same approver, the same team, or
   * "go ahead" — whether by the rule or by an exception, the agent may act, so asking which would
   * only cost the customer time.
   */
  static String signature(Decision d) {
    return switch (d) {
      case Decision.NeedsApproval n -> "NEEDS_APPROVAL:" + n.approverRole();
      case Decision.Escalate e -> "ESCALATE:" + e.to();
      case Decision.CanDo c -> "CAN_DO";
      case Decision.CanDoByException c -> "CAN_DO";
      // Either way the agent does not take the action: asking which would change nothing they do.
      case Decision.CannotDo c -> "NO";
      case Decision.NotApplicable n -> "NO";
      default -> d.kind();
    };
  }

  /**
   * A decision taken on a default ("assumed") value of a fact says so when another value of that
   * fact would give a different verdict, and which question would settle it.
   */
  private Decision annotateAssumptions(Decision decision) {
    if (decision instanceof Decision.NeedInfo) {
      return decision;
    }
    List<String> notes = new ArrayList<>();
    for (String name : conditionFacts) {
      Fact fact = env.facts().get(name);
      FactSpec spec = rules.specs().get(name);
      if (fact == null
          || !(fact.source() instanceof dev.leeway.facts.FactSource.Assumed)
          || spec == null
          || spec.defaultValue() == null) {
        continue;
      }
      String verdict = signature(decision);
      List<Object> around = new ArrayList<>();
      boolean inExpression =
          action.amountExpression().isPresent()
              && rules.amounts().get(action.id()).facts().contains(name);
      if (action.amountFact().map(name::equals).orElse(false) || inExpression) {
        around.addAll(limits());
      }
      if (inExpression) {
        for (String other : rules.amounts().get(action.id()).facts()) {
          Object value = env.values().get(other);
          if (value instanceof Number n && !other.equals(name)) {
            limits().forEach(limit -> around.add(limit.subtract(new BigDecimal(n.toString()))));
          }
        }
      }
      for (Condition condition : allConditions()) {
        if (condition.facts().contains(name)) {
          around.addAll(condition.constants());
        }
      }
      for (Object value : rules.candidates(name, around, env)) {
        Map<String, Object> values = new Overlay(env.values());
        values.put(name, value);
        rules.derive(values);
        if (!signature(resolve(new Completion(values))).equals(verdict)) {
          notes.add(
              "This assumes "
                  + Condition.label(name)
                  + " is "
                  + fact.value().display().replace('_', ' ')
                  + "; if that is not so, ask: "
                  + question(name));
          break;
        }
      }
    }
    if (notes.isEmpty()) {
      return decision;
    }
    return withReason(decision, decision.reason() + " " + String.join(" ", notes));
  }

  private static Decision withReason(Decision d, String reason) {
    return switch (d) {
      case Decision.CanDo c ->
          new Decision.CanDo(c.action(), c.amount(), c.upTo(), reason, c.policy(), c.trace());
      case Decision.CanDoByException c ->
          new Decision.CanDoByException(
              c.action(), c.amount(), c.upTo(), c.exceptionId(), reason, c.policy(), c.trace());
      case Decision.NeedsApproval n ->
          new Decision.NeedsApproval(
              n.action(),
              n.amount(),
              n.approverRole(),
              n.approverLabel(),
              n.canDoNow(),
              reason,
              n.policy(),
              n.trace());
      case Decision.CannotDo c ->
          new Decision.CannotDo(c.action(), c.amount(), c.instead(), reason, c.policy(), c.trace());
      case Decision.NotApplicable n ->
          new Decision.NotApplicable(n.action(), n.amount(), reason, n.policy(), n.trace());
      case Decision.Escalate e ->
          new Decision.Escalate(e.action(), e.amount(), e.to(), reason, e.policy(), e.trace());
      case Decision.NeedInfo n -> n;
    };
  }

  // ---- one way the facts could be ----

  /** The known facts with a few values laid over them, without copying the known ones. */
  private static final class Overlay extends java.util.AbstractMap<String, Object> {
    private final Map<String, Object> base;
    private final Map<String, Object> over = new HashMap<>(8);

    Overlay(Map<String, Object> base) {
      this.base = base;
    }

    @Override
    public Object get(Object key) {
      Object value = over.get(key);
      return value != null ? value : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return over.containsKey(key) || base.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
      return over.put(key, value);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      Map<String, Object> all = new HashMap<>(base);
      all.putAll(over);
      return all.entrySet();
    }
  }

  /** Every fact's value for one way the unknowns could turn out (the known ones as they are). */
  private final class Completion {
    private final Map<String, Object> values;

    Completion(Map<String, Object> values) {
      this.values = values;
    }

    /** The condition's outcome: as known, or on these values when the facts left it open. */
    boolean holds(Condition condition, Condition.Evaluated known) {
      Outcome outcome =
          switch (known.outcome()) {
            case TRUE, FALSE, ERROR -> known.outcome();
            case UNKNOWN -> {
              List<Object> key = new ArrayList<>(condition.facts().size());
              condition.facts().forEach(f -> key.add(values.get(f)));
              yield memo.computeIfAbsent(condition, c -> new HashMap<>())
                  .computeIfAbsent(key, k -> condition.outcome(values));
            }
          };
      return outcome == Outcome.TRUE;
    }

    /** The action's amount on these values. */
    Optional<BigDecimal> amount() {
      if (action.fixedAmount().isPresent()) {
        return action.fixedAmount();
      }
      if (action.amountFact().isPresent()) {
        return decimal(values.get(action.amountFact().get()));
      }
      if (action.amountExpression().isPresent()) {
        return switch (rules.amounts().get(action.id()).evaluate(values)) {
          case Expression.Result.Known k -> decimal(k.value()).map(a -> a.max(BigDecimal.ZERO));
          default -> Optional.empty();
        };
      }
      return Optional.empty();
    }

    Optional<Long> count(String fact) {
      return values.get(fact) instanceof Long l ? Optional.of(l) : Optional.empty();
    }

    /** The usage total of a budget on this way: as known, or just within or just over its room. */
    Optional<BigDecimal> total(String fact, Budget budget) {
      Object value = values.get(fact);
      if (value instanceof BudgetRoom room) {
        BigDecimal need =
            action.amount() == null ? new BigDecimal("0.01") : amount().orElse(BigDecimal.ZERO);
        BigDecimal fits = budget.maxAmount().subtract(need).max(BigDecimal.ZERO);
        return Optional.of(
            room == BudgetRoom.FITS
                ? fits
                : budget
                    .maxAmount()
                    .subtract(need)
                    .add(new BigDecimal("0.01"))
                    .max(BigDecimal.ZERO));
      }
      return decimal(value);
    }

    private static Optional<BigDecimal> decimal(Object value) {
      if (value instanceof Double d) {
        return Optional.of(BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP));
      }
      if (value instanceof Long l) {
        return Optional.of(BigDecimal.valueOf(l));
      }
      return Optional.empty();
    }
  }

  // ---- the verdict ----

  Decision resolve(Completion way) {
    List<Check> checks = new ArrayList<>(conditionChecks);
    // An action known not to apply to the case is not on the table at all: not even a guardrail
    // makes it something to escalate. One that may not apply is weighed after them: a case that
    // goes up anyway raises no question about it.
    if (precondition != null && preconditionOutcome.outcome() == Outcome.FALSE) {
      return notApplicable(checks);
    }

    // A guardrail known to have fired wins outright; only then one that fires on this way.
    for (Outcome pass : List.of(Outcome.TRUE, Outcome.UNKNOWN)) {
      for (int i = 0; i < guardrailOutcomes.size(); i++) {
        Guardrail g = decider.guardrails().get(i);
        if (guardrailOutcomes.get(i).outcome() == pass
            && way.holds(decider.guardrailConditions().get(i), guardrailOutcomes.get(i))) {
          return new Decision.Escalate(
              action,
              knownAmount(),
              g.to(),
              g.reason(),
              "Always escalated: " + g.to(),
              trace(checks));
        }
      }
    }
    for (Outcome pass : List.of(Outcome.TRUE, Outcome.UNKNOWN)) {
      for (int i = 0; i < triggerIndexes.size(); i++) {
        EscalationTrigger t = play.triggers().get(triggerIndexes.get(i));
        if (triggerOutcomes.get(i).outcome() == pass
            && way.holds(rules.conditions().get(t.when()), triggerOutcomes.get(i))) {
          String reason =
              t.reason() != null && !t.reason().isBlank()
                  ? t.reason()
                  : "This case must go to " + t.to() + ".";
          return new Decision.Escalate(
              action, knownAmount(), t.to(), reason, action.policy(), trace(checks));
        }
      }
    }
    if (precondition != null && !way.holds(precondition, preconditionOutcome)) {
      return notApplicable(checks);
    }
    Optional<Limit> limit = role.limit(kind.id());
    if (limit.isEmpty()) {
      return outsideAuthority(way, checks);
    }
    BigDecimal roleCap = kind.monetary() ? limit.get().maxAmount() : null;
    boolean ruleHolds = rule == null || way.holds(rule, ruleOutcome);
    BigDecimal bestCap = null;
    boolean eligible = ruleHolds;
    if (ruleHolds) {
      if (withinCap(roleCap, way, checks, "your " + kindWords() + " limit")) {
        return withinBudgets(limit.get(), roleCap, null, way, checks);
      }
      bestCap = roleCap;
    }
    for (int i = 0; i < exceptions.size(); i++) {
      PolicyException exception = exceptions.get(i);
      if (!way.holds(exceptionConditions.get(i), exceptionOutcomes.get(i))) {
        continue;
      }
      eligible = true;
      BigDecimal cap = raise(roleCap, exception.maxAmount());
      if (withinCap(cap, way, checks, "the cap under this exception")) {
        return withinBudgets(limit.get(), cap, exception, way, checks);
      }
      bestCap = bestCap == null || (cap != null && cap.compareTo(bestCap) > 0) ? cap : bestCap;
    }
    if (!eligible) {
      return notEligible(way, checks);
    }
    return overCap(bestCap, limit.get(), way, checks);
  }

  private Decision notApplicable(List<Check> checks) {
    return new Decision.NotApplicable(
        action,
        knownAmount(),
        "Does not apply to this case (" + preconditionOutcome.explanation() + ").",
        action.policy(),
        trace(checks));
  }

  private Decision outsideAuthority(Completion way, List<Check> checks) {
    checks.add(
        new Check(
            "authority",
            kind.id(),
            Outcome.FALSE,
            "'" + kind.label() + "' is not in the " + role.label() + " limits"));
    Optional<Role> approver = approverFor(way);
    if (approver.isPresent()) {
      return new Decision.NeedsApproval(
          action,
          knownAmount(),
          approver.get().id(),
          approver.get().label(),
          Optional.empty(),
          kind.label()
              + " is outside "
              + a(role.label())
              + "'s authority; "
              + a(approver.get().label())
              + " can approve it.",
          action.policy(),
          trace(checks));
    }
    return escalateBeyondEveryone(kind.label() + " is outside every role's authority.", checks);
  }

  /** The first role up the approval chain that holds this kind and whose cap covers the amount. */
  private Optional<Role> approverFor(Completion way) {
    for (Role approver : decider.authority().approvalChain(role.id())) {
      Optional<Limit> theirs = approver.limit(kind.id());
      if (theirs.isEmpty()) {
        continue;
      }
      BigDecimal cap = kind.monetary() ? theirs.get().maxAmount() : null;
      Optional<BigDecimal> amount = way.amount();
      if (cap == null || amount.isEmpty() || amount.get().compareTo(cap) <= 0) {
        return Optional.of(approver);
      }
    }
    return Optional.empty();
  }

  private Decision notEligible(Completion way, List<Check> checks) {
    // Reached on a way where the rule fails; when the facts as known leave it open, every way
    // agrees (or the agent would be asked), so the rule is "not confirmed" rather than "not met".
    boolean ruleUnknown = ruleOutcome.outcome() == Outcome.UNKNOWN;
    boolean exceptionUnknown =
        exceptionOutcomes.stream().anyMatch(e -> e.outcome() == Outcome.UNKNOWN);
    StringBuilder why =
        new StringBuilder(
            (ruleUnknown ? "The normal rule is not confirmed" : "The normal rule is not met")
                + " ("
                + ruleOutcome.explanation()
                + ")");
    if (!exceptions.isEmpty()) {
      why.append(exceptionUnknown ? " and no exception is confirmed" : " and no exception applies");
      // Only open exceptions are worth detail (what is missing); a known miss would read as if the
      // customer had to be someone else ("needs gold or silver").
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < exceptions.size(); i++) {
        if (exceptionOutcomes.get(i).outcome() == Outcome.UNKNOWN) {
          reasons.add(exceptionOutcomes.get(i).explanation());
        }
      }
      if (!reasons.isEmpty()) {
        why.append(" (")
            .append(String.join("; ", reasons.stream().distinct().toList()))
            .append(")");
      }
    }
    why.append(".");
    if (!play.bendable(action)) {
      return new Decision.CannotDo(
          action,
          knownAmount(),
          instead(),
          why + " The policy does not allow this, and nobody can approve an exception to it.",
          action.policy(),
          trace(checks));
    }
    Optional<Role> approver = approverFor(way);
    if (approver.isEmpty()) {
      return escalateBeyondEveryone(why.toString(), checks);
    }
    return new Decision.NeedsApproval(
        action,
        knownAmount(),
        approver.get().id(),
        approver.get().label(),
        Optional.empty(),
        why + " " + capital(a(approver.get().label())) + " can approve an exception to it.",
        action.policy(),
        trace(checks));
  }

  /** What the play offers in place of this action, with the other actions' labels. */
  private List<Decision.Instead> instead() {
    List<Decision.Instead> out = new ArrayList<>();
    for (Alternative alternative : play.insteadOf(action)) {
      if (alternative.action() != null) {
        play.actions().stream()
            .filter(a -> a.id().equals(alternative.action()))
            .findFirst()
            .ifPresent(a -> out.add(new Decision.Instead.OtherAction(a.id(), a.label())));
      } else if (alternative.say() != null) {
        out.add(new Decision.Instead.Say(alternative.say().strip()));
      }
    }
    return out;
  }

  private Decision overCap(BigDecimal cap, Limit limit, Completion way, List<Check> checks) {
    Optional<BigDecimal> amount = knownAmount();
    Optional<Role> approver = approverFor(way);
    if (approver.isEmpty()) {
      return escalateBeyondEveryone(
          amount
              .map(a -> money(a) + " is over every role's " + kindWords() + " limit.")
              .orElse("This is over every role's limit."),
          checks);
    }
    Optional<BigDecimal> now = nowWithin(cap, limit);
    String unlessBudget =
        now.isEmpty() && positive(cap).isPresent() && budgetsUnknown(limit)
            ? " Once the account history shows the customer is within your budget, you can give up to "
                + money(cap)
                + " yourself."
            : "";
    String over =
        amount
            .map(a -> money(a) + " is over your " + kindWords() + " limit of " + money(cap))
            .orElse("This is over your " + kindWords() + " limit of " + money(cap));
    return new Decision.NeedsApproval(
        action,
        amount,
        approver.get().id(),
        approver.get().label(),
        now,
        over
            + "; "
            + a(approver.get().label())
            + " can approve it"
            + now.map(n -> ". You can give up to " + money(n) + " now on your own authority.")
                .orElse(".")
            + unlessBudget,
        action.policy(),
        trace(checks));
  }

  private static Budget budget(Limit limit, Usage.Scope scope) {
    return scope == Usage.Scope.CUSTOMER ? limit.perCustomer() : limit.perAgent();
  }

  /** Whether a budget applies whose usage is not known (so no amount can be promised yet). */
  private boolean budgetsUnknown(Limit limit) {
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = budget(limit, scope);
      if (budget == null) {
        continue;
      }
      if ((budget.maxCount() != null && whole(Usage.countFact(scope, kind.id())).isEmpty())
          || (budget.maxAmount() != null && remaining(scope, budget).isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The most the agent may give now: the cap, cut to what every budget has left. Empty when a
   * budget is used up, or its usage is unknown (no promise that might overstep it).
   */
  private Optional<BigDecimal> nowWithin(BigDecimal cap, Limit limit) {
    BigDecimal most = cap;
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = budget(limit, scope);
      if (budget == null) {
        continue;
      }
      if (budget.maxCount() != null) {
        Optional<Long> used = whole(Usage.countFact(scope, kind.id()));
        if (used.isEmpty() || used.get() >= budget.maxCount()) {
          return Optional.empty();
        }
      }
      if (budget.maxAmount() != null) {
        Optional<BigDecimal> remaining = remaining(scope, budget);
        if (remaining.isEmpty()) {
          return Optional.empty();
        }
        most = most == null || remaining.get().compareTo(most) < 0 ? remaining.get() : most;
      }
    }
    return positive(most);
  }

  private Decision escalateBeyondEveryone(String why, List<Check> checks) {
    var path = decider.authority().escalation();
    return new Decision.Escalate(
        action, knownAmount(), path.to(), why + " " + path.how(), action.policy(), trace(checks));
  }

  /**
   * Whether the amount fits under {@code cap}; a null cap, or no amount on the action, always fits.
   */
  private boolean withinCap(BigDecimal cap, Completion way, List<Check> checks, String capWords) {
    if (cap == null || action.amount() == null) {
      return true;
    }
    Optional<BigDecimal> amount = way.amount();
    if (amount.isEmpty()) {
      return true; // only when the amount's facts are not worth asking: nothing to weigh
    }
    boolean fits = amount.get().compareTo(cap) <= 0;
    Optional<BigDecimal> known = knownAmount();
    if (known.isPresent()) {
      checks.add(
          new Check(
              "limit",
              money(known.get()) + " <= " + money(cap),
              fits ? Outcome.TRUE : Outcome.FALSE,
              money(known.get())
                  + (fits ? " is within " : " is over ")
                  + capWords
                  + " of "
                  + money(cap)));
    }
    return fits;
  }

  private Decision withinBudgets(
      Limit limit, BigDecimal cap, PolicyException exception, Completion way, List<Check> checks) {
    BigDecimal upTo = action.amount() == null ? cap : null;
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = budget(limit, scope);
      if (budget == null) {
        continue;
      }
      Optional<Decision> over = overBudget(scope, budget, cap, limit, way, checks);
      if (over.isPresent()) {
        return over.get();
      }
      Optional<BigDecimal> remaining = remaining(scope, budget);
      if (action.amount() == null && remaining.isPresent()) {
        upTo = upTo == null || remaining.get().compareTo(upTo) < 0 ? remaining.get() : upTo;
      }
    }
    Optional<BigDecimal> amount = knownAmount();
    Optional<BigDecimal> limitIfNoAmount =
        kind.monetary() ? Optional.ofNullable(upTo) : Optional.empty();
    String upToWords = limitIfNoAmount.map(u -> " You can give up to " + money(u) + ".").orElse("");
    if (exception == null) {
      String reason =
          amount
                  .filter(a -> cap != null)
                  .map(
                      a ->
                          money(a)
                              + " is within your "
                              + kindWords()
                              + " limit of "
                              + money(cap)
                              + ".")
                  .orElse("Within your authority.")
              + (rule == null ? "" : " The rule is met: " + ruleOutcome.explanation() + ".")
              + upToWords;
      return new Decision.CanDo(
          action, amount, limitIfNoAmount, reason.strip(), action.policy(), trace(checks));
    }
    int index = exceptions.indexOf(exception);
    String because =
        exception.description() != null && !exception.description().isBlank()
            ? exception.description().strip()
            : exceptionOutcomes.get(index).explanation();
    String reason =
        "Allowed as an exception: "
            + because
            + (because.endsWith(".") ? "" : ".")
            + " ("
            + exceptionOutcomes.get(index).explanation()
            + ")"
            + amount
                .filter(a -> cap != null)
                .map(a -> " " + money(a) + " is within the cap of " + money(cap) + ".")
                .orElse("")
            + upToWords;
    String policy =
        exception.policy() != null && !exception.policy().isBlank()
            ? exception.policy()
            : action.policy();
    return new Decision.CanDoByException(
        action, amount, limitIfNoAmount, exception.id(), reason, policy, trace(checks));
  }

  private Optional<Decision> overBudget(
      Usage.Scope scope,
      Budget budget,
      BigDecimal cap,
      Limit limit,
      Completion way,
      List<Check> checks) {
    String whose = scope == Usage.Scope.CUSTOMER ? "this customer" : "you";
    String period =
        "in the last " + budget.periodDays() + (budget.periodDays() == 1 ? " day" : " days");
    String subject = scope == Usage.Scope.CUSTOMER ? "customer budget" : "agent budget";
    String countFact = Usage.countFact(scope, kind.id());
    if (budget.maxCount() != null) {
      boolean fits;
      if (budget.maxCount() == 0) {
        fits = false; // nothing allowed, whatever has been used
        checks.add(
            new Check(
                subject,
                "0 allowed",
                Outcome.FALSE,
                "no " + kindWords() + " is allowed " + period));
      } else {
        Optional<Long> used = way.count(countFact);
        fits = used.isEmpty() || used.get() < budget.maxCount();
        whole(countFact)
            .ifPresent(
                known ->
                    checks.add(
                        new Check(
                            subject,
                            known + " < " + budget.maxCount(),
                            known < budget.maxCount() ? Outcome.TRUE : Outcome.FALSE,
                            whose
                                + " had "
                                + known
                                + " of "
                                + budget.maxCount()
                                + " allowed "
                                + period)));
      }
      if (!fits) {
        return Optional.of(
            budgetApproval(
                "The "
                    + subject
                    + " for "
                    + kindWords()
                    + " is used up: "
                    + budget.maxCount()
                    + " allowed "
                    + period
                    + ".",
                Optional.empty(),
                way,
                checks));
      }
    }
    if (budget.maxAmount() != null && kind.monetary()) {
      String totalFact = Usage.totalFact(scope, kind.id());
      Optional<BigDecimal> used = way.total(totalFact, budget);
      Optional<BigDecimal> amount = way.amount();
      boolean fits;
      if (action.amount() == null) {
        // The agent chooses the amount: any budget left is room to give something.
        fits = used.isEmpty() || used.get().compareTo(budget.maxAmount()) < 0;
      } else {
        BigDecimal needed = amount.orElse(BigDecimal.ZERO);
        fits =
            needed.signum() == 0
                || needed.add(used.orElse(BigDecimal.ZERO)).compareTo(budget.maxAmount()) <= 0;
      }
      Optional<BigDecimal> remaining = remaining(scope, budget);
      if (remaining.isPresent() && knownAmount().isPresent()) {
        checks.add(
            new Check(
                subject,
                money(knownAmount().get()) + " <= " + money(remaining.get()) + " left",
                knownAmount().get().compareTo(remaining.get()) <= 0 ? Outcome.TRUE : Outcome.FALSE,
                money(remaining.get())
                    + " of "
                    + money(budget.maxAmount())
                    + " left for "
                    + whose
                    + " "
                    + period));
      }
      if (!fits) {
        Optional<BigDecimal> canDo = nowWithin(cap, limit);
        return Optional.of(
            budgetApproval(
                "This would go over the "
                    + money(budget.maxAmount())
                    + " "
                    + subject
                    + " for "
                    + kindWords()
                    + " "
                    + period
                    + remaining.map(r -> " (" + money(r) + " left)").orElse("")
                    + "."
                    + canDo
                        .map(c -> " You can give up to " + money(c) + " now on your own authority.")
                        .orElse(""),
                canDo,
                way,
                checks));
      }
    }
    return Optional.empty();
  }

  private Decision budgetApproval(
      String why, Optional<BigDecimal> canDoNow, Completion way, List<Check> checks) {
    Optional<Role> approver = approverFor(way);
    if (approver.isEmpty()) {
      return escalateBeyondEveryone(why, checks);
    }
    return new Decision.NeedsApproval(
        action,
        knownAmount(),
        approver.get().id(),
        approver.get().label(),
        canDoNow,
        why + " " + capital(a(approver.get().label())) + " can approve more.",
        action.policy(),
        trace(checks));
  }

  private Optional<BigDecimal> remaining(Usage.Scope scope, Budget budget) {
    if (budget.maxAmount() == null) {
      return Optional.empty();
    }
    return money(Usage.totalFact(scope, kind.id()))
        .map(m -> budget.maxAmount().subtract(m.amount()).max(BigDecimal.ZERO));
  }

  // ---- facts ----

  /** The action's amount on the facts as known: fixed, from its money fact, or worked out. */
  private Optional<BigDecimal> knownAmount() {
    if (action.fixedAmount().isPresent()) {
      return action.fixedAmount();
    }
    if (action.amountFact().isPresent()) {
      return money(action.amountFact().get()).map(FactValue.Money::amount);
    }
    if (action.amountExpression().isPresent()) {
      return switch (rules.amounts().get(action.id()).evaluate(env.values())) {
        case Expression.Result.Known k when k.value() instanceof Number n ->
            Optional.of(
                new BigDecimal(n.toString())
                    .setScale(2, RoundingMode.HALF_UP)
                    .max(BigDecimal.ZERO));
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  private Optional<FactValue.Money> money(String fact) {
    return facts
        .get(fact)
        .map(Fact::value)
        .filter(FactValue.Money.class::isInstance)
        .map(FactValue.Money.class::cast);
  }

  private Optional<Long> whole(String fact) {
    return facts
        .get(fact)
        .map(Fact::value)
        .filter(FactValue.Whole.class::isInstance)
        .map(v -> ((FactValue.Whole) v).value());
  }

  /** The currency of the money facts the amount comes from, else the pack's. */
  private static String currency(FactSet facts, Action action, String packCurrency) {
    for (Fact fact : facts.all()) {
      if (fact.value() instanceof FactValue.Money m
          && action.amount() != null
          && action.amount().contains(fact.name())) {
        return m.currency();
      }
    }
    return packCurrency;
  }

  private String question(String fact) {
    FactSpec spec = rules.specs().get(fact);
    if (spec != null && spec.question() != null && !spec.question().isBlank()) {
      return spec.question();
    }
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget = role.limit(kind.id()).map(l -> budget(l, scope)).orElse(null);
      int period = budget == null ? 0 : budget.periodDays();
      if (fact.equals(Usage.countFact(scope, kind.id()))) {
        return Usage.question(scope, kind, false, period);
      }
      if (fact.equals(Usage.totalFact(scope, kind.id()))) {
        return Usage.question(scope, kind, true, period);
      }
    }
    return "What is the " + Condition.label(fact) + "?";
  }

  private List<Fact> traceFacts;

  private Trace trace(List<Check> checks) {
    if (traceFacts == null) {
      traceFacts = traceFacts();
    }
    return new Trace(
        play.id(),
        play.version(),
        decider.content().version(),
        role.id(),
        traceFacts,
        checks,
        decider.currency());
  }

  /** A fact the checks read, and for a derived one the facts it was worked out from. */
  private void addTraceFact(String name, Map<String, Fact> used) {
    Fact fact = env.facts().get(name);
    if (fact != null && used.putIfAbsent(name, fact) == null) {
      rules.derivedFrom(name).forEach(input -> addTraceFact(input, used));
    }
  }

  /** The facts the checks read, with their sources, the same for every way of this action. */
  private List<Fact> traceFacts() {
    Map<String, Fact> used = new LinkedHashMap<>();
    for (String name : conditionFacts) {
      addTraceFact(name, used);
    }
    action.amountFact().flatMap(facts::get).ifPresent(f -> used.putIfAbsent(f.name(), f));
    for (Usage.Scope scope : Usage.Scope.values()) {
      facts.get(Usage.countFact(scope, kind.id())).ifPresent(f -> used.putIfAbsent(f.name(), f));
      facts.get(Usage.totalFact(scope, kind.id())).ifPresent(f -> used.putIfAbsent(f.name(), f));
    }
    return List.copyOf(used.values());
  }

  // ---- words ----

  private String kindWords() {
    return lower(kind.label());
  }

  private String money(BigDecimal amount) {
    return amount == null ? "no cap" : new FactValue.Money(amount, currency).display();
  }

  private static Optional<BigDecimal> positive(BigDecimal amount) {
    return amount != null && amount.signum() > 0 ? Optional.of(amount) : Optional.empty();
  }

  private static BigDecimal raise(BigDecimal roleCap, BigDecimal exceptionCap) {
    if (roleCap == null || exceptionCap == null) {
      return roleCap;
    }
    return roleCap.max(exceptionCap);
  }

  /** "an agent", "a senior agent": the label in lower case with its article. */
  private static String a(String label) {
    String word = lower(label);
    return (word.matches("(?i)[aeiou].*") ? "an " : "a ") + word;
  }

  private static String capital(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String lower(String label) {
    return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
  }

  @Override
  public String toString() {
    return "ActionDecider["
        + play.id()
        + "/"
        + action.id()
        + " for "
        + Objects.requireNonNull(role).id()
        + "]";
  }
}
