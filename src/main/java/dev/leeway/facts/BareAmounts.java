package dev.leeway.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds amounts written with no currency ("it was 54.99", "charged 45", "the 15 delivery fee", "499
 * now 449"): a number is money when it has two decimals, follows a word of paying or pricing, comes
 * right before a money word, or is set against another amount. A number followed by a thing it
 * counts ("3 times", "2 items", "2 of the 4") is never money.
 */
final class BareAmounts {

  // A number on its own: not part of a word, a time, a range, a phone number or a reference.
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w$€£.,#/:'-])(?<num>" + NumberWords.FIGURES + ")(?![\\w$€£%]|[.,:/-]\\d)");

  // What may follow an amount: the end, punctuation, a small word, or a money word. A noun
  // ("3 kettles", "10 days", "4b") means the number counts something.
  private static final Pattern FOLLOWER =
      Pattern.compile(
          "^(?:\\s*$|\\s*[,.;:!?)\\]-]|\\s+(?:for|on|in|at|to|from|not|instead|rather|now|and|but|or|the|a|an|this|that|"
              + "last|each|every|per|twice|once|extra|back|off|more|less|cheaper|dearer|plus|total|already|pending|"
              + "still|was|is|so|tho|though|when|which|then|by|with|over|under|only|just|ago|she|he|they|it|"
              + "vs|versus|compared|should|when|while|where|usd|inc|incl|including|fee|fees|charge|refund|credit|"
              + "deposit|postage|shipping|delivery|restocking|admin|late|cancellation|exit|termination|p&p|"
              + "monthly|pcm|a month|every month|today|yesterday|yday|showing|missing|taken|debited|"
              + "refunded|overdue|outstanding|owed|bounced|failed|declined|reversed|returned|went|came|got|"
              + "were|has|had|have|order|purchase|basket|spend)\\b)");

  // Words of paying or pricing right before the number, with at most two small words between.
  private static final Pattern PAYING_BEFORE =
      Pattern.compile(
          "\\b(?:paid|pay|pays|paying|charged|charge of|charges of|billed|cost|costs|costing|costed|priced(?: at)?|"
              + "price(?: is| was| of| now)?|refund(?:ed)?(?: of)?|total(?:led)?(?: is| was| of)?|came to|comes to|"
              + "spent|worth|fee(?: of| is| was)?|bill(?: is| was| of)|debited|deducted|took|taken|owes?|owed|owing|"
              + "(?:order|basket|cart)(?: total)?(?: is| was| of| came to)|order total|direct debit(?: of)?|"
              + "(?:went|gone|going|put) up(?: by)?|up by|down by|increased by|dropped(?: by)?|reduced(?: by)?|"
              + "fell(?: by)?|price match(?:ed)?|overcharged(?: by)?|undercharged(?: by)?|"
              + "(?:didn't|didnt|did not|never|wouldn't|wouldnt) (?:give|dispense|pay out)|"
              + "balance(?: is| was| of)|credit(?: of)?|deposit(?: of)?|postage(?: is| was| of)?|top[- ]?up(?: of)?|"
              + "shipping(?: is| was| of)?|delivery (?:fee|charge)(?: is| was| of)?|"
              + "quoted?(?: (?:to|for) [a-z]+)?(?: is| was| of| at)?|"
              + "(?:card|voucher|order|bill|invoice|payment|transaction)s? for|"
              + "for(?<=\\b(?:bought|got|purchased|renewed|sold|paid|ordered)\\b[^.;,]{0,40}\\bfor))"
              + "(?:\\s+(?:her|him|them|us|me|about|around|roughly|approx|only|just|like|was|is|of|the|it|"
              + "another|an extra|extra)){0,2}\\s*$");

  // A money word right after the number: "the 15 delivery fee", "25 restocking charge", "30
  // cheaper".
  private static final Pattern MONEY_AFTER =
      Pattern.compile(
          "^\\s+(?:[a-z&]+\\s+)?(?:fee|charge|refund|credit|deposit|postage|surcharge|vat|duty|tax|"
              + "customs|difference)\\b"
              + "|^\\s+(?:cheaper|dearer|more expensive|less|off|extra)\\b"
              + "|^\\s+(?:left|remaining|outstanding) on (?:[a-z]+ )?(?:balance|account|card|gift card)\\b");

  // Words saying the message is about prices, so that two numbers set against each other
  // ("499 now 449") are amounts.
  private static final Pattern PRICE_WORD =
      Pattern.compile(
          "\\b(?:price|prices|priced|cost|costs|paid|pay|pays|charged|charge|cheaper|refund|bought|purchased|"
              + "sale|discount|dropped|difference|diff|reduced|bill|billed|total|renewal|renewed|subscription)\\b|[$€£]");

  // "order 25," standing as its own clause: the order's value ("order 48213" is too long to be
  // one).
  private static final Pattern ORDER_BEFORE = Pattern.compile("\\b(?:order|basket|cart)\\s+$");
  private static final Pattern CLAUSE_END = Pattern.compile("^\\s*(?:$|[,;!?)]|\\.(?!\\d))");

  // "thats 29 on its own", "they were 95, paid on card": what the thing was, as a clause of its
  // own.
  private static final Pattern IT_WAS_BEFORE =
      Pattern.compile("\\b(?:that|it|they|this|which)(?:'s|s| is| was| were| are)\\s+$");
  private static final Pattern AMOUNT_END =
      Pattern.compile("^\\s*(?:$|[,;!?)]|\\.(?!\\d)|on (?:its|their) own\\b|each\\b|all in\\b)");

  // "on a 62 order": an amount naming the size of one purchase.
  private static final Pattern A_BEFORE = Pattern.compile("\\b(?:a|an)\\s+$");
  private static final Pattern PURCHASE_AFTER =
      Pattern.compile("^\\s+(?:order|purchase|basket|shop|bill|spend)\\b");

  // "120 total", "80 all in".
  private static final Pattern TOTAL_AFTER =
      Pattern.compile("^\\s+(?:total|in total|all in|altogether)\\b");

  // A number alone in the message's last clause ("delivered 10 weeks ago, 89"): agents add the
  // price at the end; a count or a time would name what it counts.
  private static final Pattern LAST_CLAUSE_BEFORE = Pattern.compile("(?:[,;:–—-]|\\band)\\s*$");
  private static final Pattern MESSAGE_END = Pattern.compile("^\\s*[.!]*\\s*$");

  private BareAmounts() {}

  /**
   * The amounts with no currency in the message, in {@code currency}, leaving out any place that
   * {@code found} (amounts with a currency) already covers.
   */
  static List<MoneyFinder.Amount> find(
      Message message, List<MoneyFinder.Amount> found, String currency) {
    String text = message.lower;
    List<MoneyFinder.Amount> candidates = new ArrayList<>();
    List<Boolean> money = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      int start = m.start("num");
      int end = m.end("num");
      String digits = m.group("num");
      if (overlaps(found, start, end) || !mayFollow(message, end)) {
        continue;
      }
      // A long whole number is a reference or a phone number, not an amount an agent types.
      if (!digits.contains(".") && !digits.contains(",") && digits.length() >= 5
          || digits.length() > 1 && digits.startsWith("0") && !digits.startsWith("0.")) {
        continue;
      }
      BigDecimal value = NumberWords.figures(digits);
      candidates.add(new MoneyFinder.Amount(value, currency, start, end));
      money.add(isMoney(text, start, end, digits));
    }
    // Set against an amount ("charged 60 not 48", "499 now 449" about a price).
    boolean priceTalk = PRICE_WORD.matcher(text).find();
    for (int i = 0; i + 1 < candidates.size(); i++) {
      if (money.get(i) == money.get(i + 1) && !priceTalk) {
        continue;
      }
      if (MoneyGap.setAgainst(text, candidates.get(i), candidates.get(i + 1))) {
        money.set(i, true);
        money.set(i + 1, true);
      }
    }
    for (MoneyFinder.Amount other : found) {
      for (int i = 0; i < candidates.size(); i++) {
        MoneyFinder.Amount c = candidates.get(i);
        if (other.end() <= c.start()
                && MoneyGap.setAgainst(text, other, c)
                && !between(found, other.end(), c.start())
            || c.end() <= other.start()
                && MoneyGap.setAgainst(text, c, other)
                && !between(found, c.end(), other.start())) {
          money.set(i, true);
        }
      }
    }
    List<MoneyFinder.Amount> amounts = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (money.get(i)) {
        amounts.add(candidates.get(i));
      }
    }
    return amounts;
  }

  // Words after a number that make it a count whatever their tag: "2 of the 4", "3 x".
  private static final Pattern COUNTED = Pattern.compile("^\\s+(?:of|x|times?|per ?cent)\\b");

  private static final java.util.Set<String> FUNCTION_TAGS =
      java.util.Set.of("VERB", "AUX", "ADP", "ADV", "PART", "CCONJ", "SCONJ", "DET", "PRON");

  /**
   * Whether the words after a number leave it free to be an amount: the end, punctuation, a small
   * word, a money word or a verb ("direct debit of 32 bounced"); not a noun it counts.
   */
  private static boolean mayFollow(Message message, int end) {
    String rest = message.lower.substring(end);
    if (COUNTED.matcher(rest).find()) {
      return false;
    }
    // A money word after it ("45 move fee", "38 import vat") names what the amount is.
    if (FOLLOWER.matcher(rest).find() || MONEY_AFTER.matcher(rest).find()) {
      return true;
    }
    int next = message.tokenAt(end);
    if (next >= message.tokens.size() || message.tokens.get(next).start() < end) {
      return false;
    }
    return FUNCTION_TAGS.contains(message.tokens.get(next).tag().split("\\+")[0]);
  }

  private static boolean isMoney(String text, int start, int end, String digits) {
    if (digits.matches("\\d+\\.\\d{2}")) {
      // "at 3.30" is a time.
      return !text.substring(Math.max(0, start - 3), start).equals("at ");
    }
    String before = text.substring(Math.max(0, start - 60), start);
    return PAYING_BEFORE.matcher(before).find()
        || MONEY_AFTER.matcher(text.substring(end)).find()
        || ORDER_BEFORE.matcher(before).find() && CLAUSE_END.matcher(text.substring(end)).find()
        || IT_WAS_BEFORE.matcher(before).find() && AMOUNT_END.matcher(text.substring(end)).find()
        || A_BEFORE.matcher(before).find() && PURCHASE_AFTER.matcher(text.substring(end)).find()
        || TOTAL_AFTER.matcher(text.substring(end)).find()
        || LAST_CLAUSE_BEFORE.matcher(before).find()
            && MESSAGE_END.matcher(text.substring(end)).find();
  }

  private static boolean overlaps(List<MoneyFinder.Amount> amounts, int start, int end) {
    return amounts.stream().anyMatch(a -> a.start() < end && start < a.end());
  }

  private static boolean between(List<MoneyFinder.Amount> amounts, int from, int to) {
    return amounts.stream().anyMatch(a -> a.start() >= from && a.end() <= to);
  }
}
