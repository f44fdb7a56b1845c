package dev.leeway.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Two amounts set against each other ("paid £60 instead of £48", "charged $60 when it should have
 * been $48", "was £499, now £449", "from £499 to £449") are about the gap between them: read as the
 * price difference. Otherwise the first amount alone stands for the case, and an action that
 * refunds "the difference" would offer £60.
 */
final class MoneyGap {

  static final String NAME = "price_difference";

  // Only these words may stand between the two amounts, so "$60 on Monday and $48 on Tuesday" is
  // two charges, not one gap.
  private static final Pattern BETWEEN =
      Pattern.compile(
          "\\s*(?:a month|per month|monthly|each|each time)?\\s*,?\\s*"
              + "(?:instead of|rather than|not|and not|vs\\.?|versus|compared (?:to|with)|"
              + "(?:but |when |where |while )?(?:it |that |the price |the bill |the total )?"
              + "(?:should|was meant to|was supposed to|ought to)(?:'ve| have)? (?:been|be|cost|come to))"
              + "\\s*(?:the (?:usual|normal|advertised|expected|agreed|quoted|promised|listed|old|right|correct) "
              + "(?:price|amount|total|rate|charge|bill)(?: of)?\\s*)?");

  // "was £499 last week, now £449": the old price, a few words, then "now" and the new one.
  private static final Pattern THEN_NOW =
      Pattern.compile(
          "[^.;!?]{0,30}?[,\\s](?:but |and )?now(?: (?:it's|its|it is|only|just|at|is|down to|up to|on sale for|selling for|priced at))*\\s*");

  // "from £499 to £449", after the "from".
  private static final Pattern FROM_TO = Pattern.compile("\\s*(?:to|down to|up to)\\s*");

  private MoneyGap() {}

  static List<Reading> find(Message message, List<MoneyFinder.Amount> amounts) {
    List<Reading> gaps = new ArrayList<>();
    for (int i = 0; i + 1 < amounts.size(); i++) {
      MoneyFinder.Amount first = amounts.get(i);
      MoneyFinder.Amount second = amounts.get(i + 1);
      if (first.currency().equals(second.currency())
          && first.value().compareTo(second.value()) != 0
          && setAgainst(message.lower, first, second)) {
        FactValue gap =
            new FactValue.Money(first.value().subtract(second.value()).abs(), first.currency());
        gaps.add(new Reading(NAME, gap, first.start(), second.end()));
      }
    }
    return gaps;
  }

  static boolean setAgainst(String lower, MoneyFinder.Amount first, MoneyFinder.Amount second) {
    String between = lower.substring(first.end(), second.start());
    String before = lower.substring(Math.max(0, first.start() - 5), first.start());
    return BETWEEN.matcher(between).matches()
        || THEN_NOW.matcher(between).matches()
        || (before.endsWith("from ") && FROM_TO.matcher(between).matches());
  }
}
