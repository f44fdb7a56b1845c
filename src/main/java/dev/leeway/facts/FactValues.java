package dev.leeway.facts;

import dev.leeway.playbook.FactSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a value sent as context (a JSON field, a {@code --fact name=value}) as the type its fact
 * declares, or says exactly what is wrong with it.
 */
public final class FactValues {

  private static final Pattern MONEY =
      Pattern.compile("(?i)^\\s*(?:([$€£])|([a-z]{3})\\s+)?(\\d+(?:\\.\\d{1,2})?)(?:\\s+([a-z]{3}))?\\s*$");

  private FactValues() {}

  /**
   * The typed value of {@code raw} (a String, Number or Boolean).
   *
   * @throws IllegalArgumentException naming the fact, the value and what was expected
   */
  public static FactValue parse(FactSpec spec, Object raw) {
    if (raw == null) {
      throw invalid(spec, "null", "a value");
    }
    String text = raw.toString().strip();
    return switch (spec.type()) {
      case MONEY -> money(spec, raw, text);
      case COUNT, DAYS -> whole(spec, raw, text);
      case BOOLEAN -> flag(spec, raw, text);
      case ENUM -> choice(spec, text);
      case DATE -> date(spec, text);
      case TEXT -> {
        if (text.isEmpty()) {
          throw invalid(spec, text, "some text");
        }
        yield new FactValue.Text(text);
      }
    };
  }

  private static FactValue money(FactSpec spec, Object raw, String text) {
    if (raw instanceof Number number && !(raw instanceof Double d && (d.isNaN() || d.isInfinite()))) {
      BigDecimal amount = new BigDecimal(number.toString());
      if (amount.signum() < 0) {
        throw invalid(spec, text, "an amount of zero or more");
      }
      return new FactValue.Money(amount, "USD");
    }
    Matcher m = MONEY.matcher(text);
    if (!m.matches() || (m.group(2) != null && m.group(4) != null)) {
      throw invalid(spec, text, "an amount such as 80, 80.50, $80 or 45.50 EUR");
    }
    String currency = "USD";
    if (m.group(1) != null) {
      currency = switch (m.group(1)) {
        case "€" -> "EUR";
        case "£" -> "GBP";
        default -> "USD";
      };
    } else if (m.group(2) != null) {
      currency = m.group(2).toUpperCase(Locale.ROOT);
    } else if (m.group(4) != null) {
      currency = m.group(4).toUpperCase(Locale.ROOT);
    }
    return new FactValue.Money(new BigDecimal(m.group(3)), currency);
  }

  private static FactValue whole(FactSpec spec, Object raw, String text) {
    try {
      long value =
          raw instanceof Number number && !(raw instanceof Double || raw instanceof Float || raw instanceof BigDecimal)
              ? number.longValue()
              : Long.parseLong(text);
      if (value < 0) {
        throw invalid(spec, text, "a whole number of zero or more");
      }
      return new FactValue.Whole(value);
    } catch (NumberFormatException e) {
      throw invalid(spec, text, "a whole number of zero or more");
    }
  }

  private static FactValue flag(FactSpec spec, Object raw, String text) {
    if (raw instanceof Boolean b) {
      return new FactValue.Flag(b);
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y" -> new FactValue.Flag(true);
      case "false", "no", "n" -> new FactValue.Flag(false);
      default -> throw invalid(spec, text, "true or false");
    };
  }

  private static FactValue choice(FactSpec spec, String text) {
    String value = text.toLowerCase(Locale.ROOT);
    if (!spec.values().contains(value)) {
      throw invalid(spec, text, "one of " + String.join(", ", spec.values()));
    }
    return new FactValue.Text(value);
  }

  private static FactValue date(FactSpec spec, String text) {
    try {
      return new FactValue.Date(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      throw invalid(spec, text, "a date such as 2026-03-31");
    }
  }

  private static IllegalArgumentException invalid(FactSpec spec, String value, String expected) {
    return new IllegalArgumentException(
        spec.name() + ": '" + value + "' is not " + expected + " (" + spec.type().name().toLowerCase(Locale.ROOT) + " fact)");
  }
}
