package dev.leeway.chat;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words an agent opens a message with when the next customer is on the line: "next one: ...",
 * "different customer - ...", "new call, ...", "got another customer, ...". A cue is a word for
 * next, new, another or different (or the shorthand "nxt", "diff") before a word for a customer
 * ("cust", "cx"), a call or a case, at the start of the message; what follows it is the new case's
 * first message.
 */
final class NewCaseCues {

  /** A few words that may come before the cue: "ok so", "right,", "i've got a". */
  private static final String LEAD =
      "(?:(?:ok(?:ay)?|right|alright|so|and|now|then|hi|hello|sorry)[,!.]?\\s+)*"
          + "(?:(?:i(?:'ve| have)?\\s+got|i\\s+have|got|have|this\\s+is|here'?s|on\\s+to|onto"
          + "|moving\\s+on\\s+to)\\s+)?(?:(?:a|an|the)\\s+)?";

  private static final String WHO =
      "(?:one|customer|cust\\.?|cx|caller|call|case|chat|person|account\\s+holder|member)";

  /** Words after a customer word that make it part of a name: "different customer service". */
  private static final String NOT_A_NAME =
      "(?!\\s+(?:service|services|support|care|team|number|no\\.?|id|ref|details|record|account)\\b)";

  /**
   * "new" needs a pause after it ("new call: ...") because "new customer discount" and "new call
   * plan" are situations; so does "another one". The other words start a new case followed by
   * anything.
   */
  private static final Pattern CUE =
      Pattern.compile(
          "^\\s*"
              + LEAD
              // "another one arrived broken" is the same case; "another one: ..." is not
              + "(?!(?:an)?other\\s+one\\s+\\w)"
              + "(?:(?<firm>(?:next|nxt|another|different|diff\\.?|other)\\s+"
              + WHO
              + ")"
              + NOT_A_NAME
              + "(?=$|[\\s:,.;!?\\-–—])"
              + "|(?<new>new\\s+"
              + WHO
              + ")(?=\\s*(?:$|[:,.;!?\\-–—])))"
              + "[\\s:,.;!?\\-–—]*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private NewCaseCues() {}

  /** The cue a message starts with, and the rest of the message after it. */
  record Cue(String words, String rest) {}

  static Optional<Cue> find(String text) {
    Matcher m = CUE.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    String words = m.group("firm") != null ? m.group("firm") : m.group("new");
    return Optional.of(
        new Cue(words.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), text.substring(m.end())));
  }
}
