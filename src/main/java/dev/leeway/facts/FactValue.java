package dev.leeway.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A fact's value, one shape per fact type, so that conditions see the type the play declared. */
public sealed interface FactValue {

  /** How the value reads in an answer or a trace: "$80.00", "12", "gold", "yes". */
  String display();

  /** An amount of money; the currency is an ISO 4217 code, "USD" when the text said "$". */
  record Money(BigDecimal amount, String currency) implements FactValue {
    public Money {
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(currency, "currency");
    }

    @Override
    public String display() {
      String symbol =
          switch (currency) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            default -> currency + " ";
          };
      return symbol
          + amount
              .setScale(Math.max(2, amount.scale()), java.math.RoundingMode.UNNECESSARY)
              .toPlainString();
    }
  }

  /** A whole number: a count, or a duration in the unit its name says (days, months, hours). */
  record Whole(long value) implements FactValue {
    @Override
    public String display() {
      return Long.toString(value);
    }
  }

  /** A yes/no fact. */
  record Flag(boolean value) implements FactValue {
    @Override
    public String display() {
      return value ? "yes" : "no";
    }
  }

  /** One of an enum's values, or free text. */
  record Text(String value) implements FactValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String display() {
      return value;
    }
  }

  /** A calendar date. */
  record Date(LocalDate value) implements FactValue {
    public Date {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String display() {
      return value.toString();
    }
  }
}
