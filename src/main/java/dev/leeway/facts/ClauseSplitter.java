package dev.leeway.facts;

import dev.leeway.text.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a sentence's tokens into clauses, so that a negation or a cue only reaches the words of its
 * own clause: "she never got the first parcel, but the second one arrived" keeps "never" away from
 * "arrived". By the reading conventions a clause ends at a comma, a full stop, "and" or "but";
 * semicolons, brackets, spaced dashes and words such as "because" end one too.
 */
final class ClauseSplitter {

  // Punctuation that ends a clause; a hyphen only when spaced ("paid - twice"), not "twenty-five".
  // A colon is left out: "order total: $59.99" is one clause.
  private static final Set<String> BREAKS = Set.of(",", ";", "(", ")", "!", "?", ".", "...", "\"");

  // Words that always open a new clause.
  private static final Set<String> OPENERS =
      Set.of(
          "and",
          "but",
          "although",
          "though",
          "because",
          "cause",
          "whereas",
          "however",
          "while",
          "unless",
          "except");

  // Words that open a new clause only when a subject follows: "or she wants a refund".
  private static final Set<String> JOINERS = Set.of("or", "so", "then", "plus");

  // "and" inside a number ("two hundred and fifty dollars", "a week and a half") joins.
  private static final Set<String> NUMBER_WORDS =
      Set.of(
          "a",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty",
          "thirty",
          "forty",
          "fifty",
          "sixty",
          "seventy",
          "eighty",
          "ninety",
          "half");

  private ClauseSplitter() {}

  static void split(String text, List<Token> tokens, int from, int to, List<Clause> out) {
    int first = from;
    for (int i = from; i < to; i++) {
      Token token = tokens.get(i);
      if (i > first && startsLine(text, tokens.get(i - 1), token)) {
        // A new line in a chat message ends a thought even without punctuation.
        add(tokens, first, i, out);
        first = i;
      }
      if (isBreak(text, token)) {
        add(tokens, first, i, out);
        first = i + 1;
      } else if (i > first && opensClause(tokens, i, to)) {
        add(tokens, first, i, out);
        first = i;
      }
    }
    add(tokens, first, to, out);
  }

  private static boolean inNumber(Token before, Token after) {
    String previous = before.text().toLowerCase(Locale.ROOT);
    String next = after.text().toLowerCase(Locale.ROOT);
    return (previous.equals("hundred") || previous.equals("thousand") || isTimeUnit(previous))
        && (NUMBER_WORDS.contains(next) || after.tag().equals("NUM"));
  }

  private static boolean isTimeUnit(String word) {
    return word.matches("(?:hour|day|week|fortnight|month|year)s?");
  }

  private static boolean startsLine(String text, Token previous, Token token) {
    return text.substring(previous.end(), token.start()).indexOf('\n') >= 0;
  }

  private static void add(List<Token> tokens, int first, int last, List<Clause> out) {
    if (last > first) {
      out.add(new Clause(tokens.get(first).start(), tokens.get(last - 1).end(), first, last));
    }
  }

  private static boolean isBreak(String text, Token token) {
    String word = token.text();
    if (BREAKS.contains(word)) {
      return true;
    }
    // A dash between spaces separates clauses; inside a word it joins ("twenty-five").
    return word.equals("-")
        && token.start() > 0
        && token.end() < text.length()
        && text.charAt(token.start() - 1) == ' '
        && text.charAt(token.end()) == ' ';
  }

  private static boolean opensClause(List<Token> tokens, int i, int to) {
    String word = tokens.get(i).text().toLowerCase(Locale.ROOT);
    if (word.equals("and")
        && i + 1 < to
        && i > 0
        && inNumber(tokens.get(i - 1), tokens.get(i + 1))) {
      return false;
    }
    if (OPENERS.contains(word)) {
      return true;
    }
    if (!JOINERS.contains(word) || i + 1 >= to) {
      return false;
    }
    // "and she ...", "and it's ...": a pronoun subject starts a new clause.
    String next = tokens.get(i + 1).tag();
    if (next.startsWith("PRON")) {
      return true;
    }
    // "and the parcel was ...": a short noun phrase followed by a verb.
    if (next.equals("DET") || next.equals("PROPN") || next.equals("NOUN")) {
      for (int j = i + 2; j < Math.min(to, i + 5); j++) {
        String tag = tokens.get(j).tag();
        if (tag.startsWith("AUX") || tag.startsWith("VERB")) {
          return true;
        }
        if (!(tag.equals("NOUN")
            || tag.equals("PROPN")
            || tag.equals("ADJ")
            || tag.equals("DET"))) {
          return false;
        }
      }
    }
    return false;
  }
}
