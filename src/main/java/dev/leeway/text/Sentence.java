package dev.leeway.text;

import java.util.List;

/** A sentence of an analysed text: its character offsets and its tokens, in order. */
public record Sentence(int start, int end, List<Token> tokens) {
  public Sentence {
    tokens = List.copyOf(tokens);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }
}
