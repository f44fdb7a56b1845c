package dev.leeway.text;

import java.util.List;

/**
 * A text's analysed terms in order, each with its position increment as an index would see it: 0
 * for a synonym stacked on the term before (a match that does not add to the field's length), more
 * than 1 after a dropped token such as punctuation.
 */
public record AnalysedText(List<String> terms, int[] increments) {
  public AnalysedText {
    terms = List.copyOf(terms);
    increments = increments.clone();
    if (increments.length != terms.size()) {
      throw new IllegalArgumentException(
          terms.size() + " terms but " + increments.length + " position increments");
    }
  }

  public int increment(int i) {
    return increments[i];
  }
}
