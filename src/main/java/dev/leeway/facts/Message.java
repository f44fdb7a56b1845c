package dev.leeway.facts;

import dev.leeway.text.Sentence;
import dev.leeway.text.SentenceTagger;
import dev.leeway.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * One message prepared for the finders: the text with typographic characters made plain (same
 * length, so offsets still point into the original), its lower-case form for the patterns, the
 * OpenNLP tokens and the clauses they fall into.
 */
final class Message {

  final String text;
  final String lower;
  final List<Token> tokens;
  final List<Clause> clauses;
  private final int[] clauseOfToken;

  private Message(String text, String lower, List<Token> tokens, List<Clause> clauses) {
    this.text = text;
    this.lower = lower;
    this.tokens = tokens;
    this.clauses = clauses;
    this.clauseOfToken = new int[tokens.size()];
    for (int c = 0; c < clauses.size(); c++) {
      for (int t = clauses.get(c).first(); t < clauses.get(c).last(); t++) {
        clauseOfToken[t] = c;
      }
    }
  }

  static Message read(String text, SentenceTagger tagger) {
    String plain = plain(text);
    List<Token> tokens = new ArrayList<>();
    List<Clause> clauses = new ArrayList<>();
    for (Sentence sentence : tagger.sentences(plain)) {
      int offset = tokens.size();
      tokens.addAll(sentence.tokens());
      ClauseSplitter.split(plain, tokens, offset, tokens.size(), clauses);
    }
    return new Message(text, respelled(lower(plain)), List.copyOf(tokens), List.copyOf(clauses));
  }

  /**
   * Curly quotes confuse the tokenizer ("hasn’t" comes back as punctuation) and every pattern would
   * need both forms; each replacement keeps the length, so offsets stay valid.
   */
  static String plain(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] =
          switch (chars[i]) {
            case '\u2018', '\u2019', '\u02bc', '\u00b4', '`' -> '\'';
            case '\u201c', '\u201d' -> '"';
            case '\u2013', '\u2014', '\u2212' -> '-';
            case '\u00a0', '\u2009', '\u202f', '\t' -> ' ';
            default -> chars[i];
          };
    }
    return new String(chars);
  }

  // Character by character, unlike String.toLowerCase, so that no character changes length.
  private static String lower(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(chars[i]);
    }
    return new String(chars);
  }

  // Misspellings that keep the length, so offsets stay valid: "recieved", "reciept".
  private static final java.util.regex.Pattern SWAPPED = java.util.regex.Pattern.compile("recie");

  private static String respelled(String lower) {
    return SWAPPED.matcher(lower).replaceAll("recei");
  }

  /** The index of the token covering the offset, or of the next token after it. */
  int tokenAt(int offset) {
    int low = 0;
    int high = tokens.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (tokens.get(mid).end() <= offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * The clause holding the character at the offset (the last clause for an offset past the end).
   */
  Clause clauseAt(int offset) {
    if (clauses.isEmpty()) {
      return new Clause(0, text.length(), 0, 0);
    }
    int token = Math.min(tokenAt(offset), tokens.size() - 1);
    return clauses.get(clauseOfToken[token]);
  }

  /** How many tokens lie strictly between two character ranges (0 when they touch or overlap). */
  int tokensBetween(int aStart, int aEnd, int bStart, int bEnd) {
    if (aEnd <= bStart) {
      return Math.max(0, tokenAt(bStart) - tokenAt(aEnd - 1) - 1);
    }
    if (bEnd <= aStart) {
      return Math.max(0, tokenAt(aStart) - tokenAt(bEnd - 1) - 1);
    }
    return 0;
  }
}
