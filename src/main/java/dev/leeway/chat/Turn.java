package dev.leeway.chat;

import java.time.Instant;
import java.util.Map;

/** One exchange in a conversation: what the agent sent and what Leeway replied. */
public record Turn(int number, Instant at, String text, Map<String, Object> context, Reply reply) {
  public Turn {
    context = Map.copyOf(context);
  }
}
