package dev.leeway.bench;

import dev.leeway.app.InvalidPackException;
import dev.leeway.app.LeewayServer;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.ServerConfig;
import dev.leeway.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server under test, in this process on loopback and a free port, with a temporary data folder
 * and one token per simulated user; closing it stops the server and deletes the folder.
 *
 * @param suggestTokens one per suggest connection
 * @param socketTokens one per WebSocket conversation, every fourth a senior agent's
 */
record BenchServer(
    LeewayServer server,
    Path dataDir,
    List<String> suggestTokens,
    List<String> socketTokens,
    long tokensMs,
    long startMs)
    implements AutoCloseable {

  /**
   * Starts the server on the environment's content, limits and timeouts, with {@code rate} and
   * {@code burst} as its per-token rate limit.
   *
   * @param cache a folder whose build caches (embeddings, analysed terms, trained classifiers, the
   *     calibration) are reused and updated, or null
   */
  static BenchServer start(
      String host, int suggestUsers, int socketUsers, int rate, int burst, Path cache)
      throws InvalidPackException, IOException {
    Path dataDir = Files.createTempDirectory("leeway-bench-");
    try {
      copyCache(cache, dataDir.resolve("cache"));
      long issuing = System.nanoTime();
      List<String> suggestTokens = new ArrayList<>();
      List<String> socketTokens = new ArrayList<>();
      Map<String, String> suggestUsersRoles = new LinkedHashMap<>();
      for (int i = 0; i < suggestUsers; i++) {
        suggestUsersRoles.put(String.format(Locale.ROOT, "bench-suggest-%03d", i), "agent");
      }
      Map<String, String> socketUsersRoles = new LinkedHashMap<>();
      for (int i = 0; i < socketUsers; i++) {
        socketUsersRoles.put(
            String.format(Locale.ROOT, "bench-ws-%04d", i), i % 4 == 3 ? "senior_agent" : "agent");
      }
      TokenStore.using(
          StoreSettings.fromEnvironment(System.getenv(), dataDir),
          store -> {
            Instant now = Instant.now();
            // One transaction per kind of user: a thousand one-token commits would take seconds.
            suggestTokens.addAll(store.issueAll("bench", suggestUsersRoles, now).values());
            socketTokens.addAll(store.issueAll("bench", socketUsersRoles, now).values());
            return null;
          });
      long tokensMs = (System.nanoTime() - issuing) / 1_000_000;

      ServerConfig env = ServerConfig.fromEnvironment(System.getenv());
      ServerConfig config =
          new ServerConfig(
                  host,
                  env.port(),
                  env.playbooks(),
                  env.configDir(),
                  dataDir,
                  env.maxBodyBytes(),
                  rate,
                  burst,
                  env.conversationIdle(),
                  env.socketIdle())
              .withPort(0);
      long starting = System.nanoTime();
      LeewayServer server = LeewayServer.start(config);
      long startMs = (System.nanoTime() - starting) / 1_000_000;
      copyCache(dataDir.resolve("cache"), cache);
      return new BenchServer(server, dataDir, suggestTokens, socketTokens, tokensMs, startMs);
    } catch (InvalidPackException | RuntimeException e) {
      deleteTree(dataDir);
      throw e;
    }
  }

  int tokenCount() {
    return suggestTokens.size() + socketTokens.size();
  }

  @Override
  public void close() {
    server.close();
    deleteTree(dataDir);
  }

  /**
   * Copies the build cache files from one folder to another (atomically per file); absent folders
   * are skipped.
   */
  private static void copyCache(Path from, Path to) {
    if (from == null || to == null || !Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.toString().endsWith(".tmp") && !f.toString().endsWith(".copy"))
              .toList()) {
        Path temp = to.resolve(file.getFileName() + ".copy");
        Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            temp,
            to.resolve(file.getFileName()),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy the build cache from " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder; the OS cleans up what is left
    }
  }
}
