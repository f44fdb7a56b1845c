package dev.leeway.chat;

import dev.leeway.facts.Fact;
import dev.leeway.facts.FactExtractor;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.FactSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a message answers the question waiting for it: the one place where a reply is bound to
 * the pending question. {@link AnswerReader} finds a value of the asked type; a bare yes or no is
 * then bound to a yes/no question only when it can answer it:
 *
 * <ul>
 *   <li>nothing follows it, or the words after it are about what was asked ("no, she failed
 *       verification"): it answers;
 *   <li>the words after it say the same of another fact ("no it hasn't been sent yet" is {@code
 *       order_dispatched = no}; "yes the parcel arrived broken"): the yes or no is that fact's, and
 *       the question stays open;
 *   <li>they say the other sense of another fact ("no, she's elderly"): the yes or no cannot be
 *       about that one, so it answers the question, and the other fact is read as well;
 *   <li>anything else ("no, she wants a refund", "no, she's gold") speaks of something the question
 *       does not ask about: a statement, read as a new message, and the question stays open.
 * </ul>
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
        || read.contains(answer.get())
        || !(answer.get().value() instanceof FactValue.Flag said)) {
      return answer;
    }
    if (aboutTheQuestion(text, spec, ask)) {
      return answer;
    }
    boolean sameOfAnother = false;
    boolean otherOfAnother = false;
    for (Fact f : read) {
      if (!f.name().equals(spec.name()) && f.value() instanceof FactValue.Flag flag) {
        sameOfAnother |= flag.value() == said.value();
        otherOfAnother |= flag.value() != said.value();
      }
    }
    return !sameOfAnother && otherOfAnother ? answer : Optional.empty();
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
