package dev.leeway.facts;

import dev.leeway.text.Token;
import java.util.Locale;
import java.util.Set;

/**
 * Finds a negation that governs a cue: a negating word in the same clause, a few tokens before it
 * ("never received", "hasn't actually shipped", "no receipt", "yet to send").
 */
final class Negation {

  // How far back a negation reaches: "has not yet been delivered" is three tokens.
  private static final int REACH = 5;

  private static final Set<String> WORDS =
      Set.of(
          "not",
          "no",
          "never",
          "without",
          "nothing",
          "neither",
          "nor",
          "cannot",
          "none",
          "unable",
          "refuses",
          "refused",
          "refusing",
          "didnt",
          "doesnt",
          "dont",
          "hasnt",
          "havent",
          "hadnt",
          "isnt",
          "wasnt",
          "werent",
          "arent",
          "cant",
          "wont",
          "couldnt",
          "wouldnt",
          "shouldnt",
          "aint",
          "nt",
          "mustnt",
          "neednt");

  // Words that end a negation's reach even inside a clause: a new subject or a relative clause.
  private static final Set<String> BARRIERS =
      Set.of("that", "which", "who", "whether", "if", "when", "until");

  private Negation() {}

  /** The start offset of the negation governing a cue that starts at {@code cueStart}, or -1. */
  static int before(Message message, int cueStart) {
    Clause clause = message.clauseAt(cueStart);
    int cue = message.tokenAt(cueStart);
    int stop = Math.max(clause.first(), cue - REACH);
    for (int i = cue - 1; i >= stop; i--) {
      Token token = message.tokens.get(i);
      String word = token.text().toLowerCase(Locale.ROOT).replace("'", "");
      if (isNegation(word, message, i)) {
        return token.start();
      }
      if (BARRIERS.contains(word)) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isNegation(String word, Message message, int i) {
    if (WORDS.contains(word)
        || message.tokens.get(i).text().toLowerCase(Locale.ROOT).endsWith("n't")) {
      return true;
    }
    // "yet to send", "still to arrive".
    if ((word.equals("yet") || word.equals("still")) && i + 1 < message.tokens.size()) {
      return message.tokens.get(i + 1).text().equalsIgnoreCase("to");
    }
    return false;
  }
}
