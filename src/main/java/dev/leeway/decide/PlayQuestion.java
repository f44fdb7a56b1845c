package dev.leeway.decide;

import java.util.List;
import java.util.Objects;

/**
 * The one question an answer asks about a play: the unknown fact whose answer settles the most of
 * its open actions.
 *
 * @param fact the fact asked about
 * @param text the question to put to the customer
 * @param settles the ids of the actions whose verdict the answer settles, in the play's order
 */
public record PlayQuestion(String fact, String text, List<String> settles) {
  public PlayQuestion {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(text, "text");
    settles = List.copyOf(settles);
  }
}
