package dev.leeway.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds amounts of money: a number with a currency sign, code or word on either side ("$80", "EUR
 * 45.50", "twenty quid"), and numbers with no currency that the words around make money ("it was
 * 54.99", "charged 45"); order numbers and counts never read as amounts.
 */
final class MoneyFinder {

  /** An amount and where it is written. */
  record Amount(BigDecimal value, String currency, int start, int end) {}

  private static final String NUMBER = NumberWords.FIGURES;
  private static final String THOUSANDS = "(?<k>k\\b)?";

  // "$80", "US$ 1,200.50", "£12", "€45", "$1.2k".
  private static final Pattern SIGN_FIRST =
      Pattern.compile("(?<cur>us\\$|\\$|€|£)\\s?(?<num>" + NUMBER + ")" + THOUSANDS + "(?!\\d)");

  // "USD 80", "eur45.50".
  private static final Pattern CODE_FIRST =
      Pattern.compile(
          "\\b(?<cur>usd|eur|gbp)\\s?(?<num>" + NUMBER + ")" + THOUSANDS + "(?![\\d.,]\\d)");

  // "80 dollars", "45.50 euros", "12 quid", "80usd", "45€", "twenty-five quid".
  private static final Pattern NUMBER_FIRST =
      Pattern.compile(
          "(?<![\\w$€£.,])(?<num>"
              + NUMBER
              + "|\\b"
              + NumberWords.WORDS
              + ")"
              + THOUSANDS
              + "\\s?(?<cur>dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp|€|£)(?![a-z])");

  // The number-first pattern tries every position; most messages name no currency word at all.
  private static final Pattern CURRENCY_WORD =
      Pattern.compile("dollar|bucks|usd|euro|eur|pound|quid|gbp|€|£");

  private MoneyFinder() {}

  /** The amounts written with a currency sign, code or word. */
  static List<Amount> find(Message message) {
    List<Amount> amounts = new ArrayList<>();
    boolean words = CURRENCY_WORD.matcher(message.lower).find();
    for (Pattern pattern :
        words ? List.of(SIGN_FIRST, CODE_FIRST, NUMBER_FIRST) : List.of(SIGN_FIRST, CODE_FIRST)) {
      Matcher m = pattern.matcher(message.lower);
      while (m.find()) {
        double number = NumberWords.parse(m.group("num"));
        if (number < 0 || m.group("num").equals("a")) {
          continue;
        }
        BigDecimal value = parse(m.group("num"), number);
        if (m.group("k") != null) {
          value = value.multiply(BigDecimal.valueOf(1000)).stripTrailingZeros();
          if (value.scale() < 0) {
            value = value.setScale(0);
          }
        }
        Amount amount = new Amount(value, currency(m.group("cur")), m.start(), m.end());
        if (amounts.stream().noneMatch(a -> a.start() < amount.end() && amount.start() < a.end())) {
          amounts.add(amount);
        }
      }
    }
    amounts.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return amounts;
  }

  /**
   * Every amount in the message: those with a currency, and those without one (see {@link
   * BareAmounts}) in the currency all the others share, else in {@code currency}.
   */
  static List<Amount> find(Message message, String currency) {
    List<Amount> amounts = new ArrayList<>(find(message));
    List<String> currencies = amounts.stream().map(Amount::currency).distinct().toList();
    String bare = currencies.size() == 1 ? currencies.get(0) : currency;
    amounts.addAll(BareAmounts.find(message, amounts, bare));
    amounts.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return amounts;
  }

  private static BigDecimal parse(String text, double number) {
    if (Character.isDigit(text.charAt(0))) {
      return NumberWords.figures(text);
    }
    return BigDecimal.valueOf((long) number);
  }

  private static String currency(String word) {
    return switch (word) {
      case "$", "us$", "usd", "dollar", "dollars", "bucks" -> "USD";
      case "€", "eur", "euro", "euros" -> "EUR";
      default -> "GBP";
    };
  }
}
