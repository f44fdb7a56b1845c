package dev.leeway.facts;

import java.util.Objects;

/** Where a fact came from, so that every answer can show its evidence. */
public sealed interface FactSource {

  /**
   * Words in a message: the exact span and its character offsets in that message.
   *
   * @param turn the message's number in a conversation, 1 for a single question
   */
  record Text(int turn, int start, int end, String span) implements FactSource {
    public Text {
      Objects.requireNonNull(span, "span");
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad span " + start + ".." + end);
      }
    }
  }

  /** A structured field sent by the caller (a helpdesk, a CLI {@code --fact}). */
  record Context(String field) implements FactSource {
    public Context {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * A configured assumption for a fact nobody mentioned ({@code assume} in facts.yaml, or a fact's
   * {@code default}).
   */
  record Assumed() implements FactSource {}

  /**
   * Worked out from other facts by the play's definition of it ({@code derive}).
   *
   * @param from the facts it was worked out from
   */
  record Derived(java.util.List<String> from) implements FactSource {
    public Derived {
      from = java.util.List.copyOf(from);
    }
  }
}
