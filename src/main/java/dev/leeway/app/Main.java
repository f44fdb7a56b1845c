package dev.leeway.app;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code leeway} command line: {@code serve} (the default), {@code validate}, {@code ask},
 * {@code replay}, {@code import}, {@code export}, {@code token}, {@code eval}, {@code bench-match},
 * {@code bench-decide}, {@code bench} and {@code bench-abuse}.
 */
@Command(
    name = "leeway",
    mixinStandardHelpOptions = true,
    version = "leeway 0.1.0",
    description = "Decision support for frontline customer-service agents.",
    subcommands = {
      ServeCommand.class,
      ValidateCommand.class,
      AskCommand.class,
      ReplayCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      TokenCommand.class,
      AuditCommand.class,
      EvalCommand.class
    })
public final class Main implements Runnable {

  // Held in a field: JUL keeps loggers weakly, and a collected logger forgets its level.
  private static final java.util.logging.Logger LUCENE_VECTORS =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  public static void main(String[] args) {
    // Lucene announces its vector support at INFO on every start; agents' terminals need not see
    // it.
    LUCENE_VECTORS.setLevel(java.util.logging.Level.WARNING);
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for tests. */
  public static int run(String... args) {
    // With no subcommand, serve: the newcomer's one command is `java -jar target/leeway.jar`.
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    CommandLine cli = new CommandLine(new Main());
    // The benchmarks (bench-match, bench-decide, bench) and any other command kept outside this
    // package.
    for (Subcommand command : ServiceLoader.load(Subcommand.class, Main.class.getClassLoader())) {
      cli.addSubcommand(command);
    }
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          // Users get the reason, not a stack trace; the cause is what they can act on.
          cmd.getErr()
              .println("leeway: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          if (System.getenv("LEEWAY_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    return cli.execute(effective);
  }

  @Override
  public void run() {
    // Unreachable: run() maps no arguments to "serve"; picocli needs a body for the parent command.
  }
}
