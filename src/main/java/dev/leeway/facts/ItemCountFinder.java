package dev.leeway.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds how many items are affected: a number of things with something wrong with them ("2 items
 * missing", "3 damaged plates", "missing two items") or picked out of the order ("two of the
 * items").
 */
final class ItemCountFinder {

  static final String ITEMS = "items_affected";

  private static final String N = CountFinder.number("n");
  private static final String STATE =
      "(?:missing|damaged|broken|wrong|faulty|defective|smashed|cracked|incorrect|not included|absent|dented|"
          + "scratched|stained|torn|lost|leaking|leaked|crushed|shattered|not there|mis-?sent|left out|short)";
  private static final String THINGS =
      "(?:items?|things?|products?|pieces?|parts?|units?|boxes|parcels?|packages?|[a-z]+s|[a-z]+)";
  private static final String OF_THE =
      "(?:(?:out\\s+)?of\\s+(?:(?:the|her|his|their|my|our|those|these)\\s+)?(?:\\d+\\s+|"
          + NumberWords.WORDS
          + "\\s+)?)";
  // Not after a currency sign or a decimal point: "$2 items" is not two items.
  private static final String START = "(?<![\\w$€£.,])";

  private static final List<Pattern> PATTERNS =
      List.of(
          // "2 items missing", "two of the plates were broken", "both items arrived damaged".
          Pattern.compile(
              START
                  + N.replace("(?<n>", "(?<n>both|")
                  + "\\s+"
                  + OF_THE
                  + "?(?:[a-z]+\\s+)?"
                  + THINGS
                  + "\\s+"
                  + "(?:(?:were|are|was|is|have been|has been|had been|arrived|came|turned up|showed up|got|been)\\s+)?"
                  + "(?:(?:completely|totally|badly|all|also|either|just)\\s+)?"
                  + STATE
                  + "(?!\\w)"),
          // "3 damaged items", "two broken plates".
          Pattern.compile(START + N + "\\s+" + STATE + "\\s+" + THINGS + "(?!\\w)"),
          // "missing two items", "damaged 3 glasses".
          Pattern.compile(
              "(?<!\\w)" + STATE + "\\s+" + N + "\\s+(?:[a-z]+\\s+)?" + THINGS + "(?!\\w)"),
          // "two of the items", "4 out of 6 products".
          Pattern.compile(START + N + "\\s+" + OF_THE + "(?:items|products|things)(?!\\w)"));

  // Counted things that are not items: "3 days missing", "500 points missing", "2 payments wrong".
  private static final Set<String> NOT_THINGS =
      Set.of(
          "day",
          "days",
          "week",
          "weeks",
          "month",
          "months",
          "year",
          "years",
          "hours",
          "hour",
          "times",
          "dollars",
          "pounds",
          "euros",
          "quid",
          "bucks",
          "minutes",
          "points",
          "pence",
          "cents",
          "percent",
          "miles",
          "payments",
          "transactions",
          "charges",
          "emails",
          "calls",
          "texts",
          "messages",
          "people",
          "users",
          "accounts",
          "orders");

  // A cheap check that lets most messages skip the patterns, which try every position.
  private static final Pattern ANY_STATE =
      Pattern.compile(
          "missing|damaged|broken|wrong|faulty|defective|smashed|cracked|incorrect|included|absent|dented|scratched|"
              + "stained|torn|lost|leak|crushed|shattered|there|sent|left out|short|items|products|things");

  private ItemCountFinder() {}

  static List<Reading> find(Message message) {
    String text = message.lower;
    if (!ANY_STATE.matcher(text).find()) {
      return List.of();
    }
    List<Reading> readings = new ArrayList<>();
    for (Pattern pattern : PATTERNS) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        String number = m.group("n");
        long n = number.equals("both") ? 2 : (long) NumberWords.parse(number);
        if (n > 0 && !number.equals("a") && !countsOtherThings(m.group())) {
          readings.add(new Reading(ITEMS, new FactValue.Whole(n), m.start(), m.end()));
        }
      }
    }
    return readings;
  }

  private static boolean countsOtherThings(String match) {
    for (String word : match.split("\\s+")) {
      if (NOT_THINGS.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
