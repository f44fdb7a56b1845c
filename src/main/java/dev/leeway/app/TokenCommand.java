package dev.leeway.app;

import dev.leeway.auth.TokenStore;
import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.LoadResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Issues, revokes and lists API tokens in the data folder. */
@Command(
    name = "token",
    description = "Manage API tokens (stored hashed in the data folder).",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.Revoke.class,
      TokenCommand.ListTokens.class
    })
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Path dataDir(Path option) {
    return option != null ? option : ServerConfig.fromEnvironment(System.getenv()).dataDir();
  }

  @Command(
      name = "create",
      description = "Issue a token for a user; it is printed once and never stored.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "NAME")
    String user;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "a role from config/authority.yaml")
    String role;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "data folder (default: LEEWAY_DATA_DIR or data)")
    Path data;

    @Option(
        names = "--config",
        paramLabel = "DIR",
        description = "config folder (default: LEEWAY_CONFIG_DIR or config)")
    Path config;

    @Override
    public Integer call() {
      var err = spec.commandLine().getErr();
      ServerConfig server = ServerConfig.fromEnvironment(System.getenv());
      Path authority = (config != null ? config : server.configDir()).resolve("authority.yaml");
      AuthorityMatrix matrix;
      switch (AuthorityLoader.load(authority)) {
        case LoadResult.Invalid<AuthorityMatrix> invalid -> {
          ValidateCommand.report(err, invalid.problems());
          return 1;
        }
        case LoadResult.Loaded<AuthorityMatrix> loaded -> matrix = loaded.value();
      }
      if (matrix.role(role).isEmpty()) {
        err.println(
            "leeway: unknown role '"
                + role
                + "' (roles: "
                + String.join(", ", matrix.roles().keySet())
                + ")");
        return 2;
      }
      String token = TokenStore.open(dataDir(data)).issue(user, role, Instant.now());
      var out = spec.commandLine().getOut();
      out.println(token);
      out.flush();
      err.println("Token for " + user + " (" + role + "). Store it now: it is not shown again.");
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke every token of a user.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "NAME")
    String user;

    @Option(names = "--data", paramLabel = "DIR")
    Path data;

    @Override
    public Integer call() {
      int revoked = TokenStore.open(dataDir(data)).revoke(user, Instant.now());
      spec.commandLine()
          .getOut()
          .println("revoked " + revoked + " token" + (revoked == 1 ? "" : "s") + " of " + user);
      return revoked > 0 ? 0 : 1;
    }
  }

  @Command(
      name = "list",
      description = "List users with their roles and token dates (never the tokens).")
  static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR")
    Path data;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      for (TokenStore.Entry e : TokenStore.open(dataDir(data)).entries()) {
        out.printf(
            "%-20s %-14s issued %s%s%n",
            e.user(), e.role(), e.created(), e.active() ? "" : ", revoked " + e.revoked());
      }
      return 0;
    }
  }
}
