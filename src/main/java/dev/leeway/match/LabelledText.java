package dev.leeway.match;

import java.util.Objects;

/** One row of an evaluation data set: a text and its label (the play it should match). */
public record LabelledText(String text, String label) {
  public LabelledText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
  }
}
