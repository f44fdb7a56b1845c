package dev.leeway.chat;

import dev.leeway.facts.Fact;
import dev.leeway.facts.FactExtractor;
import dev.leeway.playbook.FactSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a message answers the question waiting for it. {@link AnswerReader} finds a value of the
 * asked type; a bare yes or no is then bound to a yes/no question only when the message says
 * nothing else: "no, she's gold" gives the tier (a fact the extractor reads), and "no it hasn't
 * been sent yet" to "Has her identity been verified?" speaks of something the question does not ask
 * about. Either is a statement, read as a new message, and the question stays open.
 */
final class Binding {

  /** The yes or no a reply starts with, with "she has", "it hasn't" and the like after it. */
  private static final Pattern LEADING_YES_NO =
      Pattern.compile(
          "(?i)^\\s*(?:yes|yeah|yep|yup|y|correct|true|no|nope|nah|n|false|not|never)\\b"
              + "[\\s,.!;:\\-]*"
              + "(?:(?:she|he|they|it|we|i)\\s*'?\\s*"
              + "(?:has|have|does|do|did|is|are|was|were|can|could|will|would|s|ve|d)?"
              + "(?:n't|nt|\\s+not)?\\b)?");

  /** Words that say how sure or how final an answer is, not what it is about. */
  private static final Set<String> HEDGES =
      Set.of(
          "yet",
          "still",
          "already",
          "though",
          "sadly",
          "unfortunately",
          "definitely",
          "certainly",
          "sure",
          "really",
          "afraid",
          "think",
          "believe",
          "apparently",
          "ever",
          "either",
          "all",
          "both",
          "any",
          "fine",
          "thanks",
          "please",
          "done",
          "did",
          "does",
          "doesn",
          "didn",
          "hasn",
          "haven",
          "isn",
          "wasn",
          "weren",
          "aren",
          "can",
          "cannot",
          "won");

  private Binding() {}

  /**
   * The answer the message gives to {@code ask}, or empty when it gives none or is a statement of
   * its own.
   */
  static Optional<Fact> answer(
      FactSpec spec,
      FollowUp.AskFact ask,
      String text,
      List<Fact> read,
      FactExtractor.ReplyTimes times,
      int turn) {
    Optional<Fact> answer = AnswerReader.read(spec, text, read, times, turn);
    if (answer.isEmpty()
        || spec.type() != dev.leeway.playbook.FactType.BOOLEAN
        || read.contains(answer.get())) {
      return answer;
    }
    // A bare yes or no: it answers only when nothing else is said.
    boolean saysOtherFacts = read.stream().anyMatch(f -> !f.name().equals(spec.name()));
    if (saysOtherFacts || !aboutTheQuestion(text, spec, ask)) {
      return Optional.empty();
    }
    return answer;
  }

  /**
   * Whether the words after the yes or no are about what was asked: none left, or one that shares
   * its stem with a word of the question or the fact's name.
   */
  static boolean aboutTheQuestion(String text, FactSpec spec, FollowUp.AskFact ask) {
    Matcher lead = LEADING_YES_NO.matcher(text);
    String rest = lead.find() ? text.substring(lead.end()) : text;
    List<String> said = substantive(rest);
    if (said.isEmpty()) {
      return true;
    }
    List<String> asked = new ArrayList<>();
    asked.addAll(substantive(ask.question()));
    asked.addAll(substantive(spec.question() == null ? "" : spec.question()));
    asked.addAll(substantive(spec.name().replace('_', ' ')));
    return said.stream().anyMatch(w -> asked.stream().anyMatch(a -> sameStem(w, a)));
  }

  private static List<String> substantive(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (word.length() >= 3 && !Dialogue.FILLER.contains(word) && !HEDGES.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  /** "sent" and "send", "verified" and "verify", "photos" and "photo": one stem. */
  private static boolean sameStem(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    int common = 0;
    while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) {
      common++;
    }
    return common >= 4 || (common >= 3 && Math.min(a.length(), b.length()) <= 4);
  }
}
