package dev.leeway.config;

import java.util.Locale;

/** How soon a fired guardrail's team must take the case, as written in config and answers. */
public enum Urgency {
  /** Now, while the customer is still on the line (someone may be hurt or in danger). */
  IMMEDIATE,
  /** Before the end of the working day. */
  SAME_DAY,
  /** By the next working day. */
  NEXT_WORKING_DAY;

  /** The value as written in config and JSON: immediate, same_day, next_working_day. */
  public String written() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The urgency written as {@code text}, or null if none is. */
  public static Urgency parse(String text) {
    for (Urgency urgency : values()) {
      if (urgency.written().equals(text)) {
        return urgency;
      }
    }
    return null;
  }
}
