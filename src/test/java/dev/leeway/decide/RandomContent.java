package dev.leeway.decide;

import dev.leeway.config.ActionKind;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Budget;
import dev.leeway.config.EscalationPath;
import dev.leeway.config.Guardrail;
import dev.leeway.config.Limit;
import dev.leeway.config.Role;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.Action;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.EscalationTrigger;
import dev.leeway.playbook.FactCatalogue;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PlayStatus;
import dev.leeway.playbook.Playbook;
import dev.leeway.playbook.PolicyException;
import dev.leeway.playbook.SharedFact;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A small random content (matrix, shared facts, guardrails, plays) kept with the conditions it was
 * built from.
 */
final class RandomContent {

  // Building a decider compiles every condition with CEL (about 20 ms), far too slow per try, so
  // properties draw from a fixed pool: enough variety for 10,000 tries, quick to compile, sorted
  // simplest first. The pool index is drawn biased towards 0 (see between), so the simplest
  // contents come up most often, and a low index in a failure report means a small content.
  static final int POOL_SIZE = 64;

  private static final long SEED = 20_260_601L;
  private static volatile List<RandomContent> pool;

  /** A fact the facts of a try may give a value to: a declared fact or a usage fact. */
  record Slot(String name, FactType type, List<String> values, Boolean assume) {}

  // Values picked so that comparisons land on, just under and just over their bounds.
  private static final List<String> CAPS = List.of("0", "25", "50", "75", "100", "150", "250");
  private static final List<String> EXCEPTION_CAPS = List.of("30", "100", "200", "500");
  private static final List<String> BUDGET_AMOUNTS = List.of("0", "20", "50", "100", "200");
  private static final List<String> FIXED_AMOUNTS =
      List.of("0", "25", "50.00", "75", "120.50", "300");
  private static final List<String> MONEY_CONSTANTS =
      List.of("0", "20", "49.99", "50", "75", "100.00", "150.50", "250");
  private static final List<Long> WHOLE_CONSTANTS = List.of(0L, 1L, 2L, 3L, 5L, 7L, 10L, 30L, 60L);
  private static final List<String> OPS = List.of("<", "<=", ">", ">=", "==", "!=");

  private static final List<FactSpec> SHARED_TYPED =
      List.of(
          new FactSpec("order_total", FactType.MONEY, "What was the order total?", List.of()),
          new FactSpec(
              "tier",
              FactType.ENUM,
              "Which tier is the customer?",
              List.of("none", "silver", "gold")),
          new FactSpec(
              "tenure_months",
              FactType.COUNT,
              "How many months has the customer been with us?",
              List.of()));
  private static final List<String> FLAGS = List.of("legal_threat", "safety_risk");
  private static final List<FactSpec> OWN_FACTS =
      List.of(
          new FactSpec("price", FactType.MONEY, "What did the customer pay?", List.of()),
          new FactSpec("fee", FactType.MONEY, "How much is the fee?", List.of()),
          new FactSpec("days_since", FactType.DAYS, "How many days ago?", List.of()),
          new FactSpec("times", FactType.COUNT, "How many times?", List.of()),
          new FactSpec("photo", FactType.BOOLEAN, "Is there a photo?", List.of()),
          new FactSpec(
              "channel", FactType.ENUM, "Which channel?", List.of("web", "phone", "store")));

  final int index;
  final Content content;

  /** The generated expression behind every condition, by its CEL text. */
  final Map<String, Expr> conditions;

  final List<Slot> slots;
  final List<BigDecimal> moneyValues;
  final List<Long> wholeValues;
  final int complexity;
  private final long seed;
  private volatile Decider decider;
  private volatile Decider twin;

  private RandomContent(
      int index,
      long seed,
      Content content,
      Map<String, Expr> conditions,
      List<Slot> slots,
      int complexity) {
    this.index = index;
    this.seed = seed;
    this.content = content;
    this.conditions = Map.copyOf(conditions);
    this.slots = List.copyOf(slots);
    this.complexity = complexity;
    this.moneyValues = List.copyOf(moneyValues(content, conditions.values()));
    this.wholeValues = List.copyOf(wholeValues(content, conditions.values()));
  }

  /** The pool, simplest content first; index i is always the same content. */
  static List<RandomContent> pool() {
    if (pool == null) {
      synchronized (RandomContent.class) {
        if (pool == null) {
          Random seeds = new Random(SEED);
          List<Long> ordered =
              IntStream.range(0, POOL_SIZE)
                  .mapToObj(i -> seeds.nextLong())
                  .sorted(
                      Comparator.comparingInt((Long s) -> generate(-1, s).complexity)
                          .thenComparing(s -> s))
                  .toList();
          List<RandomContent> built = new ArrayList<>();
          for (int i = 0; i < ordered.size(); i++) {
            built.add(generate(i, ordered.get(i)));
          }
          pool = List.copyOf(built);
        }
      }
    }
    return pool;
  }

  static RandomContent get(int index) {
    return pool().get(index);
  }

  /** The indices of contents that have at least one guardrail. */
  static List<Integer> withGuardrails() {
    return IntStream.range(0, POOL_SIZE)
        .filter(i -> !get(i).content.authority().guardrails().isEmpty())
        .boxed()
        .toList();
  }

  /** Compiled on first use, then shared by every try. */
  Decider decider() {
    if (decider == null) {
      synchronized (this) {
        if (decider == null) {
          decider = Decider.build(content);
        }
      }
    }
    return decider;
  }

  /** A second decider over a second, separately generated but equal, copy of the content. */
  Decider twin() {
    if (twin == null) {
      synchronized (this) {
        if (twin == null) {
          twin = Decider.build(generate(index, seed).content);
        }
      }
    }
    return twin;
  }

  List<String> roleIds() {
    return List.copyOf(content.authority().roles().keySet());
  }

  List<Play> plays() {
    return content.playbook().plays();
  }

  Expr condition(String cel) {
    Expr e = conditions.get(cel);
    if (e == null) {
      throw new IllegalStateException("no generated condition " + cel);
    }
    return e;
  }

  /** The assumed value of a shared flag, or null. */
  Boolean assumption(String fact) {
    return content.facts().fact(fact).map(SharedFact::assume).orElse(null);
  }

  // ---- values for facts ----

  /**
   * A value of the slot's type, mostly from the values the content's bounds make interesting: three
   * times in four one of those, else any amount from $0.00 to $400.00 (in cents) or any whole
   * number from 0 to 100, both drawn biased towards 0.
   */
  FactValue value(Slot slot, Random r) {
    return switch (slot.type()) {
      case MONEY ->
          new FactValue.Money(
              r.nextInt(4) < 3
                  ? pick(r, moneyValues)
                  : BigDecimal.valueOf(between(r, 0, 40_000), 2),
              "USD");
      case COUNT, DAYS ->
          new FactValue.Whole(r.nextInt(4) < 3 ? pick(r, wholeValues) : between(r, 0, 100));
      case BOOLEAN -> new FactValue.Flag(r.nextBoolean());
      case ENUM -> new FactValue.Text(pick(r, slot.values()));
      default -> throw new IllegalStateException("not generated: " + slot.type());
    };
  }

  /** A value for every slot: zero, no, or the first of an enum's values. */
  List<FactValue> zeros() {
    return slots.stream()
        .map(
            slot ->
                switch (slot.type()) {
                  case MONEY -> (FactValue) new FactValue.Money(BigDecimal.ZERO, "USD");
                  case COUNT, DAYS -> new FactValue.Whole(0);
                  case BOOLEAN -> new FactValue.Flag(false);
                  default -> new FactValue.Text(slot.values().get(0));
                })
        .toList();
  }

  /**
   * The values of one fact most likely to change a verdict: the bounds it is compared with in
   * conditions and the values either side, every enum value and both flags; for an amount or a
   * usage fact, also every interesting money or count value of the content.
   */
  List<FactValue> candidates(String fact) {
    Slot slot = slots.stream().filter(s -> s.name().equals(fact)).findFirst().orElseThrow();
    Set<FactValue> values = new LinkedHashSet<>();
    switch (slot.type()) {
      case BOOLEAN -> values.addAll(List.of(new FactValue.Flag(true), new FactValue.Flag(false)));
      case ENUM -> slot.values().forEach(v -> values.add(new FactValue.Text(v)));
      default -> {}
    }
    BigDecimal cent = new BigDecimal("0.01");
    for (Expr e : conditions.values()) {
      for (Expr leaf : leaves(e)) {
        if (leaf instanceof Expr.Money m && m.fact().equals(fact)) {
          for (BigDecimal v :
              List.of(m.constant().subtract(cent), m.constant(), m.constant().add(cent))) {
            if (v.signum() >= 0) {
              values.add(new FactValue.Money(v.setScale(2), "USD"));
            }
          }
        } else if (leaf instanceof Expr.Whole w && w.fact().equals(fact)) {
          for (long v = Math.max(0, w.constant() - 1); v <= w.constant() + 1; v++) {
            values.add(new FactValue.Whole(v));
          }
        }
      }
    }
    boolean amountFact =
        plays().stream().flatMap(p -> p.actions().stream()).anyMatch(a -> fact.equals(a.amount()));
    boolean usageFact = fact.startsWith("customer_") || fact.startsWith("agent_");
    if (amountFact || usageFact) {
      if (slot.type() == FactType.MONEY) {
        moneyValues.forEach(
            v -> values.add(new FactValue.Money(v.setScale(Math.max(2, v.scale())), "USD")));
      } else {
        wholeValues.forEach(v -> values.add(new FactValue.Whole(v)));
      }
    }
    return List.copyOf(values);
  }

  private static List<BigDecimal> moneyValues(Content content, Iterable<Expr> conditions) {
    Set<BigDecimal> bounds = new TreeSet<>();
    bounds.add(BigDecimal.ZERO);
    for (Expr e : conditions) {
      leaves(e).stream()
          .filter(Expr.Money.class::isInstance)
          .forEach(m -> bounds.add(((Expr.Money) m).constant()));
    }
    Set<BigDecimal> amounts = new TreeSet<>();
    for (Role role : content.authority().roles().values()) {
      for (Limit limit : role.limits().values()) {
        if (limit.maxAmount() != null) {
          bounds.add(limit.maxAmount());
          amounts.add(limit.maxAmount());
        }
        for (Budget b : new Budget[] {limit.perCustomer(), limit.perAgent()}) {
          if (b != null && b.maxAmount() != null) {
            bounds.add(b.maxAmount());
          }
        }
      }
    }
    for (Play play : content.playbook().plays()) {
      play.actions().forEach(a -> a.fixedAmount().ifPresent(amounts::add));
      play.exceptions().stream()
          .filter(x -> x.maxAmount() != null)
          .forEach(x -> bounds.add(x.maxAmount()));
    }
    // Totals that leave exactly a fixed amount or a cap of a budget.
    Set<BigDecimal> values = new TreeSet<>();
    for (BigDecimal b : bounds) {
      values.add(b);
      values.add(b.add(new BigDecimal("0.01")));
      if (b.signum() > 0) {
        values.add(b.subtract(new BigDecimal("0.01")));
      }
      for (BigDecimal a : amounts) {
        if (b.compareTo(a) > 0) {
          values.add(b.subtract(a));
        }
      }
    }
    return new ArrayList<>(values);
  }

  private static List<Long> wholeValues(Content content, Iterable<Expr> conditions) {
    Set<Long> bounds = new TreeSet<>(List.of(0L, 1L));
    for (Expr e : conditions) {
      leaves(e).stream()
          .filter(Expr.Whole.class::isInstance)
          .forEach(w -> bounds.add(((Expr.Whole) w).constant()));
    }
    for (Role role : content.authority().roles().values()) {
      for (Limit limit : role.limits().values()) {
        for (Budget b : new Budget[] {limit.perCustomer(), limit.perAgent()}) {
          if (b != null && b.maxCount() != null) {
            bounds.add((long) b.maxCount());
          }
        }
      }
    }
    Set<Long> values = new TreeSet<>();
    for (long b : bounds) {
      values.add(b);
      values.add(b + 1);
      if (b > 0) {
        values.add(b - 1);
      }
    }
    return new ArrayList<>(values);
  }

  private static List<Expr> leaves(Expr e) {
    return switch (e) {
      case Expr.Not n -> leaves(n.inner());
      case Expr.And a -> concat(leaves(a.left()), leaves(a.right()));
      case Expr.Or o -> concat(leaves(o.left()), leaves(o.right()));
      default -> List.of(e);
    };
  }

  private static List<Expr> concat(List<Expr> a, List<Expr> b) {
    List<Expr> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ---- drawing ----

  /**
   * A pool index, biased towards the simplest contents: 0 to 6 a third of the time, 7 to 20 another
   * third.
   */
  static int index(Random r) {
    return (int) between(r, 0, POOL_SIZE - 1);
  }

  /**
   * A whole number from {@code min} to {@code max}, biased towards {@code min}: a range wider than
   * 20 is cut a third of the way up from min, the part below that cut again a third of the way up,
   * and so on while a part is wider than 20; then one part is picked, each as likely as the others,
   * and a number in it, each as likely as the others. So 0..63 splits as 0..6, 7..20 and 21..63,
   * 0..100 as 0..10, 11..32 and 33..100, and 0..40,000 (cents up to $400) into eight parts, the
   * lowest 0..17. This is how the properties' values were drawn when they were first written, kept
   * so that the mix of cases stays the same.
   */
  static long between(Random r, long min, long max) {
    if (min >= max) {
      return min;
    }
    List<Long> cuts = new ArrayList<>();
    long top = max;
    while (top - min > 20) {
      long range = top - min;
      int decimals = (64 - Long.numberOfLeadingZeros(range)) / 10 * 3;
      long ratio = Math.max((long) Math.pow(decimals / 5.0, 10), 3);
      long distance = range / ratio;
      if (distance == 0) {
        break;
      }
      top = min + distance;
      cuts.add(top);
    }
    java.util.Collections.sort(cuts);
    List<long[]> parts = new ArrayList<>();
    long lower = min;
    for (long cut : cuts) {
      if (cut > lower && cut < max) {
        parts.add(new long[] {lower, cut - 1});
        lower = cut;
      }
    }
    parts.add(new long[] {lower, max});
    long[] part = parts.get(r.nextInt(parts.size()));
    return r.nextLong(part[0], part[1] + 1);
  }

  static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  // ---- generation ----

  private static RandomContent generate(int index, long seed) {
    Random r = new Random(seed);
    Map<String, Expr> conditions = new LinkedHashMap<>();
    int complexity = 0;

    // Action kinds: mostly monetary, since that is where limits and budgets bite.
    List<String> kindIds = new ArrayList<>(List.of("refund", "credit", "reship"));
    java.util.Collections.shuffle(kindIds, r);
    Map<String, ActionKind> kinds = new LinkedHashMap<>();
    for (String id : kindIds.subList(0, 1 + r.nextInt(3))) {
      kinds.put(
          id,
          new ActionKind(
              id, r.nextInt(4) != 0, Character.toUpperCase(id.charAt(0)) + id.substring(1)));
    }

    // An approval chain of two or three roles, each with random limits (or none) per kind.
    List<String> roleIds =
        List.of("agent", "senior_agent", "supervisor").subList(0, 2 + r.nextInt(2));
    Map<String, Role> roles = new LinkedHashMap<>();
    for (int i = 0; i < roleIds.size(); i++) {
      Map<String, Limit> limits = new LinkedHashMap<>();
      for (ActionKind kind : kinds.values()) {
        if (r.nextInt(5) != 0) {
          limits.put(kind.id(), limit(r, kind.monetary()));
          complexity++;
        }
      }
      String id = roleIds.get(i);
      String approver = i + 1 < roleIds.size() ? roleIds.get(i + 1) : null;
      roles.put(
          id,
          new Role(
              id,
              Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('_', ' '),
              approver,
              limits));
    }

    // Shared facts: two flags (sometimes assumed) and three typed facts plays may use.
    Map<String, SharedFact> shared = new LinkedHashMap<>();
    List<FactSpec> flagSpecs = new ArrayList<>();
    for (String flag : FLAGS) {
      FactSpec spec =
          new FactSpec(
              flag, FactType.BOOLEAN, "Is there a " + flag.replace('_', ' ') + "?", List.of());
      Boolean assume = pick(r, java.util.Arrays.asList(null, false, false, true));
      shared.put(flag, new SharedFact(spec, assume));
      flagSpecs.add(spec);
    }
    SHARED_TYPED.forEach(f -> shared.put(f.name(), new SharedFact(f, null)));

    // Guardrails over the flags; two may go to different desks, so their order matters.
    List<Guardrail> guardrails = new ArrayList<>();
    int guardrailCount = r.nextInt(3);
    for (int i = 0; i < guardrailCount; i++) {
      Expr when = expr(r, flagSpecs, 1);
      conditions.put(when.cel(), when);
      complexity += when.size();
      guardrails.add(
          new Guardrail(
              "g" + (i + 1),
              when.cel(),
              pick(r, List.of("Legal team", "Safety desk")),
              "Guardrail g" + (i + 1) + " fired."));
    }
    EscalationPath escalation =
        r.nextBoolean() ? null : new EscalationPath("the duty manager", "Call the duty manager.");
    AuthorityMatrix authority = new AuthorityMatrix(kinds, roles, guardrails, escalation);

    List<Play> plays = new ArrayList<>();
    Set<String> ownNames = new LinkedHashSet<>();
    int playCount = 1 + r.nextInt(2);
    for (int p = 0; p < playCount; p++) {
      List<FactSpec> own = new ArrayList<>(OWN_FACTS);
      java.util.Collections.shuffle(own, r);
      own = new ArrayList<>(own.subList(0, 1 + r.nextInt(3)));
      own.forEach(f -> ownNames.add(f.name()));
      List<FactSpec> scope = new ArrayList<>(flagSpecs);
      scope.addAll(SHARED_TYPED);
      scope.addAll(own);
      List<String> moneyFacts =
          scope.stream().filter(f -> f.type() == FactType.MONEY).map(FactSpec::name).toList();

      List<Action> actions = new ArrayList<>();
      int actionCount = 1 + r.nextInt(3);
      for (int a = 0; a < actionCount; a++) {
        ActionKind kind = pick(r, List.copyOf(kinds.values()));
        String amount = null;
        if (kind.monetary()) {
          amount =
              switch (r.nextInt(3)) {
                case 0 -> null;
                case 1 -> pick(r, FIXED_AMOUNTS);
                default -> pick(r, moneyFacts);
              };
        }
        String when = null;
        if (r.nextInt(5) != 0) {
          Expr e = expr(r, scope, 2);
          conditions.put(e.cel(), e);
          complexity += e.size();
          when = e.cel();
        }
        actions.add(
            new Action(
                "a" + (a + 1),
                kind.id(),
                kind.label() + " " + (a + 1),
                amount,
                when,
                "Policy P-" + (a + 1)));
        complexity++;
      }
      List<PolicyException> exceptions = new ArrayList<>();
      int exceptionCount = r.nextInt(3);
      for (int x = 0; x < exceptionCount; x++) {
        Expr e = expr(r, scope, 1);
        conditions.put(e.cel(), e);
        complexity += 1 + e.size();
        List<String> allows =
            actions.stream()
                .map(Action::id)
                .filter(id -> r.nextInt(3) != 0)
                .collect(Collectors.toList());
        if (allows.isEmpty()) {
          allows.add(actions.get(0).id());
        }
        BigDecimal cap = r.nextBoolean() ? new BigDecimal(pick(r, EXCEPTION_CAPS)) : null;
        exceptions.add(new PolicyException("e" + (x + 1), e.cel(), allows, cap, null, null));
      }
      List<EscalationTrigger> triggers = new ArrayList<>();
      if (r.nextInt(3) == 0) {
        Expr e = expr(r, scope, 1);
        conditions.put(e.cel(), e);
        complexity += 1 + e.size();
        triggers.add(
            new EscalationTrigger(
                "t1", e.cel(), pick(r, List.of("Fraud team", "Supervisor desk")), null));
      }
      plays.add(
          new Play(
              "p" + (p + 1),
              "Play " + (p + 1),
              null,
              null,
              null,
              own,
              null,
              actions,
              exceptions,
              triggers,
              null,
              PlayStatus.PUBLISHED,
              1,
              null));
    }
    complexity += 10 * guardrails.size() + roles.size() + kinds.size();

    Content content = new Content(authority, new FactCatalogue(shared), Playbook.of(plays), "v");

    List<Slot> slots = new ArrayList<>();
    for (SharedFact f : shared.values()) {
      slots.add(new Slot(f.spec().name(), f.spec().type(), f.spec().values(), f.assume()));
    }
    OWN_FACTS.stream()
        .filter(f -> ownNames.contains(f.name()))
        .forEach(f -> slots.add(new Slot(f.name(), f.type(), f.values(), null)));
    for (ActionKind kind : kinds.values()) {
      for (Usage.Scope scope : Usage.Scope.values()) {
        slots.add(new Slot(Usage.countFact(scope, kind.id()), FactType.COUNT, List.of(), null));
        if (kind.monetary()) {
          slots.add(new Slot(Usage.totalFact(scope, kind.id()), FactType.MONEY, List.of(), null));
        }
      }
    }
    return new RandomContent(index, seed, content, conditions, slots, complexity);
  }

  private static Limit limit(Random r, boolean monetary) {
    BigDecimal max = monetary && r.nextInt(4) != 0 ? new BigDecimal(pick(r, CAPS)) : null;
    return new Limit(
        max,
        r.nextBoolean() ? budget(r, monetary) : null,
        r.nextInt(3) == 0 ? budget(r, monetary) : null);
  }

  private static Budget budget(Random r, boolean monetary) {
    Integer count = r.nextBoolean() ? r.nextInt(4) : null;
    BigDecimal amount =
        monetary && (count == null || r.nextBoolean())
            ? new BigDecimal(pick(r, BUDGET_AMOUNTS))
            : null;
    return new Budget(count, amount, pick(r, List.of(1, 30, 365)));
  }

  /** A random condition over the facts in scope, at most {@code depth} connectives deep. */
  private static Expr expr(Random r, List<FactSpec> scope, int depth) {
    int roll = r.nextInt(10);
    if (depth > 0 && roll < 2) {
      return new Expr.And(expr(r, scope, depth - 1), expr(r, scope, depth - 1));
    }
    if (depth > 0 && roll < 4) {
      return new Expr.Or(expr(r, scope, depth - 1), expr(r, scope, depth - 1));
    }
    if (depth > 0 && roll < 5) {
      return new Expr.Not(expr(r, scope, depth - 1));
    }
    FactSpec fact = pick(r, scope);
    return switch (fact.type()) {
      case MONEY -> {
        String op = pick(r, OPS);
        BigDecimal constant = new BigDecimal(pick(r, MONEY_CONSTANTS));
        // CEL's checker takes "price < 50" but refuses "price == 50" (double == int): write 50.00.
        yield new Expr.Money(
            fact.name(),
            op,
            op.equals("==") || op.equals("!=") ? constant.setScale(2) : constant,
            r.nextInt(4) == 0);
      }
      case COUNT, DAYS ->
          new Expr.Whole(fact.name(), pick(r, OPS), pick(r, WHOLE_CONSTANTS), r.nextInt(4) == 0);
      case BOOLEAN -> new Expr.Flag(fact.name());
      case ENUM ->
          switch (r.nextInt(3)) {
            case 0 -> new Expr.EnumIs(fact.name(), true, pick(r, fact.values()));
            case 1 -> new Expr.EnumIs(fact.name(), false, pick(r, fact.values()));
            default -> {
              List<String> values = fact.values().stream().filter(v -> r.nextBoolean()).toList();
              yield new Expr.EnumIn(
                  fact.name(), values.isEmpty() ? List.of(fact.values().get(0)) : values);
            }
          };
      default -> throw new IllegalStateException("not generated: " + fact.type());
    };
  }

  // ---- words, for counterexamples ----

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("content #" + index + " (complexity " + complexity + ")\n");
    AuthorityMatrix m = content.authority();
    s.append("  kinds: ")
        .append(
            m.actionKinds().values().stream()
                .map(k -> k.id() + (k.monetary() ? "($)" : ""))
                .collect(Collectors.joining(", ")))
        .append('\n');
    for (Role role : m.roles().values()) {
      s.append("  role ")
          .append(role.id())
          .append(" (approver ")
          .append(role.approver())
          .append("): ");
      s.append(
          role.limits().entrySet().stream()
              .map(e -> e.getKey() + "{" + describe(e.getValue()) + "}")
              .collect(Collectors.joining(", ")));
      s.append('\n');
    }
    content.facts().facts().values().stream()
        .filter(f -> f.assume() != null)
        .forEach(
            f ->
                s.append("  assume ")
                    .append(f.spec().name())
                    .append(" = ")
                    .append(f.assume())
                    .append('\n'));
    m.guardrails()
        .forEach(
            g ->
                s.append("  guardrail ")
                    .append(g.id())
                    .append(" when ")
                    .append(g.when())
                    .append(" -> ")
                    .append(g.to())
                    .append('\n'));
    s.append("  escalation: ").append(m.escalation().to()).append('\n');
    for (Play play : content.playbook().plays()) {
      s.append("  play ")
          .append(play.id())
          .append(" own facts ")
          .append(play.facts().stream().map(FactSpec::name).toList())
          .append('\n');
      for (Action a : play.actions()) {
        s.append("    action ").append(a.id()).append(' ').append(a.kind());
        if (a.amount() != null) {
          s.append(" amount ").append(a.amount());
        }
        s.append(" when ").append(a.when()).append('\n');
      }
      for (PolicyException x : play.exceptions()) {
        s.append("    exception ")
            .append(x.id())
            .append(" when ")
            .append(x.when())
            .append(" allows ")
            .append(x.allows());
        if (x.maxAmount() != null) {
          s.append(" max ").append(x.maxAmount());
        }
        s.append('\n');
      }
      play.triggers()
          .forEach(
              t ->
                  s.append("    trigger ")
                      .append(t.id())
                      .append(" when ")
                      .append(t.when())
                      .append(" -> ")
                      .append(t.to())
                      .append('\n'));
    }
    return s.toString();
  }

  private static String describe(Limit limit) {
    List<String> parts = new ArrayList<>();
    if (limit.maxAmount() != null) {
      parts.add("max " + limit.maxAmount());
    }
    if (limit.perCustomer() != null) {
      parts.add("customer " + describe(limit.perCustomer()));
    }
    if (limit.perAgent() != null) {
      parts.add("agent " + describe(limit.perAgent()));
    }
    return String.join(", ", parts);
  }

  private static String describe(Budget b) {
    return (b.maxCount() == null ? "" : b.maxCount() + "x")
        + (b.maxAmount() == null ? "" : (b.maxCount() == null ? "" : "/") + "$" + b.maxAmount())
        + " per "
        + b.periodDays()
        + "d";
  }
}
