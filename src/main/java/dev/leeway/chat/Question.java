package dev.leeway.chat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One situation put to Leeway: the agent's words, structured context, who is asking, and the date
 * relative durations count from (part of the question so that an answer can be replayed).
 *
 * @param context fact name to raw value (string, number or boolean), as sent by the caller
 */
public record Question(String text, Map<String, Object> context, String role, LocalDate today) {
  public Question {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(today, "today");
    context =
        java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(context == null ? Map.of() : context));
  }
}
