package dev.leeway.decide;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import dev.leeway.playbook.ConditionCompiler;
import dev.leeway.playbook.FactType;
import java.util.List;
import java.util.Map;

/**
 * A compiled expression that gives a value rather than true or false: a derived fact's definition
 * ({@code derive}) or an amount worked out from money facts.
 */
final class Expression {

  /** What an expression came to on some facts. */
  sealed interface Result {
    /** A value, in the form CEL gives it (Double, Long, Boolean, String). */
    record Known(Object value) implements Result {}

    /** A fact it reads is not known. */
    record Unknown() implements Result {}

    /** It cannot be worked out on these values (a division by zero...). */
    record Failed(String error) implements Result {}
  }

  private final CelRuntime.Program program;
  private final List<String> facts;
  private final List<Object> constants;

  private Expression(CelRuntime.Program program, List<String> facts, List<Object> constants) {
    this.program = program;
    this.facts = facts;
    this.constants = constants;
  }

  /** Compiles an expression that has passed validation; a failure here is a bug. */
  static Expression compile(
      String source, FactType type, ConditionCompiler compiler, CelRuntime runtime) {
    ConditionCompiler.Compiled compiled =
        Condition.compiled(compiler.compileValue(source, type), source);
    return new Expression(
        Condition.program(runtime, compiled.ast()), compiled.facts(), compiled.constants());
  }

  List<String> facts() {
    return facts;
  }

  List<Object> constants() {
    return constants;
  }

  Result evaluate(Map<String, Object> values) {
    try {
      Object result =
          program.eval(
              (dev.cel.runtime.CelVariableResolver)
                  name -> java.util.Optional.ofNullable(values.get(name)));
      if (result instanceof CelUnknownSet) {
        return new Result.Unknown();
      }
      if (result instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return new Result.Failed("it gave " + d);
      }
      return new Result.Known(result);
    } catch (CelEvaluationException | RuntimeException e) {
      return new Result.Failed(
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
