package dev.leeway.playbook;

import dev.leeway.config.AuthorityMatrix;
import java.util.Objects;

/**
 * Everything decisions rest on, loaded and validated together: the authority matrix, the shared
 * facts and the plays.
 *
 * @param version a digest of every file's bytes, so that an answer can say exactly which content it
 *     came from and be replayed against it
 */
public record Content(
    AuthorityMatrix authority, FactCatalogue facts, Playbook playbook, String version) {
  public Content {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(playbook, "playbook");
    Objects.requireNonNull(version, "version");
  }
}
