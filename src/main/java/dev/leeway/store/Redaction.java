package dev.leeway.store;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is taken out of text before it is stored: card numbers, e-mail addresses and phone numbers
 * by default ({@code LEEWAY_REDACT=card,email,phone}; {@code none} keeps text as typed).
 */
public record Redaction(Set<Kind> kinds) {

  /** Something personal that can be recognised in text. */
  public enum Kind {
    CARD("[card]"),
    EMAIL("[email]"),
    PHONE("[phone]");

    private final String mark;

    Kind(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  static final String DEFAULT_SPEC = "card,email,phone";
  public static final Redaction DEFAULT = new Redaction(EnumSet.allOf(Kind.class));
  public static final Redaction NONE = new Redaction(EnumSet.noneOf(Kind.class));

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  // 13-19 digits in groups separated by single spaces or dashes; checked with Luhn's sum below.
  private static final Pattern CARD =
      Pattern.compile("(?<![\\d.,])\\d(?:[ -]?\\d){12,18}(?![\\d.,]\\d)");
  // An optional +, then 9-15 digits with spaces, dots, dashes or brackets between: longer than a
  // date or an amount, the lengths phone numbers have.
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\w.,])(?:\\+|\\(\\+?)?\\d(?:[ ().-]{0,2}\\d){8,14}(?![\\w])");

  public Redaction {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
  }

  /**
   * Reads a comma-separated list of kinds, or {@code none}.
   *
   * @throws IllegalArgumentException naming an unknown kind
   */
  public static Redaction parse(String spec) {
    String trimmed = spec.strip().toLowerCase(Locale.ROOT);
    if (trimmed.equals("none") || trimmed.isEmpty()) {
      return NONE;
    }
    EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (String part : trimmed.split("\\s*,\\s*")) {
      try {
        kinds.add(Kind.valueOf(part.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            StoreSettings.REDACT
                + ": unknown kind '"
                + part
                + "' (kinds: card, email, phone; or none)");
      }
    }
    return new Redaction(kinds);
  }

  /** The text with every kind this redaction covers replaced by its mark. */
  public String apply(String text) {
    if (text == null || kinds.isEmpty()) {
      return text;
    }
    String out = text;
    if (kinds.contains(Kind.EMAIL)) {
      out = EMAIL.matcher(out).replaceAll(Kind.EMAIL.mark());
    }
    if (kinds.contains(Kind.CARD)) {
      out = replace(out, CARD, Kind.CARD, true);
    }
    if (kinds.contains(Kind.PHONE)) {
      out = replace(out, PHONE, Kind.PHONE, false);
    }
    return out;
  }

  private static String replace(String text, Pattern pattern, Kind kind, boolean luhn) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      boolean hit = !luhn || luhn(digits);
      m.appendReplacement(out, Matcher.quoteReplacement(hit ? kind.mark() : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Card numbers carry a check digit; other long numbers (order ids) mostly fail it. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
