package dev.leeway.text;

import java.util.Objects;

/**
 * A word or punctuation mark with its character offsets in the analysed text and its Universal
 * Dependencies part-of-speech tag ("NOUN", "VERB", "AUX+PART" for a joined "hasn't").
 */
public record Token(String text, int start, int end, String tag) {
  public Token {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(tag, "tag");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }
}
