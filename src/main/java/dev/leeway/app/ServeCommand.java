package dev.leeway.app;

import dev.leeway.config.ServerConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts the server on embedded defaults, overridable by {@code LEEWAY_*} environment variables.
 */
@Command(name = "serve", description = "Start the server (the default command).")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "overrides LEEWAY_PORT (default 8080)")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    if (port != null) {
      config = config.withPort(port);
    }
    LeewayServer server;
    try {
      server = LeewayServer.start(config);
    } catch (InvalidPackException e) {
      spec.commandLine().getErr().println("leeway: not starting: the content is invalid");
      ValidateCommand.report(spec.commandLine().getErr(), e.problems());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    spec.commandLine()
        .getOut()
        .printf(
            "Leeway ready on http://localhost:%d/ with %d published plays, content revision %d"
                + " (%d ms: %s)%n",
            server.port(),
            server.plays(),
            server.contentRevision(),
            (System.nanoTime() - started) / 1_000_000,
            server.timings());
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
