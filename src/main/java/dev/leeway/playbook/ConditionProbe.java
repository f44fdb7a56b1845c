package dev.leeway.playbook;

import dev.cel.common.CelException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a compiled condition over the edge values of its facts (every enum value, zero, a negative
 * number, a huge one, the constants it names, each fact missing) before a pack is accepted: a
 * condition that divides by a fact that can be zero, indexes past a list or parses a bad date is
 * refused with the value that breaks it, rather than failing while an agent waits.
 */
final class ConditionProbe {

  /** The largest whole number a count or days fact may hold (see the API's number ranges). */
  static final long HUGE_WHOLE = 1_000_000;

  /** The largest amount of money a fact may hold. */
  static final double HUGE_MONEY = 1_000_000_000;

  private static final String SAMPLE_TODAY = "2026-06-15";

  private ConditionProbe() {}

  /** Why the condition cannot be used, if some edge value breaks it. */
  static Optional<String> check(ConditionCompiler.Compiled compiled, Map<String, FactSpec> specs) {
    CelRuntime.Program program;
    try {
      program = ConditionFunctions.RUNTIME.createProgram(compiled.ast());
    } catch (CelException | RuntimeException e) {
      return Optional.of("cannot be run: " + e.getMessage());
    }
    Map<String, Object> typical = new HashMap<>();
    typical.put(ConditionFunctions.TODAY, SAMPLE_TODAY);
    for (String fact : compiled.facts()) {
      FactSpec spec = specs.get(fact);
      if (spec != null) {
        typical.put(fact, samples(spec, compiled.constants()).get(0));
      }
    }
    Optional<String> missing =
        run(program, Map.of(ConditionFunctions.TODAY, SAMPLE_TODAY), "every fact is missing");
    if (missing.isPresent()) {
      return missing;
    }
    for (String fact : compiled.facts()) {
      FactSpec spec = specs.get(fact);
      if (spec == null) {
        continue;
      }
      for (Object value : samples(spec, compiled.constants())) {
        Map<String, Object> values = new HashMap<>(typical);
        values.put(fact, value);
        Optional<String> failure = run(program, values, fact + " is " + words(value));
        if (failure.isPresent()) {
          return failure;
        }
        values.remove(fact);
        failure = run(program, values, fact + " is not known");
        if (failure.isPresent()) {
          return failure;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> run(
      CelRuntime.Program program, Map<String, Object> values, String when) {
    try {
      Object result = program.eval(values);
      if (result instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return Optional.of("gives " + d + " when " + when + " (a division by zero?)");
      }
      return Optional.empty();
    } catch (CelEvaluationException | RuntimeException e) {
      return Optional.of(
          "fails when "
              + when
              + ": "
              + plain(e.getMessage())
              + "; rewrite it so that it holds for every value");
    }
  }

  private static String plain(String message) {
    if (message == null) {
      return "an error";
    }
    String first = message.split("\\R")[0];
    return first.replaceFirst("^evaluation error(?: at [^:]*:\\d+)?: ", "");
  }

  private static String words(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  /** The edge values of a fact, the typical one first. */
  static List<Object> samples(FactSpec spec, List<Object> constants) {
    List<Object> out = new ArrayList<>();
    switch (spec.type()) {
      case BOOLEAN -> out.addAll(List.of(false, true));
      case ENUM -> out.addAll(spec.values());
      case TEXT -> out.addAll(List.of("", "x"));
      case DATE -> out.addAll(List.of(SAMPLE_TODAY, "1900-01-01", "2999-12-31"));
      case COUNT, DAYS -> {
        out.addAll(List.of(1L, 0L, -1L, HUGE_WHOLE));
        constants.stream().filter(c -> c instanceof Long).forEach(out::add);
      }
      case MONEY -> {
        out.addAll(List.of(10.0, 0.0, -1.0, HUGE_MONEY));
        constants.stream()
            .filter(c -> c instanceof Number)
            .map(c -> ((Number) c).doubleValue())
            .forEach(out::add);
      }
    }
    if (spec.type() == FactType.TEXT || spec.type() == FactType.DATE) {
      constants.stream().filter(c -> c instanceof String).forEach(out::add);
    }
    return out;
  }
}
