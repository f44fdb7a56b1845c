package dev.leeway.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds a conversation from its turns as sent. Answers are deterministic (same facts, same
 * content, same answer), so taking the same messages again gives the same state: the facts, the
 * play in focus and the question waiting, without storing any of them. A case the agent opened
 * explicitly (the button, {@code new_case}) is opened again where the stored case numbers say so.
 */
public final class ConversationReplay {

  /**
   * One turn as the agent sent it, and when.
   *
   * @param caseNumber the case it was taken in, or 0 when not known (it is then taken as it comes)
   */
  public record SentTurn(Instant at, Message message, int caseNumber) {
    public SentTurn(Instant at, Message message) {
      this(at, message, 0);
    }
  }

  /**
   * The case the conversation was in after its last turn, if a later one was opened with no turn
   * yet.
   */
  public record OpenCase(int number, Instant started) {}

  private final Advisor advisor;

  public ConversationReplay(Advisor advisor) {
    this.advisor = advisor;
  }

  /** The conversation after {@code turns}, each taken at its own time; records no gaps again. */
  public Conversation rebuild(
      String id, String owner, String role, Instant created, List<SentTurn> turns) {
    return rebuild(id, owner, role, created, turns, Optional.empty());
  }

  /** As above, then opening cases up to {@code last} if it is later than the last turn's. */
  public Conversation rebuild(
      String id,
      String owner,
      String role,
      Instant created,
      List<SentTurn> turns,
      Optional<OpenCase> last) {
    Conversation conversation = new Conversation(id, owner, role, created);
    Stepping clock = new Stepping(created);
    Dialogue dialogue = new Dialogue(advisor, new Gaps(1), clock);
    for (SentTurn turn : turns) {
      clock.at = turn.at();
      if (turn.caseNumber() > conversation.caseNumber()) {
        Conversation.Snapshot before = conversation.snapshot();
        boolean opensItself = dialogue.step(conversation, before, turn.message()).caseStarted();
        if (!opensItself) {
          conversation.newCase(turn.at());
        }
      }
      dialogue.turn(conversation, turn.message());
    }
    if (last.isPresent()) {
      while (conversation.caseNumber() < last.get().number()) {
        int before = conversation.caseNumber();
        if (conversation.newCase(last.get().started()) == before) {
          break; // the case in hand has no turn: it is the one opened
        }
      }
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
