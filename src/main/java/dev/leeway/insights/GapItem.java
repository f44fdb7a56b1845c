package dev.leeway.insights;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing agents asked that Leeway did not answer well.
 *
 * @param text what the agent typed (redacted as stored)
 * @param play for a gap, the nearest play that fell short; for an answer marked wrong, the play the
 *     agent named as the right one, else the play marked wrong
 */
public record GapItem(Instant at, Source source, String role, String text, Optional<String> play) {

  /** Where it comes from. */
  public enum Source {
    /** No play fitted (the gaps table). */
    NO_MATCH("no_match"),
    /** An agent marked the answer wrong (feedback). */
    MARKED_WRONG("marked_wrong");

    private final String id;

    Source(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public GapItem {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(play, "play");
  }
}
