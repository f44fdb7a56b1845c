package dev.leeway.decide;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.ConditionCompiler;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled condition that evaluates with missing facts as "unknown" and explains its outcome in
 * plain words ("days since purchase is 45; needs at most 30").
 */
final class Condition {

  /**
   * What a condition came to, why, and which missing facts could change it.
   *
   * @param error what went wrong, when the outcome is ERROR; empty otherwise
   */
  record Evaluated(Outcome outcome, String explanation, List<String> unknownFacts, String error) {
    Evaluated(Outcome outcome, String explanation, List<String> unknownFacts) {
      this(outcome, explanation, unknownFacts, "");
    }
  }

  private record Part(ConditionCompiler.Comparison comparison, CelRuntime.Program program) {}

  /** One alternative of a condition written as "a || b": its own parts. */
  private record Branch(List<Part> parts) {}

  private final String source;
  private final CelRuntime.Program program;
  private final List<String> facts;
  private final List<Part> parts;
  private final List<Branch> branches;
  private final List<Object> constants;
  private final java.util.Set<String> complexFacts;
  private final Map<String, FactSpec> specs;

  private Condition(
      String source,
      CelRuntime.Program program,
      List<String> facts,
      List<Part> parts,
      List<Branch> branches,
      List<Object> constants,
      java.util.Set<String> complexFacts,
      Map<String, FactSpec> specs) {
    this.complexFacts = complexFacts;
    this.source = source;
    this.program = program;
    this.facts = facts;
    this.parts = parts;
    this.branches = branches;
    this.constants = constants;
    this.specs = specs;
  }

  /** Compiles a condition that has already passed validation; a failure here is a bug. */
  static Condition compile(String source, ConditionCompiler compiler, CelRuntime runtime) {
    ConditionCompiler.Compiled compiled = compiled(compiler.compile(source), source);
    List<Part> parts = new ArrayList<>();
    for (ConditionCompiler.Comparison comparison : compiled.comparisons()) {
      ConditionCompiler.Compiled alone =
          (ConditionCompiler.Compiled) compiler.compile(comparison.text());
      parts.add(new Part(comparison, program(runtime, alone.ast())));
    }
    List<Branch> branches = new ArrayList<>();
    for (List<ConditionCompiler.Comparison> alternative : compiled.alternatives()) {
      branches.add(
          new Branch(parts.stream().filter(p -> alternative.contains(p.comparison())).toList()));
    }
    return new Condition(
        source,
        program(runtime, compiled.ast()),
        compiled.facts(),
        List.copyOf(parts),
        List.copyOf(branches),
        compiled.constants(),
        compiled.complexFacts(),
        compiler.facts());
  }

  static ConditionCompiler.Compiled compiled(ConditionCompiler.Result result, String source) {
    return switch (result) {
      case ConditionCompiler.Compiled c -> c;
      case ConditionCompiler.Rejected r ->
          throw new IllegalStateException(
              "condition '" + source + "' passed validation but: " + r.message());
    };
  }

  static CelRuntime.Program program(CelRuntime runtime, CelAbstractSyntaxTree ast) {
    try {
      return runtime.createProgram(ast);
    } catch (dev.cel.common.CelException e) {
      throw new IllegalStateException("cannot plan condition: " + e.getMessage(), e);
    }
  }

  /** The facts this condition reads, in order of first appearance. */
  List<String> facts() {
    return facts;
  }

  /** Every literal in it, for the values of a fact that could matter. */
  List<Object> constants() {
    return constants;
  }

  /** Whether {@code fact} occurs only in comparisons with constants (so its parts tell all). */
  boolean simple(String fact) {
    return !complexFacts.contains(fact);
  }

  /**
   * The outcome of each comparison of {@code fact} when it has {@code value}: two values with the
   * same outcomes are the same to this condition.
   */
  List<Outcome> partsOn(String fact, Object value) {
    List<Outcome> out = new ArrayList<>();
    Map<String, Object> alone = Map.of(fact, value);
    for (Part part : parts) {
      if (part.comparison().fact().equals(fact)) {
        out.add(run(part.program(), alone).outcome());
      }
    }
    return out;
  }

  Evaluated evaluate(Env env) {
    Run run = run(program, env.values());
    List<String> unknown = facts.stream().filter(f -> !env.values().containsKey(f)).toList();
    if (run.outcome() == Outcome.ERROR) {
      return new Evaluated(
          Outcome.ERROR, "could not be checked: " + run.error(), List.of(), run.error());
    }
    return new Evaluated(
        run.outcome(),
        explain(run.outcome(), env),
        run.outcome() == Outcome.UNKNOWN ? unknown : List.of());
  }

  /** The outcome on a full set of values (a way the unknown facts could be), without words. */
  Outcome outcome(Map<String, Object> values) {
    return run(program, values).outcome();
  }

  private record Run(Outcome outcome, String error) {}

  private static Run run(CelRuntime.Program program, Map<String, Object> values) {
    try {
      // Looked up by name, so a map laid over the known facts is never copied whole.
      Object result =
          program.eval(
              (dev.cel.runtime.CelVariableResolver)
                  name -> java.util.Optional.ofNullable(values.get(name)));
      if (result instanceof Boolean b) {
        return new Run(b ? Outcome.TRUE : Outcome.FALSE, "");
      }
      if (result instanceof CelUnknownSet) {
        return new Run(Outcome.UNKNOWN, "");
      }
      return new Run(Outcome.ERROR, "it gave " + result + " instead of true or false");
    } catch (CelEvaluationException | RuntimeException e) {
      // CEL reports a missing fact as unknown, not as an error; what lands here is a real failure
      // on these values: a division by zero, an index past a list, a date that is no date.
      return new Run(
          Outcome.ERROR, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /**
   * The parts that decided the outcome. For a rule written as alternatives ("a || b"), only the
   * alternatives that fit who the customer is: a guest at day 45 reads "days since purchase is 45;
   * needs at most 30", not the gold and silver rules as well.
   */
  private String explain(Outcome outcome, Env env) {
    if (parts.isEmpty()) {
      return outcome == Outcome.TRUE
          ? "met"
          : outcome == Outcome.FALSE ? "not met" : "not known yet";
    }
    if (outcome == Outcome.FALSE && !branches.isEmpty()) {
      List<String> fitting = new ArrayList<>();
      for (Branch branch : branches) {
        boolean fits = true;
        List<String> failing = new ArrayList<>();
        for (Part part : branch.parts()) {
          Outcome partOutcome = run(part.program(), env.values()).outcome();
          if (identity(part.comparison())) {
            fits &= partOutcome == Outcome.TRUE;
          } else if (partOutcome == Outcome.FALSE) {
            failing.add(words(part.comparison(), partOutcome, env));
          }
        }
        if (fits && !failing.isEmpty()) {
          fitting.add(String.join("; ", failing));
        }
      }
      if (!fitting.isEmpty()) {
        return String.join(" or ", fitting.stream().distinct().toList());
      }
      return covers(env);
    }
    List<String> matching = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (Part part : parts) {
      Outcome partOutcome = run(part.program(), env.values()).outcome();
      String words = words(part.comparison(), partOutcome, env);
      all.add(words);
      if (partOutcome == outcome) {
        matching.add(words);
      }
    }
    return String.join("; ", (matching.isEmpty() ? all : matching).stream().distinct().toList());
  }

  /** A failed "or" that no alternative fits at all: who it is for, against who this is. */
  private String covers(Env env) {
    List<String> identities = new ArrayList<>();
    String subject = null;
    for (Branch branch : branches) {
      for (Part part : branch.parts()) {
        if (identity(part.comparison())) {
          subject = part.comparison().fact();
          Fact fact = env.facts().get(subject);
          identities.add(constantWords(part.comparison(), fact));
        }
      }
    }
    if (subject == null) {
      return "not met";
    }
    Fact fact = env.facts().get(subject);
    String is =
        fact == null ? label(subject) + " not known" : label(subject) + " is " + display(fact);
    return is + "; the rule covers " + String.join(", ", identities.stream().distinct().toList());
  }

  /**
   * A comparison that says who or what the case is (a tier, a yes/no), not how much or how long.
   */
  private boolean identity(ConditionCompiler.Comparison c) {
    FactSpec spec = specs.get(c.fact());
    if (spec == null) {
      return false;
    }
    return switch (spec.type()) {
      case ENUM, BOOLEAN, TEXT -> true;
      default -> false;
    };
  }

  private String words(ConditionCompiler.Comparison c, Outcome outcome, Env env) {
    String label = label(c.fact());
    Fact fact = env.facts().get(c.fact());
    if (fact == null) {
      return label + " not known";
    }
    String is = label + " is " + display(fact);
    return outcome == Outcome.FALSE ? is + "; needs " + constantWords(c, fact) : is;
  }

  private static String constantWords(ConditionCompiler.Comparison c, Fact fact) {
    return switch (c.operator()) {
      case "is" -> "yes";
      case "not" -> "no";
      case ">=" -> "at least " + constant(c, fact);
      case ">" -> "more than " + constant(c, fact);
      case "<=" -> "at most " + constant(c, fact);
      case "<" -> "less than " + constant(c, fact);
      case "==" -> constant(c, fact);
      case "!=" -> "anything but " + constant(c, fact);
      case "in" -> oneOf(c.constants().stream().map(Condition::plain).toList());
      default -> c.operator() + " " + c.constants();
    };
  }

  private static String oneOf(List<String> values) {
    if (values.size() == 1) {
      return values.get(0);
    }
    return String.join(", ", values.subList(0, values.size() - 1))
        + " or "
        + values.get(values.size() - 1);
  }

  private static String display(Fact fact) {
    return fact.value() instanceof FactValue.Text t ? plain(t.value()) : fact.value().display();
  }

  private static String constant(ConditionCompiler.Comparison c, Fact fact) {
    Object value = c.constants().get(0);
    if (fact != null
        && fact.value() instanceof FactValue.Money money
        && value instanceof Number n) {
      return new FactValue.Money(
              new BigDecimal(n.toString()).stripTrailingZeros(), money.currency())
          .display();
    }
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    return plain(value);
  }

  /** A value as people write it: "bank_transfer" reads "bank transfer". */
  private static String plain(Object value) {
    return String.valueOf(value).replace('_', ' ');
  }

  /** "tenure_months" reads as "tenure months". */
  static String label(String fact) {
    return fact.replace('_', ' ');
  }

  /** The facts in a form CEL takes, keyed by name, plus the facts themselves for explanations. */
  record Env(Map<String, Object> values, Map<String, Fact> facts) {}

  /**
   * The CEL value of a fact as its declared type says, or null when the value has another shape (a
   * count sent for a money fact): such a fact stays unknown rather than being coerced.
   */
  static Object celValue(FactValue value, FactType type) {
    return switch (value) {
      case FactValue.Money m when type == FactType.MONEY -> m.amount().doubleValue();
      case FactValue.Whole w when type == FactType.COUNT || type == FactType.DAYS -> w.value();
      case FactValue.Flag f when type == FactType.BOOLEAN -> f.value();
      case FactValue.Text t when type == FactType.ENUM || type == FactType.TEXT -> t.value();
      case FactValue.Date d when type == FactType.DATE -> d.value().toString();
      default -> null;
    };
  }

  Map<String, FactSpec> specs() {
    return specs;
  }

  @Override
  public String toString() {
    return source;
  }
}
