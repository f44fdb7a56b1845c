package dev.leeway.chat;

import java.time.Instant;
import java.util.List;

/**
 * A situation no play fitted: what supervisors read to decide which play to write next.
 *
 * @param nearest the closest plays that fell short, as "play id (confidence)"
 */
public record Gap(
    Instant at,
    String conversationId,
    String role,
    String text,
    String reason,
    List<String> nearest) {
  public Gap {
    nearest = List.copyOf(nearest);
  }
}
