package dev.leeway.chat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What the agent sends in one turn: their words, optional structured facts, and today's date. */
public record Message(String text, Map<String, Object> context, LocalDate today) {
  public Message {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(today, "today");
    context =
        java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(context == null ? Map.of() : context));
  }
}
