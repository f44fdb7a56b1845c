package dev.leeway.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.config.ActionKind;
import dev.leeway.config.Budget;
import dev.leeway.config.Guardrail;
import dev.leeway.config.Limit;
import dev.leeway.config.Role;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.Action;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PolicyException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Over random authority matrices, plays and facts, decisions never overstep, let guardrails win,
 * ask rather than guess, and repeat.
 *
 * <p>Each property checks {@value #TRIES} generated cases. Case i of a run is drawn from its own
 * {@link Random}, seeded from the run's seed and i, so one case can be replayed on its own. The
 * seed is fixed per property, so runs repeat; {@code -Dleeway.seed=S} runs with seed S instead, and
 * {@code -Dleeway.case=i} checks case i only. The first failing case fails the test with the seed,
 * its index and the case written out: nothing is shrunk, the pool's contents are small enough to
 * read.
 */
class DeciderPropertiesTest {

  /** Cases checked per property. */
  static final int TRIES = 10_000;

  /** Random completions tried per case in the "ask, never guess" property. */
  private static final int COMPLETIONS = 3;

  // ---- cases ----

  /** A content from the pool, a role and a value (or none) for each fact the content knows. */
  record Case(RandomContent content, String role, List<Optional<FactValue>> values) {

    FactSet facts() {
      List<Fact> facts = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String name = content.slots.get(i).name();
        values
            .get(i)
            .ifPresent(v -> facts.add(new Fact(name, v, new FactSource.Context(name), 1.0)));
      }
      return FactSet.of(facts);
    }

    /**
     * The facts the conditions see: the given ones, and the assumed value of any flag not given.
     */
    Map<String, FactValue> known() {
      Map<String, FactValue> known = new HashMap<>();
      for (int i = 0; i < values.size(); i++) {
        RandomContent.Slot slot = content.slots.get(i);
        Optional<FactValue> v = values.get(i);
        if (v.isPresent()) {
          known.put(slot.name(), v.get());
        } else if (slot.assume() != null) {
          known.put(slot.name(), new FactValue.Flag(slot.assume()));
        }
      }
      return known;
    }

    Optional<FactValue> value(String name) {
      for (int i = 0; i < values.size(); i++) {
        if (content.slots.get(i).name().equals(name)) {
          return values.get(i);
        }
      }
      return Optional.empty();
    }

    PlayDecision decide(Play play) {
      return content.decider().decide(play, facts(), role);
    }

    Outcome eval(String condition) {
      return condition == null || condition.isBlank()
          ? Outcome.TRUE
          : content.condition(condition).eval(known());
    }

    Role theRole() {
      return content.content.authority().role(role).orElseThrow();
    }

    ActionKind kind(Action action) {
      return content.content.authority().kind(action.kind()).orElseThrow();
    }

    /** The action's amount: fixed, or its money fact when given. */
    Optional<BigDecimal> amount(Action action) {
      if (action.fixedAmount().isPresent()) {
        return action.fixedAmount();
      }
      return action.amountFact().flatMap(this::value).map(v -> ((FactValue.Money) v).amount());
    }

    Optional<Long> count(Usage.Scope scope, String kind) {
      return value(Usage.countFact(scope, kind)).map(v -> ((FactValue.Whole) v).value());
    }

    Optional<BigDecimal> total(Usage.Scope scope, String kind) {
      return value(Usage.totalFact(scope, kind)).map(v -> ((FactValue.Money) v).amount());
    }

    @Override
    public String toString() {
      List<String> given = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String name = content.slots.get(i).name();
        values
            .get(i)
            .ifPresentOrElse(v -> given.add(name + "=" + v.display()), () -> missing.add(name));
      }
      return "\n"
          + content
          + "  role: "
          + role
          + "\n  facts: "
          + String.join(", ", given)
          + "\n  missing: "
          + String.join(", ", missing)
          + "\n";
    }
  }

  /** A case, one of its plays, and a few full sets of values to fill its missing facts with. */
  record Completed(Case base, int play, List<List<FactValue>> completions) {

    /** The base facts with every missing one filled from completion i, except assumed flags. */
    FactSet completion(int i) {
      return completion(completions.get(i), Map.of());
    }

    FactSet completion(List<FactValue> fill, Map<String, FactValue> overrides) {
      List<Fact> facts = new ArrayList<>();
      for (int s = 0; s < base.values.size(); s++) {
        RandomContent.Slot slot = base.content.slots.get(s);
        // An assumed flag stays unsaid: the assumption is the configured answer, not a guess.
        FactValue v =
            overrides.containsKey(slot.name())
                ? overrides.get(slot.name())
                : base.values.get(s).orElse(slot.assume() != null ? null : fill.get(s));
        if (v != null) {
          facts.add(new Fact(slot.name(), v, new FactSource.Context(slot.name()), 1.0));
        }
      }
      return FactSet.of(facts);
    }

    @Override
    public String toString() {
      StringBuilder s =
          new StringBuilder(base.toString())
              .append("  play: ")
              .append(base.content.plays().get(play).id())
              .append('\n');
      for (int i = 0; i < completions.size(); i++) {
        // Only what a completion fills in: the missing facts, less the assumed flags.
        List<String> filled = new ArrayList<>();
        for (int slot = 0; slot < base.values.size(); slot++) {
          RandomContent.Slot theSlot = base.content.slots.get(slot);
          if (base.values.get(slot).isEmpty() && theSlot.assume() == null) {
            filled.add(theSlot.name() + "=" + completions.get(i).get(slot).display());
          }
        }
        s.append("  completion ")
            .append(i + 1)
            .append(": ")
            .append(String.join(", ", filled))
            .append('\n');
      }
      return s.toString();
    }
  }

  /** A case over any content of the pool, the simplest ones most often. */
  static Case aCase(Random r) {
    return aCase(RandomContent.get(RandomContent.index(r)), r);
  }

  /**
   * A case over a content with at least one guardrail, each such content as likely as the others.
   */
  static Case aGuardedCase(Random r) {
    return aCase(RandomContent.get(RandomContent.pick(r, RandomContent.withGuardrails())), r);
  }

  /**
   * A case, one of its plays (each as likely) and {@value #COMPLETIONS} independent full sets of
   * values.
   */
  static Completed aCompletedCase(Random r) {
    RandomContent content = RandomContent.get(RandomContent.index(r));
    Case base = aCase(content, r);
    int play = (int) RandomContent.between(r, 0, content.plays().size() - 1);
    List<List<FactValue>> completions = new ArrayList<>();
    for (int i = 0; i < COMPLETIONS; i++) {
      completions.add(content.slots.stream().map(slot -> content.value(slot, r)).toList());
    }
    return new Completed(base, play, List.copyOf(completions));
  }

  /** A case and the seed its facts are shuffled with. */
  record Shuffled(Case c, long shuffle) {
    @Override
    public String toString() {
      return c + "  shuffle seed: " + shuffle + "\n";
    }
  }

  static Shuffled aShuffledCase(Random r) {
    return new Shuffled(aCase(r), r.nextLong());
  }

  private static Case aCase(RandomContent content, Random r) {
    // Any role, each as likely; each fact is missing a third of the time, so unknowns are common
    // but not the rule.
    String role = RandomContent.pick(r, content.roleIds());
    List<Optional<FactValue>> values = new ArrayList<>();
    for (RandomContent.Slot slot : content.slots) {
      values.add(r.nextInt(3) == 0 ? Optional.empty() : Optional.of(content.value(slot, r)));
    }
    return new Case(content, role, List.copyOf(values));
  }

  // ---- 1. never oversteps ----

  @Test
  void never_oversteps_the_role_limit_the_rule_or_the_budgets(TestInfo test) {
    forAll(
        test,
        0x1EE7_0001L,
        DeciderPropertiesTest::aCase,
        c -> {
          for (Play play : c.content().plays()) {
            for (Decision d : c.decide(play).decisions()) {
              if (d instanceof Decision.CanDo || d instanceof Decision.CanDoByException) {
                assertWithinAuthority(c, play, d);
              }
            }
          }
        });
  }

  private static void assertWithinAuthority(Case c, Play play, Decision d) {
    Action action = d.action();
    ActionKind kind = c.kind(action);
    Optional<Limit> limit = c.theRole().limit(kind.id());
    assertThat(limit)
        .as("a kind outside the role's limits is never allowed: %s", why(d))
        .isPresent();

    PolicyException cited = null;
    if (d instanceof Decision.CanDoByException byException) {
      String id = byException.exceptionId();
      cited = play.exceptions().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
      assertThat(cited).as("the cited exception is the play's: %s", why(d)).isNotNull();
      assertThat(cited.allows())
          .as("the cited exception allows the action: %s", why(d))
          .contains(action.id());
    }
    String citedRule = d instanceof Decision.CanDo ? action.when() : cited.when();
    if (c.eval(citedRule) != Outcome.TRUE) {
      // Left open by the facts: then the rule or an exception must allow it whatever they turn out
      // to be.
      assertThat(allowedWhateverTheUnknowns(c, play, action))
          .as(
              "CAN_DO on an open rule needs the rule or an exception to hold in every completion: %s",
              why(d))
          .isTrue();
      cited = null;
    }

    if (kind.monetary() && action.amount() != null) {
      Optional<BigDecimal> amount = c.amount(action);
      BigDecimal cap = limit.get().maxAmount();
      if (cap != null) {
        assertThat(amount)
            .as("an unknown amount is never waved through a cap: %s", why(d))
            .isPresent();
        // Only the cited exception's own max_amount may raise the cap, and only as far as it says.
        BigDecimal allowed =
            cited != null && cited.maxAmount() != null ? cap.max(cited.maxAmount()) : cap;
        assertThat(amount.get())
            .as("the amount is within the cap of %s: %s", allowed, why(d))
            .isLessThanOrEqualTo(allowed);
      }
    }
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget =
          scope == Usage.Scope.CUSTOMER ? limit.get().perCustomer() : limit.get().perAgent();
      if (budget == null) {
        continue;
      }
      if (budget.maxCount() != null) {
        Optional<Long> used = c.count(scope, kind.id());
        assertThat(used)
            .as("an unknown %s count never passes a count budget: %s", scope, why(d))
            .isPresent();
        assertThat(used.get())
            .as("the %s count budget of %d is not used up: %s", scope, budget.maxCount(), why(d))
            .isLessThan(budget.maxCount());
      }
      if (budget.maxAmount() != null && kind.monetary()) {
        Optional<BigDecimal> total = c.total(scope, kind.id());
        Optional<BigDecimal> given = action.amount() != null ? c.amount(action) : Optional.empty();
        if (given.isPresent() && given.get().signum() == 0) {
          continue; // giving nothing cannot overspend, whatever has been used
        }
        assertThat(total)
            .as("an unknown %s total never passes a money budget: %s", scope, why(d))
            .isPresent();
        BigDecimal left = budget.maxAmount().subtract(total.get());
        if (action.amount() != null) {
          Optional<BigDecimal> amount = c.amount(action);
          assertThat(amount)
              .as("an unknown amount never passes a money budget: %s", why(d))
              .isPresent();
          // Giving nothing cannot overspend, even a budget already overspent.
          if (amount.get().signum() > 0) {
            assertThat(amount.get())
                .as("the amount fits the %s budget (%s left): %s", scope, left, why(d))
                .isLessThanOrEqualTo(left);
          }
        } else {
          assertThat(left.signum())
              .as("an action without an amount needs some %s budget left: %s", scope, why(d))
              .isPositive();
        }
      }
    }
  }

  /**
   * Whether the action's rule or one of the exceptions allowing it holds in every way the facts the
   * case leaves missing could be filled in (each over the content's own candidate values).
   */
  static boolean allowedWhateverTheUnknowns(Case c, Play play, Action action) {
    List<String> conditions = new ArrayList<>();
    conditions.add(action.when());
    play.exceptions().stream()
        .filter(x -> x.allows().contains(action.id()))
        .forEach(x -> conditions.add(x.when()));
    List<String> missing = new ArrayList<>();
    Map<String, FactValue> known = c.known();
    for (RandomContent.Slot slot : c.content().slots) {
      boolean read = conditions.stream().anyMatch(w -> w != null && w.contains(slot.name()));
      if (read && !known.containsKey(slot.name())) {
        missing.add(slot.name());
      }
    }
    List<List<FactValue>> domains = missing.stream().map(f -> c.content().candidates(f)).toList();
    int[] at = new int[missing.size()];
    while (true) {
      Map<String, FactValue> filled = new HashMap<>(known);
      for (int i = 0; i < at.length; i++) {
        filled.put(missing.get(i), domains.get(i).get(at[i]));
      }
      boolean allowed = false;
      for (String w : conditions) {
        if (w == null || w.isBlank() || c.content().condition(w).eval(filled) == Outcome.TRUE) {
          allowed = true;
          break;
        }
      }
      if (!allowed) {
        return false;
      }
      int i = at.length - 1;
      while (i >= 0 && ++at[i] == domains.get(i).size()) {
        at[i--] = 0;
      }
      if (i < 0) {
        return true;
      }
    }
  }

  // ---- 1b. what the agent may give now ----

  @Test
  void what_an_agent_is_told_to_give_now_never_exceeds_their_limit_or_budgets(TestInfo test) {
    forAll(
        test,
        0x1EE7_0002L,
        DeciderPropertiesTest::aCase,
        c -> {
          for (Play play : c.content().plays()) {
            for (Decision d : c.decide(play).decisions()) {
              Optional<BigDecimal> now =
                  switch (d) {
                    case Decision.NeedsApproval n -> n.canDoNow();
                    case Decision.CanDo x -> x.upTo();
                    case Decision.CanDoByException x -> x.upTo();
                    default -> Optional.empty();
                  };
              if (now.isPresent()) {
                assertOfferWithinAuthority(c, play, d, now.get());
              }
            }
          }
        });
  }

  private static void assertOfferWithinAuthority(Case c, Play play, Decision d, BigDecimal now) {
    Action action = d.action();
    ActionKind kind = c.kind(action);
    Optional<Limit> limit = c.theRole().limit(kind.id());
    assertThat(limit).as("nothing is offered outside the role's limits: %s", why(d)).isPresent();
    assertThat(kind.monetary()).as("only money is offered up to an amount: %s", why(d)).isTrue();
    List<PolicyException> holding =
        play.exceptions().stream()
            .filter(x -> x.allows().contains(action.id()) && c.eval(x.when()) == Outcome.TRUE)
            .toList();
    assertThat(
            c.eval(action.when()) == Outcome.TRUE
                || !holding.isEmpty()
                || allowedWhateverTheUnknowns(c, play, action))
        .as(
            "something is offered only when the rule or an exception holds (in every completion): %s",
            why(d))
        .isTrue();
    if (c.eval(action.when()) != Outcome.TRUE && holding.isEmpty()) {
      // Open, but allowed in every completion: any exception that could hold may set the cap.
      holding =
          play.exceptions().stream()
              .filter(x -> x.allows().contains(action.id()) && c.eval(x.when()) != Outcome.FALSE)
              .toList();
    }
    BigDecimal cap = limit.get().maxAmount();
    if (cap != null) {
      BigDecimal allowed = cap;
      for (PolicyException x : holding) {
        if (x.maxAmount() != null
            && (d instanceof Decision.NeedsApproval || d instanceof Decision.CanDoByException)) {
          allowed = allowed.max(x.maxAmount());
        }
      }
      assertThat(now)
          .as("the offer is within the cap of %s: %s", allowed, why(d))
          .isLessThanOrEqualTo(allowed);
    }
    for (Usage.Scope scope : Usage.Scope.values()) {
      Budget budget =
          scope == Usage.Scope.CUSTOMER ? limit.get().perCustomer() : limit.get().perAgent();
      if (budget == null) {
        continue;
      }
      Optional<Long> used = c.count(scope, kind.id());
      if (budget.maxCount() != null && used.isPresent()) {
        assertThat(used.get())
            .as(
                "nothing is offered when the %s count budget of %d is used up: %s",
                scope, budget.maxCount(), why(d))
            .isLessThan(budget.maxCount());
      }
      Optional<BigDecimal> total = c.total(scope, kind.id());
      if (budget.maxAmount() != null && total.isPresent()) {
        BigDecimal left = budget.maxAmount().subtract(total.get());
        assertThat(now)
            .as("the offer fits the %s budget (%s left): %s", scope, left, why(d))
            .isLessThanOrEqualTo(left);
      }
    }
  }

  // ---- 1c. who approves ----

  @Test
  void approval_goes_to_a_role_up_the_chain_that_holds_the_authority(TestInfo test) {
    forAll(
        test,
        0x1EE7_0003L,
        DeciderPropertiesTest::aCase,
        c -> {
          List<Role> chain = c.content().content.authority().approvalChain(c.role());
          for (Play play : c.content().plays()) {
            for (Decision d : c.decide(play).decisions()) {
              if (d instanceof Decision.NeedsApproval n) {
                Role approver =
                    c.content().content.authority().role(n.approverRole()).orElseThrow();
                assertThat(chain).as("the approver is up the chain: %s", why(d)).contains(approver);
                Optional<Limit> theirs = approver.limit(d.action().kind());
                assertThat(theirs)
                    .as("the approver may grant this kind at all: %s", why(d))
                    .isPresent();
                Optional<BigDecimal> amount = c.amount(d.action());
                if (c.kind(d.action()).monetary()
                    && amount.isPresent()
                    && theirs.get().maxAmount() != null) {
                  assertThat(amount.get())
                      .as(
                          "the approver's own cap of %s covers the amount: %s",
                          theirs.get().maxAmount(), why(d))
                      .isLessThanOrEqualTo(theirs.get().maxAmount());
                }
              }
            }
          }
        });
  }

  // ---- 2. guardrails win ----

  @Test
  void a_fired_guardrail_escalates_every_action_of_every_play_to_its_desk(TestInfo test) {
    Tally guardrail = new Tally("guardrail");
    try {
      forAll(
          test,
          0x1EE7_0004L,
          DeciderPropertiesTest::aGuardedCase,
          c -> {
            Guardrail fired =
                c.content().content.authority().guardrails().stream()
                    .filter(g -> c.eval(g.when()) == Outcome.TRUE)
                    .findFirst()
                    .orElse(null);
            guardrail.collect(fired == null ? "none fired" : "fired");
            if (fired == null) {
              return;
            }
            for (Play play : c.content().plays()) {
              for (Decision d : c.decide(play).decisions()) {
                assertThat(d)
                    .as("guardrail %s (%s) fired: %s", fired.id(), fired.when(), why(d))
                    .isInstanceOfSatisfying(
                        Decision.Escalate.class, e -> assertThat(e.to()).isEqualTo(fired.to()));
              }
            }
          });
    } finally {
      guardrail.print(test);
    }
  }

  // ---- 3. unknowns are asked, never guessed ----

  @Test
  void missing_facts_that_would_change_the_decision_are_asked_for_never_guessed(TestInfo test) {
    Tally witness = new Tally("NEED_INFO witness");
    try {
      forAll(
          test,
          0x1EE7_0005L,
          DeciderPropertiesTest::aCompletedCase,
          c -> {
            Case base = c.base();
            // One play per try: each completion costs a decision, and the plays are alike anyway.
            Play play = base.content().plays().get(c.play());
            List<Decision> decided = base.decide(play).decisions();
            List<List<Decision>> completed = new ArrayList<>();
            for (int i = 0; i < c.completions().size(); i++) {
              completed.add(
                  base.content().decider().decide(play, c.completion(i), base.role()).decisions());
            }
            for (int a = 0; a < decided.size(); a++) {
              Decision d = decided.get(a);
              Set<String> outcomes = new LinkedHashSet<>();
              List<String> byCompletion = new ArrayList<>();
              for (List<Decision> full : completed) {
                Decision f = full.get(a);
                assertThat(f)
                    .as("complete facts never need more: %s", why(f))
                    .isNotInstanceOf(Decision.NeedInfo.class);
                outcomes.add(signature(f));
                byCompletion.add(signature(f));
              }
              if (firedGuardrail(d)) {
                continue; // a guardrail known to fire escalates at once; property 2 checks where to
              }
              if (!(d instanceof Decision.NeedInfo n)) {
                assertThat(outcomes)
                    .as(
                        "%s was decided without asking, so no answer to a missing fact may change it (completions 1-%d gave %s)",
                        why(d), byCompletion.size(), byCompletion)
                    .containsOnly(signature(d));
                continue;
              }
              assertThat(base.facts().has(n.fact()))
                  .as("NEED_INFO names a missing fact: %s", why(d))
                  .isFalse();
              assertThat(base.content().slots.stream().map(RandomContent.Slot::name))
                  .as("NEED_INFO names a fact of the content: %s", why(d))
                  .contains(n.fact());
              String found =
                  outcomes.size() > 1
                      ? "random completions"
                      : witnessByVarying(c, play, a, n.fact())
                          ? "varying the named fact"
                          : "none found";
              witness.collect(found);
            }
          });
    } finally {
      witness.print(test);
    }
  }

  /**
   * Whether two completions split the verdict: each of the named fact's own bounds (and the values
   * around them), with the other missing facts filled from each random completion and from all
   * zeros, the fill that most often fits a budget exactly.
   */
  private static boolean witnessByVarying(Completed c, Play play, int action, String fact) {
    RandomContent content = c.base().content();
    List<List<FactValue>> fills = new ArrayList<>(c.completions());
    fills.add(content.zeros());
    Set<String> outcomes = new LinkedHashSet<>();
    for (List<FactValue> fill : fills) {
      for (FactValue v : content.candidates(fact)) {
        FactSet facts = c.completion(fill, Map.of(fact, v));
        outcomes.add(
            signature(
                content.decider().decide(play, facts, c.base().role()).decisions().get(action)));
        if (outcomes.size() > 1) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- 4. determinism ----

  @Test
  void the_same_content_facts_and_role_give_equal_decisions(TestInfo test) {
    forAll(
        test,
        0x1EE7_0006L,
        DeciderPropertiesTest::aShuffledCase,
        s -> {
          Case c = s.c();
          FactSet facts = c.facts();
          List<Fact> reordered = new ArrayList<>(facts.all());
          Collections.shuffle(reordered, new Random(s.shuffle()));
          for (Play play : c.content().plays()) {
            PlayDecision first = c.content().decider().decide(play, facts, c.role());
            assertThat(c.content().decider().decide(play, facts, c.role()))
                .as("play %s asked twice", play.id())
                .isEqualTo(first);
            // A decider compiled from an equal copy of the content, the facts given in another
            // order.
            assertThat(c.content().twin().decide(play, FactSet.of(reordered), c.role()))
                .as(
                    "play %s, another decider, facts reordered as %s",
                    play.id(), reordered.stream().map(Fact::name).toList())
                .isEqualTo(first);
          }
        });
  }

  // ---- helpers ----

  /**
   * What a verdict is, as the decider compares them: who takes it, or "go ahead" whether by the
   * rule or by an exception (asking which would not change what the agent does).
   */
  static String signature(Decision d) {
    return switch (d) {
      case Decision.NeedsApproval n -> "NEEDS_APPROVAL:" + n.approverRole();
      case Decision.Escalate e -> "ESCALATE:" + e.to();
      case Decision.CanDoByException x -> "CAN_DO";
      default -> d.kind();
    };
  }

  /** Whether a guardrail was known to have fired when the decision was made. */
  static boolean firedGuardrail(Decision d) {
    return d.trace().checks().stream()
        .anyMatch(c -> c.subject().startsWith("guardrail ") && c.outcome() == Outcome.TRUE);
  }

  /** The decision in words: play and action, verdict, amount, reason, and the checks behind it. */
  static String why(Decision d) {
    String checks =
        d.trace().checks().stream()
            .map(k -> k.subject() + " " + k.condition() + " = " + k.outcome())
            .collect(Collectors.joining("; "));
    return d.trace().playId()
        + "/"
        + d.action().id()
        + " -> "
        + signature(d)
        + d.amount().map(a -> " amount " + a).orElse("")
        + " ("
        + d.reason()
        + ")"
        + (checks.isEmpty() ? "" : " [checks: " + checks + "]");
  }

  // ---- running ----

  /**
   * Checks {@value #TRIES} cases drawn by {@code generate}, each from its own {@link Random}, and
   * fails on the first one {@code property} rejects (an assertion or any other exception) with the
   * seed, the case's index and the case itself.
   */
  private static <T> void forAll(
      TestInfo test, long defaultSeed, Function<Random, T> generate, Consumer<T> property) {
    String name = test.getTestMethod().orElseThrow().getName();
    long seed = Long.getLong("leeway.seed", defaultSeed);
    Integer only = Integer.getInteger("leeway.case");
    int from = only == null ? 0 : only;
    int to = only == null ? TRIES : only + 1;
    // Cases are independent: they run on every core, and the lowest failing index is reported,
    // as a run one case after another would.
    record Failure(int index, Object c, Throwable e) {}
    AtomicReference<Failure> first = new AtomicReference<>();
    IntStream.range(from, to)
        .parallel()
        .forEach(
            i -> {
              Failure known = first.get();
              if (known != null && known.index() < i) {
                return;
              }
              T c = generate.apply(new Random(caseSeed(seed, i)));
              try {
                property.accept(c);
              } catch (AssertionError | RuntimeException e) {
                Failure failure = new Failure(i, c, e);
                first.accumulateAndGet(
                    failure, (a, b) -> a == null || b.index() < a.index() ? b : a);
              }
            });
    Failure failure = first.get();
    if (failure != null) {
      int i = failure.index();
      throw new AssertionError(
          String.format(
              "%s failed on case %d of %d, seed %d (%#x)%n"
                  + "  replay: -Dtest='dev/leeway/decide/DeciderPropertiesTest#%s' -Dleeway.seed=%d -Dleeway.case=%d%n"
                  + "case:%s"
                  + "violated:%n  %s",
              name,
              i,
              TRIES,
              seed,
              seed,
              name,
              seed,
              i,
              failure.c(),
              String.valueOf(failure.e().getMessage()).strip().replace("\n", "\n  ")),
          failure.e());
    }
  }

  /**
   * Case i's own seed: the run's seed and i, well mixed (SplitMix64), so neighbouring cases are
   * unrelated.
   */
  static long caseSeed(long seed, int i) {
    long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** How often each value of a label came up, printed as one line when the property is done. */
  static final class Tally {
    private final String label;
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    Tally(String label) {
      this.label = label;
    }

    synchronized void collect(String value) {
      counts.merge(value, 1, Integer::sum);
    }

    synchronized void print(TestInfo test) {
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      String shares =
          counts.entrySet().stream()
              .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
              .map(
                  e ->
                      String.format(
                          "%s %d%% (%d)",
                          e.getKey(),
                          Math.round(100.0 * e.getValue() / Math.max(total, 1)),
                          e.getValue()))
              .collect(Collectors.joining(", "));
      System.out.printf(
          "%s: %s over %d: %s%n",
          test.getTestMethod().orElseThrow().getName(), label, total, total == 0 ? "none" : shares);
    }
  }
}
