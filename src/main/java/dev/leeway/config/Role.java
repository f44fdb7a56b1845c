package dev.leeway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A role in the authority matrix: its limits per action kind and who approves beyond them.
 *
 * @param approver the id of the role that approves what exceeds these limits; null for the top role
 * @param limits per action kind id; a kind that is absent is outside this role's authority
 */
public record Role(String id, String label, String approver, Map<String, Limit> limits) {
  public Role {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    // Keep the file's order: it is how people read and print the matrix.
    limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits == null ? Map.of() : limits));
  }

  /** The limit for an action kind, or empty when the kind is outside this role's authority. */
  public Optional<Limit> limit(String kind) {
    return Optional.ofNullable(limits.get(kind));
  }
}
