package dev.leeway.chat;

import dev.leeway.match.MatchResult;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a conversation's case stands between two messages. Each message takes the conversation from
 * one state to the next in one {@link Dialogue} transition.
 */
public sealed interface DialogueState {

  /** The play the case is about, if one is settled. */
  default Optional<MatchResult.Matched> focus() {
    return Optional.empty();
  }

  /** The question waiting for the agent's answer, if any. */
  default Optional<FollowUp> pending() {
    return Optional.empty();
  }

  /** Nothing in hand: a new case, or one where nothing has fitted yet. */
  record Idle() implements DialogueState {}

  /** A play is in hand and nothing is asked: the next message adds to it or moves on. */
  record Answered(MatchResult.Matched plays) implements DialogueState {
    public Answered {
      Objects.requireNonNull(plays, "plays");
    }

    @Override
    public Optional<MatchResult.Matched> focus() {
      return Optional.of(plays);
    }
  }

  /** A play is in hand and one fact would settle more of it: the question waits for its answer. */
  record WaitingForFact(MatchResult.Matched plays, FollowUp.AskFact ask) implements DialogueState {
    public WaitingForFact {
      Objects.requireNonNull(plays, "plays");
      Objects.requireNonNull(ask, "ask");
    }

    @Override
    public Optional<MatchResult.Matched> focus() {
      return Optional.of(plays);
    }

    @Override
    public Optional<FollowUp> pending() {
      return Optional.of(ask);
    }
  }

  /**
   * Several plays fit and the agent is asked which: {@code options} are the plays offered, {@code
   * raised} the match that raised the question (shown again when the answer is no choice).
   */
  record WaitingForChoice(
      MatchResult.Matched options, FollowUp.ChoosePlay choose, MatchResult raised)
      implements DialogueState {
    public WaitingForChoice {
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(choose, "choose");
      Objects.requireNonNull(raised, "raised");
    }

    @Override
    public Optional<MatchResult.Matched> focus() {
      return Optional.of(options);
    }

    @Override
    public Optional<FollowUp> pending() {
      return Optional.of(choose);
    }
  }

  /**
   * A message looked like another customer's situation, but not clearly: the agent is asked "Is
   * this a new case?". {@code held} is that message, taken once the agent answers; {@code before}
   * is the case's state it would otherwise continue.
   */
  record WaitingForNewCaseConfirmation(
      Message held, DialogueState before, FollowUp.ConfirmNewCase confirm)
      implements DialogueState {
    public WaitingForNewCaseConfirmation {
      Objects.requireNonNull(held, "held");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(confirm, "confirm");
      if (before instanceof WaitingForNewCaseConfirmation) {
        throw new IllegalArgumentException("a confirmation cannot wait on another");
      }
    }

    @Override
    public Optional<MatchResult.Matched> focus() {
      return before.focus();
    }

    @Override
    public Optional<FollowUp> pending() {
      return Optional.of(confirm);
    }
  }
}
