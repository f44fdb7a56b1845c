package dev.leeway.facts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers written in figures or in words ("80", "1,200.50", "twenty-five", "two hundred and fifty",
 * "a thousand"), and ordinals ("third", "3rd"), for the finders' patterns.
 */
final class NumberWords {

  private static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("fourty", 40),
          Map.entry("fifty", 50),
          Map.entry("sixty", 60),
          Map.entry("seventy", 70),
          Map.entry("eighty", 80),
          Map.entry("ninety", 90));

  private static final Map<String, Integer> ORDINALS =
      Map.ofEntries(
          Map.entry("first", 1),
          Map.entry("second", 2),
          Map.entry("third", 3),
          Map.entry("fourth", 4),
          Map.entry("fifth", 5),
          Map.entry("sixth", 6),
          Map.entry("seventh", 7),
          Map.entry("eighth", 8),
          Map.entry("ninth", 9),
          Map.entry("tenth", 10),
          Map.entry("eleventh", 11),
          Map.entry("twelfth", 12));

  private static final String UNIT_WORD =
      "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
          + "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety";

  /** A whole number in words: "twenty-five", "two hundred and fifty", "a hundred". */
  static final String WORDS =
      "(?:(?:a|" + UNIT_WORD + ")(?:[ -]+(?:and )?(?:" + UNIT_WORD + "|hundred|thousand))*)";

  /**
   * A number in figures, with optional thousands commas and decimals: "80", "1,200.50", and the
   * European "45,50" (a comma before exactly two digits).
   */
  static final String FIGURES =
      "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d+,\\d{2}(?![\\d,])|\\d+(?:\\.\\d{1,2})?)";

  /** A whole number in figures or words. */
  static final String WHOLE = "(?:\\d+|" + WORDS + ")";

  /** An ordinal: "third", "3rd", "22nd". */
  static final String ORDINAL =
      "(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\\d+(?:st|nd|rd|th))";

  private static final Pattern SEPARATORS = Pattern.compile("[ -]+(?:and[ -]+)?");
  private static final Pattern EURO_DECIMAL = Pattern.compile("\\d+,\\d{2}");
  private static final Pattern DIGIT_ORDINAL = Pattern.compile("(\\d+)(?:st|nd|rd|th)");

  private NumberWords() {}

  /** The value of a number in figures or words, or -1 when it is not one ("a" alone is 1). */
  static double parse(String number) {
    String text = number.trim().toLowerCase(java.util.Locale.ROOT);
    if (text.isEmpty()) {
      return -1;
    }
    if (Character.isDigit(text.charAt(0))) {
      BigDecimal value = figures(text);
      return value == null ? -1 : value.doubleValue();
    }
    long total = 0;
    long group = 0;
    boolean any = false;
    for (String word : SEPARATORS.split(text)) {
      if (word.equals("a")) {
        group += 1;
      } else if (word.equals("hundred")) {
        group = Math.max(group, 1) * 100;
      } else if (word.equals("thousand")) {
        total += Math.max(group, 1) * 1000;
        group = 0;
      } else if (UNITS.containsKey(word)) {
        group += UNITS.get(word);
      } else {
        return -1;
      }
      any = true;
    }
    return any ? total + group : -1;
  }

  /** The exact value of a number in figures ("1,200.50", "45,50"), or null. */
  static BigDecimal figures(String text) {
    String plain =
        EURO_DECIMAL.matcher(text).matches() ? text.replace(',', '.') : text.replace(",", "");
    try {
      return new BigDecimal(plain);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value of an ordinal ("third", "3rd"), or -1. */
  static int ordinal(String word) {
    String text = word.toLowerCase(java.util.Locale.ROOT);
    Integer value = ORDINALS.get(text);
    if (value != null) {
      return value;
    }
    Matcher digits = DIGIT_ORDINAL.matcher(text);
    return digits.matches() ? Integer.parseInt(digits.group(1)) : -1;
  }
}
