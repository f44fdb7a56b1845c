package dev.leeway.auth;

import java.util.Objects;

/** Who is asking: a person's name and the role whose authority their answers use. */
public record User(String name, String role) {
  public User {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
