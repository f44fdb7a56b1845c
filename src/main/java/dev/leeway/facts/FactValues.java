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
      Pattern.compile(
          "(?i)^\\s*(?:([$€£])|([a-z]{3})\\s+)?(\\d+(?:\\.\\d{1,2})?)(?:\\s+([a-z]{3}))?\\s*$");

  /**
   * The largest count a fact may hold: far beyond any real order, small enough never to overflow.
   */
  public static final long MAX_COUNT = 1_000_000;

  /** The longest duration in days a fact may hold: a hundred years. */
  public static final long MAX_DAYS = 36_500;

  /** The largest amount of money a fact may hold, in its currency's units. */
  public static final BigDecimal MAX_MONEY = new BigDecimal("1000000000");

  /** Money is written with at most this many decimals (cents). */
  public static final int MONEY_DECIMALS = 2;

  /** The earliest date a fact may hold. */
  public static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);

  /** The latest date a fact may hold. */
  public static final LocalDate MAX_DATE = LocalDate.of(2199, 12, 31);

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
    if (raw instanceof Number number) {
      BigDecimal amount;
      try {
        amount = new BigDecimal(number.toString());
      } catch (NumberFormatException e) {
        throw invalid(spec, text, moneyRange());
      }
      return new FactValue.Money(bounded(spec, text, amount), "USD");
    }
    Matcher m = MONEY.matcher(text);
    if (!m.matches() || (m.group(2) != null && m.group(4) != null)) {
      throw invalid(spec, text, "an amount such as 80, 80.50, $80 or 45.50 EUR");
    }
    String currency = "USD";
    if (m.group(1) != null) {
      currency =
          switch (m.group(1)) {
            case "€" -> "EUR";
            case "£" -> "GBP";
            default -> "USD";
          };
    } else if (m.group(2) != null) {
      currency = m.group(2).toUpperCase(Locale.ROOT);
    } else if (m.group(4) != null) {
      currency = m.group(4).toUpperCase(Locale.ROOT);
    }
    return new FactValue.Money(bounded(spec, text, new BigDecimal(m.group(3))), currency);
  }

  /**
   * Money within range and to the cent; a wider amount is refused rather than rounded or clamped.
   */
  private static BigDecimal bounded(FactSpec spec, String text, BigDecimal amount) {
    if (amount.signum() < 0
        || amount.compareTo(MAX_MONEY) > 0
        || amount.stripTrailingZeros().scale() > MONEY_DECIMALS) {
      throw invalid(spec, text, moneyRange());
    }
    return amount;
  }

  private static String moneyRange() {
    return "an amount from 0 to 1,000,000,000 with at most " + MONEY_DECIMALS + " decimals";
  }

  private static FactValue whole(FactSpec spec, Object raw, String text) {
    long max = spec.type() == dev.leeway.playbook.FactType.DAYS ? MAX_DAYS : MAX_COUNT;
    String expected = String.format(Locale.ROOT, "a whole number from 0 to %,d", max);
    // Parsed as text at any size and compared, never narrowed: 2^64 must not come out as 0.
    java.math.BigInteger value;
    try {
      value = new java.math.BigInteger(text);
    } catch (NumberFormatException e) {
      throw invalid(spec, text, expected);
    }
    if (value.signum() < 0 || value.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw invalid(spec, text, expected);
    }
    return new FactValue.Whole(value.longValueExact());
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
      LocalDate date = LocalDate.parse(text);
      if (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE)) {
        throw invalid(spec, text, "a date from " + MIN_DATE + " to " + MAX_DATE);
      }
      return new FactValue.Date(date);
    } catch (DateTimeParseException e) {
      throw invalid(spec, text, "a date such as 2026-03-31");
    }
  }

  private static IllegalArgumentException invalid(FactSpec spec, String value, String expected) {
    return new IllegalArgumentException(
        spec.name()
            + ": '"
            + value
            + "' is not "
            + expected
            + " ("
            + spec.type().name().toLowerCase(Locale.ROOT)
            + " fact)");
  }
}
