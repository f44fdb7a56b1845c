package dev.leeway.playbook;

import java.util.List;
import java.util.Objects;

/** A fact a play depends on, with the question an agent asks the customer when it is unknown. */
public record FactSpec(String name, FactType type, String question, List<String> values) {
  public FactSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = List.copyOf(values == null ? List.of() : values);
  }
}
