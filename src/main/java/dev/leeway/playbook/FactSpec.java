package dev.leeway.playbook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fact a play depends on, with the question an agent asks the customer when it is unknown.
 *
 * @param defaultValue the value assumed while the fact is unknown, as written in YAML; null for
 *     none
 * @param derive an expression over other facts that gives this fact's value; null for none
 * @param cues phrases that set the fact when an agent types them: per enum value, or per {@code
 *     true}/{@code false} for a boolean
 */
public record FactSpec(
    String name,
    FactType type,
    String question,
    List<String> values,
    @JsonProperty("default") String defaultValue,
    String derive,
    Map<String, List<String>> cues) {
  public FactSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = List.copyOf(values == null ? List.of() : values);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (cues != null) {
      cues.forEach(
          (value, phrases) -> copy.put(value, List.copyOf(phrases == null ? List.of() : phrases)));
    }
    cues = java.util.Collections.unmodifiableMap(copy);
  }

  /** A fact with no default, derivation or cue words. */
  public FactSpec(String name, FactType type, String question, List<String> values) {
    this(name, type, question, values, null, null, null);
  }

  public Optional<String> derivation() {
    return derive == null || derive.isBlank() ? Optional.empty() : Optional.of(derive);
  }
}
