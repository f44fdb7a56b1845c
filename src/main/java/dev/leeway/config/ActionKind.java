package dev.leeway.config;

import java.util.Objects;

/**
 * A kind of action plays may offer (refund, reship...), as declared in the authority matrix.
 *
 * @param monetary whether the action moves money, so that amount limits apply to it
 */
public record ActionKind(String id, boolean monetary, String label) {
  public ActionKind {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
  }
}
