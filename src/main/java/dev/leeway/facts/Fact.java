package dev.leeway.facts;

import java.util.Objects;

/**
 * One thing known about the customer's situation, with its evidence.
 *
 * @param confidence how sure the source is, in (0, 1]: 1 for context fields, lower for readings of
 *     text that could mean something else ("again" read as a second time)
 */
public record Fact(String name, FactValue value, FactSource source, double confidence) {
  public Fact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    if (!(confidence > 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1], was " + confidence);
    }
  }
}
