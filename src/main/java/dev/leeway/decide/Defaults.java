package dev.leeway.decide;

import dev.leeway.facts.FactValue;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;

/** Fact values from what a play writes ({@code default}) and from what an expression gives. */
final class Defaults {

  private Defaults() {}

  /**
   * A fact's default as a value of its type (an amount in the pack's {@code currency}); empty when
   * it does not read as one (validation says so).
   */
  static Optional<FactValue> value(FactSpec spec, String currency) {
    String text = spec.defaultValue();
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          switch (spec.type()) {
            case MONEY -> new FactValue.Money(new BigDecimal(text.strip()), currency);
            case COUNT, DAYS -> new FactValue.Whole(Long.parseLong(text.strip()));
            case BOOLEAN -> new FactValue.Flag(Boolean.parseBoolean(text.strip()));
            case DATE -> new FactValue.Date(LocalDate.parse(text.strip()));
            case ENUM, TEXT -> new FactValue.Text(text.strip());
          });
    } catch (RuntimeException notOfItsType) {
      return Optional.empty();
    }
  }

  /** A value CEL gave for a fact of {@code type}, as a fact value. */
  static Optional<FactValue> fromCel(Object value, FactType type, String currency) {
    return Optional.ofNullable(
        switch (type) {
          case MONEY ->
              value instanceof Number n
                  ? new FactValue.Money(
                      new BigDecimal(n.toString()).setScale(2, RoundingMode.HALF_UP), currency)
                  : null;
          case COUNT, DAYS -> value instanceof Long l ? new FactValue.Whole(l) : null;
          case BOOLEAN -> value instanceof Boolean b ? new FactValue.Flag(b) : null;
          case DATE -> value instanceof String s ? dateOrNull(s) : null;
          case ENUM, TEXT -> value instanceof String s ? new FactValue.Text(s) : null;
        });
  }

  private static FactValue dateOrNull(String text) {
    try {
      return new FactValue.Date(LocalDate.parse(text));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
