package dev.leeway.chat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent sends in one turn: their words, optional structured facts, today's date, and
 * whether the agent says it starts a new case.
 */
public record Message(String text, Map<String, Object> context, LocalDate today, boolean newCase) {
  public Message {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(today, "today");
    context =
        java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(context == null ? Map.of() : context));
  }

  /** A message within the case in hand (or one it turns out to start). */
  public Message(String text, Map<String, Object> context, LocalDate today) {
    this(text, context, today, false);
  }
}
