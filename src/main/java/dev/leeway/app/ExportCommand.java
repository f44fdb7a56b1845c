package dev.leeway.app;

import dev.leeway.curate.ContentRevisions;
import dev.leeway.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the store's published content (or an earlier revision) as a content folder. */
@Command(
    name = "export",
    description =
        "Write the store's published content to DIR as YAML: DIR/playbooks and DIR/config, as"
            + " the loader reads them.")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "the folder to write")
  Path dir;

  @Option(
      names = "--revision",
      paramLabel = "N",
      description = "an earlier revision instead of the published one")
  Long revision;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Store store = Store.open(storeOptions.settings())) {
      var read = StoredRevision.read(store, revision, "", err);
      if (read.isEmpty()) {
        return 1;
      }
      ContentRevisions.Published published = read.get();
      published.files().write(dir);
      out.printf(
          "wrote revision %d to %s: %d plays, %s, %s%n",
          published.revision(),
          dir,
          published.files().plays().size(),
          dev.leeway.playbook.ContentFiles.AUTHORITY,
          dev.leeway.playbook.ContentFiles.FACTS);
      out.flush();
      return 0;
    }
  }
}
