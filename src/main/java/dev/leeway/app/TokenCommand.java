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

  /** A user and the role to give them, checked against the authority matrix. */
  static final class UserRole {
    @Option(names = "--user", required = true, paramLabel = "NAME")
    String user;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "a role from config/authority.yaml")
    String role;

    @Option(
        names = "--config",
        paramLabel = "DIR",
        description = "config folder (default: LEEWAY_CONFIG_DIR or config)")
    Path config;

    /**
     * 0 when the role is one the authority matrix defines; otherwise the exit code (1: the matrix
     * does not load, 2: no such role), after saying why on {@code err}.
     */
    int check(PrintWriter err) {
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
      if (matrix.role(role).isPresent()) {
        return 0;
      }
      err.println(
          "leeway: unknown role '"
              + role
              + "' (roles: "
              + String.join(", ", matrix.roles().keySet())
              + ")");
      return 2;
    }
  }

  @Command(
      name = "create",
      description = "Issue a token for a user; it is printed once and never stored.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin UserRole given;

    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      int problem = given.check(err);
      if (problem != 0) {
        return problem;
      }
      String user = given.user;
      String role = given.role;
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

    @Mixin UserRole given;

    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      int problem = given.check(err);
      if (problem != 0) {
        return problem;
      }
      String user = given.user;
      String role = given.role;
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
