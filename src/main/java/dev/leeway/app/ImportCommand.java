package dev.leeway.app;

import dev.leeway.curate.ContentRevisions;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Makes a content folder the store's published content: validated first with {@code validate}'s
 * checks and messages, then what changed stored as one new revision, all or nothing. Running
 * servers on the store pick it up without a restart.
 */
@Command(
    name = "import",
    description =
        "Validate DIR (DIR/playbooks, DIR/config/authority.yaml, DIR/config/facts.yaml) and store"
            + " what changed as one new content revision; nothing is stored if anything is invalid.")
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "the content folder")
  Path dir;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "who makes the change (default: the operating system's user)")
  String by = System.getProperty("user.name", "unknown");

  @Option(
      names = "--why",
      paramLabel = "TEXT",
      description = "why (default: \"imported from DIR\")")
  String why;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      ValidateCommand.report(err, List.of(new Problem(dir, 0, "", "no such folder")));
      return 1;
    }
    if (ContentLoader.load(
            ContentFiles.playbooksIn(dir), ContentFiles.authorityIn(dir), ContentFiles.factsIn(dir))
        instanceof LoadResult.Invalid<Content> invalid) {
      err.println("leeway: nothing imported: the content is invalid");
      ValidateCommand.report(err, invalid.problems());
      return 1;
    }
    ContentFiles files = ContentFiles.readFolder(dir);
    String reason = why != null ? why : "imported from " + dir;
    try (Store store = Store.open(storeOptions.settings())) {
      ContentRevisions revisions = new ContentRevisions(store, java.time.Clock.systemUTC());
      switch (revisions.replace(files, by, reason)) {
        case ContentRevisions.Stored stored -> {
          out.printf(
              "stored revision %d: %d file%s changed (%s)%n",
              stored.revision(),
              stored.changed().size(),
              stored.changed().size() == 1 ? "" : "s",
              String.join(", ", stored.changed()));
          out.flush();
          return 0;
        }
        case ContentRevisions.Unchanged unchanged -> {
          out.printf("nothing changed: the store is at revision %d%n", unchanged.revision());
          out.flush();
          return 0;
        }
        case ContentRevisions.Invalid invalid -> {
          err.println("leeway: nothing imported: the content is invalid");
          ValidateCommand.report(err, invalid.problems());
          return 1;
        }
        case ContentRevisions.Conflicted conflicted -> {
          err.println("leeway: nothing imported: " + conflicted.message());
          return 1;
        }
      }
    }
  }
}
