package dev.leeway.playbook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A condition under which the normal rule is bent, and what that allows.
 *
 * @param allows ids of this play's actions the exception permits even when their normal rule fails
 * @param maxAmount an optional cap under the exception, which may exceed the role's usual limit
 */
public record PolicyException(
    String id,
    String when,
    List<String> allows,
    BigDecimal maxAmount,
    String policy,
    String description) {
  public PolicyException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    allows = List.copyOf(allows == null ? List.of() : allows);
  }
}
