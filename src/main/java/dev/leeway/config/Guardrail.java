package dev.leeway.config;

import java.util.Objects;

/**
 * A situation that always takes the case out of an agent's hands, whatever the play or role says.
 *
 * @param when a condition over facts, in the same language as play conditions
 * @param to who takes the case
 */
public record Guardrail(String id, String when, String to, String reason) {
  public Guardrail {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
  }
}
