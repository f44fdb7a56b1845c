package dev.leeway.config;

import java.util.Objects;

/**
 * Where a case goes when nothing in the pack fits, or when even the top role may not decide it.
 *
 * @param how what the agent does to hand it over, in words the agent can follow
 */
public record EscalationPath(String to, String how) {
  public EscalationPath {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(how, "how");
  }
}
