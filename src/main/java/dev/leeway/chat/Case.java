package dev.leeway.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer's case within a conversation: its number, when it started and the play it is about
 * (once one is settled).
 */
public record Case(int number, Instant started, Optional<String> playId, Optional<String> title) {
  public Case {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(playId, "playId");
    Objects.requireNonNull(title, "title");
  }

  static Case opened(int number, Instant at) {
    return new Case(number, at, Optional.empty(), Optional.empty());
  }

  Case about(String play, String playTitle) {
    return new Case(number, started, Optional.of(play), Optional.of(playTitle));
  }
}
