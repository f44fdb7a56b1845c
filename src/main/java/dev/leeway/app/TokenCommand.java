package dev.leeway.app;

import dev.leeway.auth.TokenStore;
import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Issues, revokes and lists API tokens, and changes users' roles, in the store. A running server
 * sees the change within a second.
 */
@Command(
    name = "token",
    description =
        "Manage users and API tokens (kept hashed in the store; a running server follows within a second).",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.Revoke.class,
      TokenCommand.ChangeRole.class,
      TokenCommand.ListTokens.class
    })
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The authority matrix, to check a role against; null after reporting why it did not load. */
  static AuthorityMatrix authority(Path configOption, PrintWriter err) {
    ServerConfig server = ServerConfig.fromEnvironment(System.getenv());
    Path authority =
        (configOption != null ? configOption : server.configDir()).resolve("authority.yaml");
    switch (AuthorityLoader.load(authority)) {
      case LoadResult.Invalid<AuthorityMatrix> invalid -> {
        ValidateCommand.report(err, invalid.problems());
        return null;
      }
      case LoadResult.Loaded<AuthorityMatrix> loaded -> {
        return loaded.value();
      }
    }
  }

  /** Whether {@code role} is defined; says which roles are when not. */
  static boolean known(AuthorityMatrix matrix, String role, PrintWriter err) {
    if (matrix.role(role).isPresent()) {
      return true;
    }
    err.println(
        "leeway: unknown role '"
            + role
            + "' (roles: "
            + String.join(", ", matrix.roles().keySet())
            + ")");
    return false;
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

    @Mixin StoreOptions store;

    @Option(
        names = "--config",
        paramLabel = "DIR",
        description = "config folder (default: LEEWAY_CONFIG_DIR or config)")
    Path config;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      AuthorityMatrix matrix = authority(config, err);
      if (matrix == null) {
        return 1;
      }
      if (!known(matrix, role, err)) {
        return 2;
      }
      String token =
          TokenStore.using(
              store.settings(),
              tokens -> tokens.issue(TokenStore.operator(), user, role, Instant.now()));
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

    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      int revoked =
          TokenStore.using(
              store.settings(),
              tokens -> tokens.revoke(TokenStore.operator(), user, Instant.now()));
      spec.commandLine()
          .getOut()
          .println("revoked " + revoked + " token" + (revoked == 1 ? "" : "s") + " of " + user);
      return revoked > 0 ? 0 : 1;
    }
  }

  @Command(
      name = "role",
      description =
          "Change a user's role; every token they hold follows and their open sessions close.")
  static final class ChangeRole implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--user", required = true, paramLabel = "NAME")
    String user;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "a role from config/authority.yaml")
    String role;

    @Mixin StoreOptions store;

    @Option(
        names = "--config",
        paramLabel = "DIR",
        description = "config folder (default: LEEWAY_CONFIG_DIR or config)")
    Path config;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      AuthorityMatrix matrix = authority(config, err);
      if (matrix == null) {
        return 1;
      }
      if (!known(matrix, role, err)) {
        return 2;
      }
      Optional<String> before =
          TokenStore.using(
              store.settings(),
              tokens -> tokens.changeRole(TokenStore.operator(), user, role, Instant.now()));
      if (before.isEmpty()) {
        err.println("leeway: no user '" + user + "' (issue a token with 'leeway token create')");
        return 1;
      }
      spec.commandLine()
          .getOut()
          .println(
              before.get().equals(role)
                  ? user + " already has the role " + role
                  : user + ": role changed from " + before.get() + " to " + role);
      return 0;
    }
  }

  @Command(
      name = "list",
      description = "List users with their roles and token dates (never the tokens).")
  static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      for (TokenStore.Entry e : TokenStore.using(store.settings(), TokenStore::entries)) {
        out.printf(
            "%-20s %-14s %s issued %s%s%n",
            e.user(), e.role(), e.id(), e.created(), e.active() ? "" : ", revoked " + e.revoked());
      }
      return 0;
    }
  }
}
