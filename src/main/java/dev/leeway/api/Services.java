package dev.leeway.api;

import dev.leeway.auth.TokenStore;
import dev.leeway.chat.Advisor;
import dev.leeway.chat.Conversations;
import dev.leeway.chat.Dialogue;
import dev.leeway.chat.Gaps;
import dev.leeway.chat.LiveContent;
import dev.leeway.match.Matcher;
import java.time.Clock;

/**
 * What the HTTP and WebSocket handlers work with: the plain classes behind the API. The content is
 * live: each answer takes {@link #advisor()} (or {@link #dialogue()}) once and finishes on it.
 */
public record Services(
    LiveContent content,
    Conversations conversations,
    Gaps gaps,
    Archive archive,
    TokenStore tokens,
    LeewayMetrics metrics,
    Limits limits,
    Clock clock,
    Workspace workspace) {

  /** The snapshot to decide the next answer on. */
  public Advisor advisor() {
    return content.current();
  }

  /** A conversation's next turn, on the current snapshot. */
  public Dialogue dialogue() {
    return new Dialogue(content.current(), gaps, clock);
  }

  /** The matcher of the current snapshot. */
  public Matcher matcher() {
    return content.current().matcher();
  }
}
