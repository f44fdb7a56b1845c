package dev.leeway.decide;

import dev.leeway.facts.FactValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A condition from the small grammar the property tests generate, written out as CEL and evaluated
 * on its own in three-valued logic, so that the decider's verdicts are checked against an oracle
 * that shares none of its code.
 */
sealed interface Expr {

  /** The condition as a play or guardrail would write it. */
  String cel();

  /**
   * TRUE, FALSE or UNKNOWN on these facts (missing ones absent), with CEL's commutative {@code &&}
   * and {@code ||}: false wins an and, true wins an or, whatever the other side.
   */
  Outcome eval(Map<String, FactValue> facts);

  /** How many comparisons and connectives: the size the pool is sorted by. */
  int size();

  /** {@code fact op constant}, or written the other way round with the operator mirrored. */
  record Money(String fact, String op, BigDecimal constant, boolean constantFirst) implements Expr {
    @Override
    public String cel() {
      // "50" is an int literal and "50.00" a double: both must compare with a money (double) fact.
      String c = constant.toPlainString();
      return constantFirst ? c + " " + mirror(op) + " " + fact : fact + " " + op + " " + c;
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      return facts.get(fact) instanceof FactValue.Money m
          ? compare(m.amount().compareTo(constant), op)
          : Outcome.UNKNOWN;
    }

    @Override
    public int size() {
      return 1;
    }
  }

  /** A count or days fact against a whole number. */
  record Whole(String fact, String op, long constant, boolean constantFirst) implements Expr {
    @Override
    public String cel() {
      return constantFirst
          ? constant + " " + mirror(op) + " " + fact
          : fact + " " + op + " " + constant;
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      return facts.get(fact) instanceof FactValue.Whole w
          ? compare(Long.compare(w.value(), constant), op)
          : Outcome.UNKNOWN;
    }

    @Override
    public int size() {
      return 1;
    }
  }

  /** A boolean fact on its own. */
  record Flag(String fact) implements Expr {
    @Override
    public String cel() {
      return fact;
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      return facts.get(fact) instanceof FactValue.Flag f ? of(f.value()) : Outcome.UNKNOWN;
    }

    @Override
    public int size() {
      return 1;
    }
  }

  /** An enum fact equal (or not) to one of its values. */
  record EnumIs(String fact, boolean equal, String value) implements Expr {
    @Override
    public String cel() {
      return fact + (equal ? " == '" : " != '") + value + "'";
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      return facts.get(fact) instanceof FactValue.Text t
          ? of(t.value().equals(value) == equal)
          : Outcome.UNKNOWN;
    }

    @Override
    public int size() {
      return 1;
    }
  }

  /** An enum fact among some of its values. */
  record EnumIn(String fact, List<String> values) implements Expr {
    @Override
    public String cel() {
      return fact
          + " in ["
          + values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "))
          + "]";
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      return facts.get(fact) instanceof FactValue.Text t
          ? of(values.contains(t.value()))
          : Outcome.UNKNOWN;
    }

    @Override
    public int size() {
      return 1;
    }
  }

  record Not(Expr inner) implements Expr {
    @Override
    public String cel() {
      return inner instanceof Flag f ? "!" + f.fact() : "!(" + inner.cel() + ")";
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      return switch (inner.eval(facts)) {
        case TRUE -> Outcome.FALSE;
        case FALSE -> Outcome.TRUE;
        case UNKNOWN -> Outcome.UNKNOWN;
        case ERROR -> Outcome.ERROR;
      };
    }

    @Override
    public int size() {
      return 1 + inner.size();
    }
  }

  record And(Expr left, Expr right) implements Expr {
    @Override
    public String cel() {
      return "(" + left.cel() + " && " + right.cel() + ")";
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      Outcome l = left.eval(facts);
      Outcome r = right.eval(facts);
      if (l == Outcome.FALSE || r == Outcome.FALSE) {
        return Outcome.FALSE;
      }
      return l == Outcome.TRUE && r == Outcome.TRUE ? Outcome.TRUE : Outcome.UNKNOWN;
    }

    @Override
    public int size() {
      return 1 + left.size() + right.size();
    }
  }

  record Or(Expr left, Expr right) implements Expr {
    @Override
    public String cel() {
      return "(" + left.cel() + " || " + right.cel() + ")";
    }

    @Override
    public Outcome eval(Map<String, FactValue> facts) {
      Outcome l = left.eval(facts);
      Outcome r = right.eval(facts);
      if (l == Outcome.TRUE || r == Outcome.TRUE) {
        return Outcome.TRUE;
      }
      return l == Outcome.FALSE && r == Outcome.FALSE ? Outcome.FALSE : Outcome.UNKNOWN;
    }

    @Override
    public int size() {
      return 1 + left.size() + right.size();
    }
  }

  private static Outcome of(boolean b) {
    return b ? Outcome.TRUE : Outcome.FALSE;
  }

  /** The outcome of {@code fact op constant} given the sign of fact - constant. */
  private static Outcome compare(int sign, String op) {
    return of(
        switch (op) {
          case "<" -> sign < 0;
          case "<=" -> sign <= 0;
          case ">" -> sign > 0;
          case ">=" -> sign >= 0;
          case "==" -> sign == 0;
          case "!=" -> sign != 0;
          default -> throw new IllegalArgumentException(op);
        });
  }

  /** The operator that keeps the meaning when the operands swap sides. */
  private static String mirror(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }
}
