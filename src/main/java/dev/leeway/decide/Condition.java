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
import java.util.stream.Collectors;

/**
 * A compiled condition that evaluates with missing facts as "unknown" and explains its outcome in
 * plain words ("tenure months is 8; needs at least 12").
 */
final class Condition {

  /** What a condition came to, why, and which missing facts could change it. */
  record Evaluated(Outcome outcome, String explanation, List<String> unknownFacts) {}

  private record Part(ConditionCompiler.Comparison comparison, CelRuntime.Program program) {}

  private final String source;
  private final CelRuntime.Program program;
  private final List<String> facts;
  private final List<Part> parts;
  private final Map<String, FactSpec> specs;

  private Condition(
      String source, CelRuntime.Program program, List<String> facts, List<Part> parts, Map<String, FactSpec> specs) {
    this.source = source;
    this.program = program;
    this.facts = facts;
    this.parts = parts;
    this.specs = specs;
  }

  /** Compiles a condition that has already passed validation; a failure here is a bug. */
  static Condition compile(String source, ConditionCompiler compiler, CelRuntime runtime) {
    ConditionCompiler.Compiled compiled =
        switch (compiler.compile(source)) {
          case ConditionCompiler.Compiled c -> c;
          case ConditionCompiler.Rejected r ->
              throw new IllegalStateException("condition '" + source + "' passed validation but: " + r.message());
        };
    List<Part> parts = new ArrayList<>();
    for (ConditionCompiler.Comparison comparison : compiled.comparisons()) {
      ConditionCompiler.Compiled alone = (ConditionCompiler.Compiled) compiler.compile(comparison.text());
      parts.add(new Part(comparison, program(runtime, alone.ast())));
    }
    return new Condition(source, program(runtime, compiled.ast()), compiled.facts(), parts, compiler.facts());
  }

  private static CelRuntime.Program program(CelRuntime runtime, CelAbstractSyntaxTree ast) {
    try {
      return runtime.createProgram(ast);
    } catch (dev.cel.common.CelException e) {
      throw new IllegalStateException("cannot plan condition: " + e.getMessage(), e);
    }
  }

  String source() {
    return source;
  }

  /** The facts this condition reads, in order of first appearance. */
  List<String> facts() {
    return facts;
  }

  Evaluated evaluate(Env env) {
    Outcome outcome = run(program, env.values());
    List<String> unknown = facts.stream().filter(f -> !env.values().containsKey(f)).toList();
    return new Evaluated(outcome, explain(outcome, env), outcome == Outcome.UNKNOWN ? unknown : List.of());
  }

  private static Outcome run(CelRuntime.Program program, Map<String, Object> values) {
    try {
      Object result = program.eval(values);
      if (result instanceof Boolean b) {
        return b ? Outcome.TRUE : Outcome.FALSE;
      }
      if (result instanceof CelUnknownSet) {
        return Outcome.UNKNOWN;
      }
      throw new IllegalStateException("condition gave " + result);
    } catch (CelEvaluationException e) {
      // Arithmetic errors and the like: treat as not decidable rather than as true or false.
      return Outcome.UNKNOWN;
    }
  }

  /** The parts whose outcome matches the whole, or all parts when none does. */
  private String explain(Outcome outcome, Env env) {
    if (parts.isEmpty()) {
      return source + ": " + outcome.name().toLowerCase();
    }
    List<String> matching = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (Part part : parts) {
      Outcome partOutcome = run(part.program(), env.values());
      String words = words(part.comparison(), partOutcome, env);
      all.add(words);
      if (partOutcome == outcome) {
        matching.add(words);
      }
    }
    return String.join("; ", matching.isEmpty() ? all : matching);
  }

  private String words(ConditionCompiler.Comparison c, Outcome outcome, Env env) {
    String label = label(c.fact());
    Fact fact = env.facts().get(c.fact());
    if (fact == null) {
      return label + " not known";
    }
    String is = label + " is " + fact.value().display();
    String needs =
        switch (c.operator()) {
          case "is" -> "yes";
          case "not" -> "no";
          case ">=" -> "at least " + constant(c, 0, fact);
          case ">" -> "more than " + constant(c, 0, fact);
          case "<=" -> "at most " + constant(c, 0, fact);
          case "<" -> "less than " + constant(c, 0, fact);
          case "==" -> constant(c, 0, fact);
          case "!=" -> "anything but " + constant(c, 0, fact);
          case "in" -> "one of " + c.constants().stream().map(Object::toString).collect(Collectors.joining(", "));
          default -> c.operator() + " " + c.constants();
        };
    return outcome == Outcome.FALSE ? is + "; needs " + needs : is;
  }

  private String constant(ConditionCompiler.Comparison c, int i, Fact fact) {
    Object value = c.constants().get(i);
    if (fact.value() instanceof FactValue.Money money && value instanceof Number n) {
      return new FactValue.Money(new BigDecimal(n.toString()).stripTrailingZeros(), money.currency()).display();
    }
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    return String.valueOf(value);
  }

  /** "tenure_months" reads as "tenure months". */
  static String label(String fact) {
    return fact.replace('_', ' ');
  }

  /** The facts in a form CEL takes, keyed by name, plus the facts themselves for explanations. */
  record Env(Map<String, Object> values, Map<String, Fact> facts) {}

  /**
   * The CEL value of a fact as its declared type says, or null when the value has another shape
   * (a count sent for a money fact): such a fact stays unknown rather than being coerced.
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
}
