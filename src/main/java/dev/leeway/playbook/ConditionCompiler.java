package dev.leeway.playbook;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles conditions ("tenure_months >= 12 && membership_tier in ['gold', 'platinum']") in
 * Google's Common Expression Language against the facts in scope, so that a typo, an unknown fact,
 * a wrong type or an enum value that does not exist is refused when the pack loads, not when an
 * agent is waiting.
 *
 * <p>CEL has no side effects, no loops beyond bounded list macros, and no access to the JVM: user
 * text never becomes part of an expression, it only ever fills fact values.
 */
public final class ConditionCompiler {

  /** The longest condition accepted; real ones are a line or two. */
  public static final int MAX_LENGTH = 1000;

  /** Options shared by compilation and evaluation, so both agree on numeric comparisons. */
  public static final CelOptions OPTIONS =
      CelOptions.current()
          // Money is a double and "order_total > 50" should not need "50.0".
          .enableHeterogeneousNumericComparisons(true)
          .maxExpressionCodePointSize(MAX_LENGTH)
          .comprehensionMaxIterations(1000)
          .build();

  private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'.*");
  private static final Pattern NO_OVERLOAD =
      Pattern.compile(
          "found no matching overload for '_?([^_']+)_?' applied to '\\(([^,)]+)(?:, ([^)]+))?\\)'.*");

  private final Map<String, FactSpec> facts;
  private final CelCompiler compiler;
  private final Map<CelType, CelCompiler> valueCompilers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private ConditionCompiler(Map<String, FactSpec> facts) {
    this.facts = facts;
    this.compiler = compiler(SimpleType.BOOL);
  }

  private CelCompiler compiler(CelType resultType) {
    var builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .addFunctionDeclarations(ConditionFunctions.declarations())
            .setResultType(resultType);
    if (!facts.containsKey(ConditionFunctions.TODAY)) {
      builder.addVar(ConditionFunctions.TODAY, SimpleType.STRING);
    }
    facts.values().forEach(f -> builder.addVar(f.name(), celType(f.type())));
    return builder.build();
  }

  /** A compiler for conditions over these facts; a later spec of the same name wins. */
  public static ConditionCompiler forFacts(Collection<FactSpec> facts) {
    Map<String, FactSpec> byName = new LinkedHashMap<>();
    facts.forEach(f -> byName.put(f.name(), f));
    return new ConditionCompiler(byName);
  }

  /** The CEL type a fact of this type has inside conditions. */
  public static CelType celType(FactType type) {
    return switch (type) {
      case MONEY -> SimpleType.DOUBLE;
      case COUNT, DAYS -> SimpleType.INT;
      case BOOLEAN -> SimpleType.BOOL;
      // Dates compare as ISO strings, which sort the same way as the dates.
      case DATE, ENUM, TEXT -> SimpleType.STRING;
    };
  }

  /** The facts in scope, by name. */
  public Map<String, FactSpec> facts() {
    return facts;
  }

  /** Compiles one condition, or explains in plain words why it cannot be used. */
  public Result compile(String expression) {
    return compile(expression, compiler);
  }

  /**
   * Compiles an expression that gives a value of {@code type} rather than true or false: a derived
   * fact's definition, or an amount worked out from money facts.
   */
  public Result compileValue(String expression, FactType type) {
    return compile(expression, valueCompilers.computeIfAbsent(celType(type), this::compiler));
  }

  private Result compile(String expression, CelCompiler compiler) {
    Objects.requireNonNull(expression, "expression");
    if (expression.isBlank()) {
      return new Rejected("the condition is empty");
    }
    if (expression.length() > MAX_LENGTH) {
      return new Rejected("the condition is longer than " + MAX_LENGTH + " characters");
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = compiler.compile(expression).getAst();
    } catch (CelValidationException e) {
      return new Rejected(describe(e.getErrors(), expression));
    }
    List<String> problems = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    List<Comparison> comparisons = new ArrayList<>();
    Set<String> complex = new LinkedHashSet<>();
    walk(ast.getExpr(), used, comparisons, problems, complex);
    if (!problems.isEmpty()) {
      return new Rejected(String.join("; ", problems));
    }
    List<Object> constants = new ArrayList<>();
    allConstants(ast.getExpr(), constants);
    List<CelExpr> disjuncts = new ArrayList<>();
    disjuncts(ast.getExpr(), disjuncts);
    List<List<Comparison>> alternatives = new ArrayList<>();
    if (disjuncts.size() > 1) {
      for (CelExpr disjunct : disjuncts) {
        List<Comparison> own = new ArrayList<>();
        walk(disjunct, new LinkedHashSet<>(), own, new ArrayList<>(), new LinkedHashSet<>());
        alternatives.add(List.copyOf(own));
      }
    }
    return new Compiled(
        expression,
        ast,
        List.copyOf(used),
        List.copyOf(comparisons),
        List.copyOf(constants),
        Set.copyOf(complex),
        List.copyOf(alternatives));
  }

  /** The alternatives of a condition written as "a || b || c", in order; the whole if none. */
  private static void disjuncts(CelExpr expr, List<CelExpr> out) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().function().equals("_||_")) {
      expr.call().args().forEach(a -> disjuncts(a, out));
    } else {
      out.add(expr);
    }
  }

  /** Every literal in the expression, in order, for working out which values of a fact matter. */
  private static void allConstants(CelExpr expr, List<Object> out) {
    switch (expr.getKind()) {
      case CONSTANT -> {
        Object value = constant(expr.constant());
        if (value != null) {
          out.add(value);
        }
      }
      case CALL -> {
        expr.call().target().ifPresent(t -> allConstants(t, out));
        expr.call().args().forEach(a -> allConstants(a, out));
      }
      case LIST -> expr.list().elements().forEach(e -> allConstants(e, out));
      case COMPREHENSION -> {
        allConstants(expr.comprehension().iterRange(), out);
        allConstants(expr.comprehension().loopStep(), out);
      }
      default -> {}
    }
  }

  /** The outcome of compiling a condition. */
  public sealed interface Result {}

  /**
   * A condition ready to evaluate.
   *
   * @param facts the facts it reads, in the order they first appear
   * @param comparisons its simple parts (one fact against constants), in order, for explaining
   *     outcomes in plain words
   * @param constants every literal it holds, in order
   * @param complexFacts facts it uses other than in a comparison with constants (in arithmetic, as
   *     a function's argument)
   * @param alternatives for a condition written as "a || b", the comparisons of each alternative,
   *     in order; empty for any other condition
   */
  public record Compiled(
      String source,
      CelAbstractSyntaxTree ast,
      List<String> facts,
      List<Comparison> comparisons,
      List<Object> constants,
      Set<String> complexFacts,
      List<List<Comparison>> alternatives)
      implements Result {}

  /** A condition that cannot be used, and why. */
  public record Rejected(String message) implements Result {}

  /**
   * One fact compared with constants: {@code days_late >= 3}, {@code tier in ['gold']}, {@code
   * bereavement} (operator "is") or {@code !order_dispatched} (operator "not").
   *
   * @param text the comparison as a condition of its own, to evaluate it alone
   */
  public record Comparison(String fact, String operator, List<Object> constants, String text) {}

  private void walk(
      CelExpr expr,
      Set<String> used,
      List<Comparison> comparisons,
      List<String> problems,
      Set<String> complex) {
    switch (expr.getKind()) {
      case IDENT -> {
        if (expr.ident().name().equals(ConditionFunctions.TODAY)
            && !facts.containsKey(ConditionFunctions.TODAY)) {
          return;
        }
        used.add(expr.ident().name());
        if (isFlag(expr.ident().name())) {
          comparisons.add(
              new Comparison(expr.ident().name(), "is", List.of(), expr.ident().name()));
        } else {
          complex.add(expr.ident().name());
        }
      }
      case CALL -> {
        var call = expr.call();
        String op = operator(call.function());
        List<CelExpr> args = call.args();
        if (op != null && args.size() == 2) {
          CelExpr left = args.get(0);
          CelExpr right = args.get(1);
          if (left.getKind() == CelExpr.ExprKind.Kind.IDENT && constants(right) != null) {
            recordComparison(
                left.ident().name(), op, constants(right), used, comparisons, problems);
            return;
          }
          if (right.getKind() == CelExpr.ExprKind.Kind.IDENT
              && constants(left) != null
              && !op.equals("in")) {
            recordComparison(
                right.ident().name(), mirror(op), constants(left), used, comparisons, problems);
            return;
          }
        }
        if (call.function().equals("!_")
            && args.size() == 1
            && args.get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
            && isFlag(args.get(0).ident().name())) {
          String name = args.get(0).ident().name();
          used.add(name);
          comparisons.add(new Comparison(name, "not", List.of(), "!" + name));
          return;
        }
        call.target().ifPresent(t -> walk(t, used, comparisons, problems, complex));
        args.forEach(a -> walk(a, used, comparisons, problems, complex));
      }
      case LIST ->
          expr.list().elements().forEach(e -> walk(e, used, comparisons, problems, complex));
      case COMPREHENSION -> {
        var c = expr.comprehension();
        walk(c.iterRange(), used, comparisons, problems, complex);
        walk(c.loopStep(), used, comparisons, problems, complex);
        walk(c.result(), used, comparisons, problems, complex);
        used.remove(c.iterVar());
        used.remove(c.accuVar());
      }
      default -> {}
    }
  }

  private void recordComparison(
      String fact,
      String op,
      List<Object> constants,
      Set<String> used,
      List<Comparison> comparisons,
      List<String> problems) {
    used.add(fact);
    FactSpec spec = facts.get(fact);
    if (spec != null && spec.type() == FactType.ENUM) {
      for (Object constant : constants) {
        if (constant instanceof String value && !spec.values().contains(value)) {
          problems.add(
              "'"
                  + value
                  + "' is not a value of "
                  + fact
                  + " (values: "
                  + String.join(", ", spec.values())
                  + ")");
        }
      }
    }
    String literals =
        constants.stream().map(ConditionCompiler::literal).collect(Collectors.joining(", "));
    String text =
        op.equals("in") ? fact + " in [" + literals + "]" : fact + " " + op + " " + literals;
    comparisons.add(new Comparison(fact, op, constants, text));
  }

  private boolean isFlag(String name) {
    FactSpec spec = facts.get(name);
    return spec != null && spec.type() == FactType.BOOLEAN;
  }

  private static String operator(String function) {
    return switch (function) {
      case "_>=_" -> ">=";
      case "_>_" -> ">";
      case "_<=_" -> "<=";
      case "_<_" -> "<";
      case "_==_" -> "==";
      case "_!=_" -> "!=";
      case "@in" -> "in";
      default -> null;
    };
  }

  private static String mirror(String op) {
    return switch (op) {
      case ">=" -> "<=";
      case ">" -> "<";
      case "<=" -> ">=";
      case "<" -> ">";
      default -> op;
    };
  }

  /** The constant values of a literal or a list of literals, or null if it is anything else. */
  private static List<Object> constants(CelExpr expr) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
      Object value = constant(expr.constant());
      return value == null ? null : List.of(value);
    }
    if (expr.getKind() == CelExpr.ExprKind.Kind.LIST) {
      List<Object> values = new ArrayList<>();
      for (CelExpr element : expr.list().elements()) {
        if (element.getKind() != CelExpr.ExprKind.Kind.CONSTANT
            || constant(element.constant()) == null) {
          return null;
        }
        values.add(constant(element.constant()));
      }
      return values;
    }
    return null;
  }

  private static Object constant(CelConstant constant) {
    return switch (constant.getKind()) {
      case BOOLEAN_VALUE -> constant.booleanValue();
      case INT64_VALUE -> constant.int64Value();
      case DOUBLE_VALUE -> constant.doubleValue();
      case STRING_VALUE -> constant.stringValue();
      default -> null;
    };
  }

  private static String literal(Object constant) {
    return constant instanceof String s
        ? "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"
        : String.valueOf(constant);
  }

  private static String typeWords(String celType) {
    return switch (celType.strip()) {
      case "double" -> "money (a decimal number)";
      case "int" -> "a whole number";
      case "string" -> "text";
      case "bool" -> "true/false";
      default -> celType.strip();
    };
  }

  /** The text of the expression from the issue's position on, to see what follows a name. */
  private static String expressionAfter(CelIssue issue, String source) {
    return source.substring(
        Math.min(source.length(), Math.max(0, issue.getSourceLocation().getColumn())));
  }

  /**
   * What an undeclared name most likely is: a value of an enum written without quotes, a function
   * Leeway does not have, or a fact with a typo.
   */
  private String undeclared(String name, String from) {
    boolean called =
        from.replaceFirst("^" + Pattern.quote(name), "").stripLeading().startsWith("(");
    if (called) {
      return "unknown function '"
          + name
          + "'"
          + dev.leeway.json.Spelling.hint(name, ConditionFunctions.NAMES)
          + " (Leeway's functions: "
          + String.join(", ", ConditionFunctions.NAMES)
          + "; and CEL's own, such as size)";
    }
    for (FactSpec spec : facts.values()) {
      if (spec.type() == FactType.ENUM && spec.values().contains(name)) {
        return "'"
            + name
            + "' is not a fact but a value of "
            + spec.name()
            + ": quote it, e.g. "
            + spec.name()
            + " == '"
            + name
            + "' (and quote the whole condition in YAML: when: \""
            + spec.name()
            + " == '"
            + name
            + "'\")";
      }
    }
    return "names unknown fact '"
        + name
        + "'"
        + dev.leeway.json.Spelling.hint(name, facts.keySet())
        + " (facts here: "
        + (facts.isEmpty() ? "none" : String.join(", ", facts.keySet()))
        + ")";
  }

  /** CEL's messages, reworded where an agent's supervisor would not follow them. */
  private String describe(List<CelIssue> issues, String source) {
    List<String> messages = new ArrayList<>();
    for (CelIssue issue : issues) {
      String message = issue.getMessage();
      Matcher undeclared = UNDECLARED.matcher(message);
      if (undeclared.matches()) {
        message = undeclared(undeclared.group(1), expressionAfter(issue, source));
      } else if (NO_OVERLOAD.matcher(message).matches()) {
        Matcher m = NO_OVERLOAD.matcher(message);
        m.matches();
        String op = m.group(1).equals("@in") ? "in" : m.group(1);
        message =
            m.group(3) == null
                ? "cannot use '" + op + "' on " + typeWords(m.group(2))
                : "cannot use '"
                    + op
                    + "' between "
                    + typeWords(m.group(2))
                    + " and "
                    + typeWords(m.group(3));
        if (m.group(3) != null && m.group(2).equals("double") && m.group(3).equals("int")) {
          message += "; write the number with a decimal point, e.g. 50.0";
        }
      } else if (message.startsWith("reserved identifier: ")) {
        message =
            "'"
                + message.substring("reserved identifier: ".length()).strip()
                + "' is a reserved word in conditions: give the fact another name";
      } else if (message.startsWith("mismatched input '<EOF>'")) {
        message = "the condition ends too early";
      } else if (message.startsWith("mismatched input ")
          || message.startsWith("extraneous input ")) {
        message =
            "unexpected "
                + message.replaceFirst(
                    "^(mismatched|extraneous) input ('(?:[^']|\\\\')*').*$", "$2");
      } else if (message.startsWith("token recognition error at: ")) {
        message =
            "unexpected character " + message.substring("token recognition error at: ".length());
      } else if (message.startsWith("expected type 'bool'")) {
        message =
            "must be true or false, but "
                + message.substring("expected type 'bool' but ".length()).replace("found", "is");
      }
      int column = issue.getSourceLocation().getColumn() + 1;
      messages.add(message + " (at column " + column + ")");
    }
    return String.join("; ", messages);
  }
}
