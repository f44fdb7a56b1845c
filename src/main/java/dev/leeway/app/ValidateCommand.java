package dev.leeway.app;

import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.FactCatalogueLoader;
import dev.leeway.playbook.Playbook;
import dev.leeway.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Checks a playbook folder, the authority matrix and the shared facts, printing every problem with file and line. */
@Command(name = "validate", description = "Validate a playbook folder (default: playbooks).")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "playbook folder")
  Path dir = PlaybookLoader.DEFAULT_DIR;

  @Option(names = "--authority", paramLabel = "FILE", description = "authority matrix (default: ${DEFAULT-VALUE})")
  Path authority = AuthorityLoader.DEFAULT_FILE;

  @Option(names = "--facts", paramLabel = "FILE", description = "shared facts (default: ${DEFAULT-VALUE})")
  Path facts = FactCatalogueLoader.DEFAULT_FILE;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    switch (ContentLoader.load(dir, authority, facts)) {
      case LoadResult.Invalid<Content> invalid -> {
        report(err, invalid.problems());
        return 1;
      }
      case LoadResult.Loaded<Content> loaded -> {
        Playbook pack = loaded.value().playbook();
        out.printf("%s: %d plays valid (%d published)%n", dir, pack.size(), pack.published().size());
        return 0;
      }
    }
  }

  /** Prints each problem on its own line, then how many there were. */
  public static void report(java.io.PrintWriter err, List<Problem> problems) {
    problems.forEach(p -> err.println(p.format()));
    err.printf("%d problem%s%n", problems.size(), problems.size() == 1 ? "" : "s");
  }
}
