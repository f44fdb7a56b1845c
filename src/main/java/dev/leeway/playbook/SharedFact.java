package dev.leeway.playbook;

import java.util.Objects;

/**
 * A fact in the shared vocabulary ({@code config/facts.yaml}).
 *
 * @param assume the value a boolean flag reads as until someone says otherwise, or null for none
 */
public record SharedFact(FactSpec spec, Boolean assume) {
  public SharedFact {
    Objects.requireNonNull(spec, "spec");
    if (assume != null && spec.type() != FactType.BOOLEAN) {
      throw new IllegalArgumentException("only boolean facts may have assume: " + spec.name());
    }
  }
}
