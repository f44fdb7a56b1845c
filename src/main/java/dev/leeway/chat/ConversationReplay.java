package dev.leeway.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Rebuilds a conversation from its turns as sent. Answers are deterministic (same facts, same
 * content, same answer), so taking the same messages again gives the same state: the facts, the
 * play in focus and the question waiting, without storing any of them.
 */
public final class ConversationReplay {

  /** One turn as the agent sent it, and when. */
  public record SentTurn(Instant at, Message message) {}

  private final Advisor advisor;

  public ConversationReplay(Advisor advisor) {
    this.advisor = advisor;
  }

  /** The conversation after {@code turns}, each taken at its own time; records no gaps again. */
  public Conversation rebuild(
      String id, String owner, String role, Instant created, List<SentTurn> turns) {
    Conversation conversation = new Conversation(id, owner, role, created);
    Stepping clock = new Stepping(created);
    Dialogue dialogue = new Dialogue(advisor, new Gaps(1), clock);
    for (SentTurn turn : turns) {
      clock.at = turn.at();
      dialogue.take(conversation, turn.message());
    }
    return conversation;
  }

  /** The clock a replayed turn reads: the time the turn was first taken. */
  private static final class Stepping extends Clock {
    private Instant at;

    Stepping(Instant at) {
      this.at = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return at;
    }
  }
}
