package dev.leeway.app;

import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Playbook;
import dev.leeway.playbook.PlaybookLoader;
import java.nio.file.Path;

/** Loads the authority matrix and then the playbook folder that is validated against it. */
final class Packs {
  private Packs() {}

  static LoadResult<Playbook> load(Path playbooks, Path authorityFile) {
    return switch (AuthorityLoader.load(authorityFile)) {
      case LoadResult.Invalid<AuthorityMatrix> invalid -> new LoadResult.Invalid<>(invalid.problems());
      case LoadResult.Loaded<AuthorityMatrix> matrix -> PlaybookLoader.load(playbooks, matrix.value());
    };
  }
}
