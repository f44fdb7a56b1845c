package dev.leeway.playbook;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The functions conditions may call beyond CEL's own: counting true flags, and calendar arithmetic
 * on ISO dates ({@code today} included). Declared for the compiler and bound for the runtime here,
 * so both always agree.
 */
public final class ConditionFunctions {

  /** The name of the date of the answer inside conditions. */
  public static final String TODAY = "today";

  /** Our functions, as written in conditions, for messages about unknown functions. */
  public static final List<String> NAMES =
      List.of("count_true", "days_between", "months_between", "add_days", "add_months");

  /** The runtime every condition is evaluated with. */
  public static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(ConditionCompiler.OPTIONS)
          .addFunctionBindings(
              CelFunctionBinding.from(
                  "count_true_list",
                  List.class,
                  (List list) -> list.stream().filter(Boolean.TRUE::equals).count()),
              CelFunctionBinding.from(
                  "days_between_string_string",
                  String.class,
                  String.class,
                  (String from, String to) -> ChronoUnit.DAYS.between(date(from), date(to))),
              CelFunctionBinding.from(
                  "months_between_string_string",
                  String.class,
                  String.class,
                  (String from, String to) -> ChronoUnit.MONTHS.between(date(from), date(to))),
              CelFunctionBinding.from(
                  "add_days_string_int",
                  String.class,
                  Long.class,
                  (String from, Long days) -> date(from).plusDays(bounded(days)).toString()),
              CelFunctionBinding.from(
                  "add_months_string_int",
                  String.class,
                  Long.class,
                  (String from, Long months) -> date(from).plusMonths(bounded(months)).toString()))
          .build();

  private ConditionFunctions() {}

  /** The declarations the compiler needs. */
  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            "count_true",
            CelOverloadDecl.newGlobalOverload(
                "count_true_list", SimpleType.INT, ListType.create(SimpleType.BOOL))),
        CelFunctionDecl.newFunctionDeclaration(
            "days_between",
            CelOverloadDecl.newGlobalOverload(
                "days_between_string_string",
                SimpleType.INT,
                SimpleType.STRING,
                SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "months_between",
            CelOverloadDecl.newGlobalOverload(
                "months_between_string_string",
                SimpleType.INT,
                SimpleType.STRING,
                SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "add_days",
            CelOverloadDecl.newGlobalOverload(
                "add_days_string_int", SimpleType.STRING, SimpleType.STRING, SimpleType.INT)),
        CelFunctionDecl.newFunctionDeclaration(
            "add_months",
            CelOverloadDecl.newGlobalOverload(
                "add_months_string_int", SimpleType.STRING, SimpleType.STRING, SimpleType.INT)));
  }

  private static LocalDate date(String text) throws CelEvaluationException {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a date (YYYY-MM-DD)", e);
    }
  }

  /** Keeps calendar arithmetic within years people live in, so no date overflows. */
  private static long bounded(long amount) throws CelEvaluationException {
    if (Math.abs(amount) > 100_000) {
      throw new IllegalArgumentException(amount + " is too far from any date");
    }
    return amount;
  }
}
