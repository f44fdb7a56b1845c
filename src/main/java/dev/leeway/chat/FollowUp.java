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

  /** One choice of a {@link ChoosePlay}. */
  record Option(String playId, String title) {}
}
