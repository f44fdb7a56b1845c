package dev.leeway.facts;

import dev.leeway.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds closed choices: the Rewards tier ("gold member", "she's gold", "not a member" → none), the
 * plan ("premium plan", "on Plus") and how the customer paid ("paid with PayPal", "bought it on her
 * debit card" → card).
 */
final class ChoiceFinder {

  private static final String TIER_NOUNS =
      "members?|mbrs?|membership|tier|status|level|rewards|customers?|custs?|clients?|club|cardholder|card holder|account|"
          + "loyalty|account holder|user|holder|band";

  private static final Pattern TIER_NONE =
      Cues.words(
          "(?:not|isn't|wasn't|never been|no longer) (?:a |an )?(?:rewards |loyalty |club )?(?:member|in rewards|enrolled|"
              + "signed up (?:to|for) rewards|part of (?:the )?rewards)"
              + "|no (?:rewards |loyalty )?membership|no (?:rewards|loyalty) (?:account|status|tier)|non-? ?members?|no tier"
              + "|(?:doesn't|does not|didn't|did not) have (?:a |any )?(?:rewards |loyalty )?(?:membership|tier|status)"
              + "|(?:isn't|is not|not|wasn't|was not) (?:in|on|with|part of) (?:rewards|the rewards|our rewards|loyalty|the loyalty)"
              + "|(?:isn't|is not|not) (?:a )?rewards member|(?:never|not) (?:joined|signed up to) (?:rewards|the rewards)");

  // "plat" is agents' shorthand for platinum, and only read next to a tier noun.
  private static final Pattern TIER_WORD =
      Cues.words("gold|silver|platinum|plat(?=[\\s-]+(?:" + TIER_NOUNS + ")\\b)");
  private static final Pattern TIER_NOUN = Cues.words(TIER_NOUNS);
  private static final Pattern NEGATED_BEFORE =
      Pattern.compile("(?:\\bnot|n'?t|\\bnever|\\bno longer)\\s+(?:(?:a|an|even|yet)\\s+)?$");

  private static final Set<String> FOLLOWERS =
      Set.of("CCONJ", "SCONJ", "ADV", "ADP", "AUX", "VERB", "PART", "PRON", "DET");

  private static final Pattern PLAN =
      Cues.words(
          "(?<plan>basic|plus|premium)\\s+(?:plan|package|subscription|customer|cust|tier|bundle|contract|account|broadband|"
              + "membership|member|sub|option|deal|subscriber|user)"
              + "|(?:plan|package|subscription|bundle|sub)\\s+(?:(?:is|was|:|-)\\s+)?(?:the\\s+)?(?<plan2>basic|plus|premium)"
              + "|(?:on|has|with|pays for|paying for|upgraded to|downgraded to|switched to|moved to)\\s+(?:the\\s+|a\\s+)?"
              + "(?<plan3>basic|plus|premium)(?!\\s+(?:quality|brand|price|product|item|headphones|version|grade|model|edition))");

  // Paying words, so that a card that was lost or refunded to is not read as how she paid.
  private static final String PAID =
      "(?:paid|pay|pays|paying|payment|bought|buy|buying|purchased|purchase|ordered|charged|put it|booked|spent)";

  private static final Pattern PAYMENT =
      Cues.words(
          "(?<gift>gift ?cards?|gift vouchers?|vouchers?|gift certificates?|e-?gift cards?)"
              + "|(?<paypal>paypal|pay pal)"
              + "|(?<bank>bank transfer|wire transfer|by wire|via wire|wired (?:the money|it|the payment|the funds)|bacs|"
              + "direct transfer|sepa transfer|faster payment|transferred (?:the money|it|the funds) from (?:her|his|their) bank)"
              + "|(?<card>card payment|paid by card|paid on card|"
              + PAID
              + " (?:[\\w$€£.,']+ ){0,6}?(?:by|with|on|using|via|through|onto) "
              + "(?:a |an |her |his |their |the |my |our |your )?(?:credit |debit |bank |visa |mastercard )?(?:card|visa|mastercard|amex)"
              + "|(?:credit|debit) card (?:payment|purchase|transaction))");

  private ChoiceFinder() {}

  static List<Reading> find(Message message) {
    String text = message.lower;
    List<Reading> readings = new ArrayList<>();
    Matcher m = TIER_NONE.matcher(text);
    while (m.find()) {
      readings.add(new Reading("membership_tier", new FactValue.Text("none"), m.start(), m.end()));
    }
    m = TIER_WORD.matcher(text);
    while (m.find()) {
      Reading tier = tier(message, m.start(), m.end());
      if (tier != null) {
        readings.add(tier);
      }
    }
    m = PLAN.matcher(text);
    while (m.find()) {
      String group =
          m.group("plan") != null ? "plan" : m.group("plan2") != null ? "plan2" : "plan3";
      readings.add(new Reading("plan", new FactValue.Text(m.group(group)), m.start(), m.end()));
    }
    m = PAYMENT.matcher(text);
    while (m.find()) {
      String value =
          m.group("gift") != null
              ? "gift_card"
              : m.group("paypal") != null
                  ? "paypal"
                  : m.group("bank") != null
                      ? "bank_transfer"
                      : m.group("card").contains("gift") ? "gift_card" : "card";
      readings.add(
          new Reading(
              "payment_method", new FactValue.Text(value), evidenceStart(text, m), m.end()));
    }
    return readings;
  }

  private static final Pattern CARD_PREPOSITION =
      Pattern.compile("\\b(?:by|with|on|using|via|through|onto)\\s");

  // The evidence for "card" is the card phrase ("on her debit card"), not the whole "paid ... on"
  // run.
  private static int evidenceStart(String text, Matcher m) {
    if (m.group("card") == null) {
      return m.start();
    }
    Matcher preposition = CARD_PREPOSITION.matcher(text).region(m.start(), m.end());
    int start = m.start();
    while (preposition.find()) {
      start = preposition.start();
    }
    return start;
  }

  /**
   * A tier word is a tier unless it describes a thing ("a gold necklace", "the silver one") or is
   * negated ("not gold"): it must stand next to a tier noun or on its own.
   */
  private static Reading tier(Message message, int start, int end) {
    String text = message.lower;
    if (NEGATED_BEFORE.matcher(text.substring(Math.max(0, start - 16), start)).find()) {
      return null;
    }
    String word = text.substring(start, end);
    FactValue value = new FactValue.Text(word.equals("plat") ? "platinum" : word);
    Matcher noun = TIER_NOUN.matcher(text).region(end, Math.min(text.length(), end + 24));
    if (noun.find() && text.substring(end, noun.start()).matches("[\\s-]*")) {
      return new Reading("membership_tier", value, start, noun.end());
    }
    // "rewards status is gold", "membership: gold".
    Matcher before = TIER_NOUN.matcher(text).region(Math.max(0, start - 24), start);
    int nounEnd = -1;
    int nounStart = -1;
    while (before.find()) {
      nounStart = before.start();
      nounEnd = before.end();
    }
    if (nounEnd >= 0
        && text.substring(nounEnd, start)
            .matches("\\s*(?:(?:is|was|level|tier|status|of|now)\\s*|[:=-]\\s*)*")) {
      return new Reading("membership_tier", value, nounStart, end);
    }
    // Standing alone ("she's gold", "platinum, been with us 8 years"): not before a noun, and not
    // a colour ("wants it in silver").
    if (text.substring(Math.max(0, start - 3), start).equals("in ")) {
      return null;
    }
    int next = message.tokenAt(end);
    if (next < message.tokens.size()) {
      Token token = message.tokens.get(next);
      if (token.start() < end) {
        return null; // part of a longer token
      }
      // A following word must be a function word or a verb; anything else ("iPhone", which the
      // tagger may not even call a noun) is the thing the tier word describes.
      if (Character.isLetterOrDigit(token.text().charAt(0))
          && !FOLLOWERS.contains(token.tag().split("\\+")[0])) {
        return null;
      }
    }
    return new Reading("membership_tier", value, start, end);
  }
}
