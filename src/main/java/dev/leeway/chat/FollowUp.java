package dev.leeway.chat;

import java.util.List;

/** The one question a reply asks, whose answer the next turn uses. */
public sealed interface FollowUp {

  /** The question as shown to the agent. */
  String question();

  /** A fact that would change a decision: ask the customer (or check) and tell Leeway. */
  record AskFact(String playId, String fact, String question) implements FollowUp {}

  /** Two plays fit about equally: which situation is it? */
  record ChoosePlay(String question, List<Option> options) implements FollowUp {
    public ChoosePlay {
      options = List.copyOf(options);
    }
  }

  /**
   * The message may be about another customer: is it a new case? A yes takes the message as the
   * first of a new case, a no as part of the case in hand.
   */
  record ConfirmNewCase(String question) implements FollowUp {
    public static final String QUESTION = "Is this a new case?";

    public ConfirmNewCase() {
      this(QUESTION);
    }
  }

  /** One choice of a {@link ChoosePlay}. */
  record Option(String playId, String title) {}
}
