package dev.leeway.app;

import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.Playbook;
import dev.leeway.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a playbook folder, the authority matrix and the shared facts, printing every problem with
 * file and line.
 */
@Command(name = "validate", description = "Validate a playbook folder (default: playbooks).")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "playbook folder")
  Path dir = PlaybookLoader.DEFAULT_DIR;

  @Option(
      names = "--config",
      paramLabel = "DIR",
      description = "config folder (default: the config folder beside DIR)")
  Path config;

  @Option(
      names = "--authority",
      paramLabel = "FILE",
      description = "authority matrix (default: authority.yaml in the config folder)")
  Path authority;

  @Option(
      names = "--facts",
      paramLabel = "FILE",
      description = "shared facts (default: facts.yaml in the config folder)")
  Path facts;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (!java.nio.file.Files.isDirectory(dir)) {
      // Before the config: its place follows from the pack's, which is not there.
      report(err, List.of(new Problem(dir, 0, "", "no such folder")));
      return 1;
    }
    Path configDir = config != null ? config : dev.leeway.config.ServerConfig.configBeside(dir);
    Path authorityFile = authority != null ? authority : configDir.resolve("authority.yaml");
    Path factsFile = facts != null ? facts : configDir.resolve("facts.yaml");
    switch (ContentLoader.load(dir, authorityFile, factsFile)) {
      case LoadResult.Invalid<Content> invalid -> {
        report(err, invalid.problems());
        return 1;
      }
      case LoadResult.Loaded<Content> loaded -> {
        Playbook pack = loaded.value().playbook();
        out.printf(
            "%s: %d plays valid (%d published)%n", dir, pack.size(), pack.published().size());
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
