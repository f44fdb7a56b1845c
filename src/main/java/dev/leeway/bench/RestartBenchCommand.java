package dev.leeway.bench;

import dev.leeway.app.InvalidPackException;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.Subcommand;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.ServerConfig;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.ConversationRepository.ConversationRow;
import dev.leeway.store.ConversationRepository.TurnRow;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Restart benchmark: the time from starting the server to its first answer, with an empty store and
 * with a full one (10,000 conversations of two turns and 100,000 answers by default), in
 * alternating rounds within one process. Both stores are SQLite files in temporary folders that
 * share one embedding cache, so the difference is what the stored rows cost a start.
 */
@Command(
    name = "bench-restart",
    mixinStandardHelpOptions = true,
    description =
        "Time from start to the first answer with an empty store and with a full one (SQLite), in alternating rounds.")
public final class RestartBenchCommand implements Callable<Integer>, Subcommand {

  private static final String TEXT = "parcel says delivered but she never got it";
  private static final int BATCH = 1_000;

  @Spec CommandSpec spec;

  @Option(
      names = "--conversations",
      defaultValue = "10000",
      description = "conversations in the full store, two turns each (default: ${DEFAULT-VALUE})")
  int conversations;

  @Option(
      names = "--answers",
      defaultValue = "100000",
      description = "answers in the full store (default: ${DEFAULT-VALUE})")
  int answers;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "starts of each store, alternating (default: ${DEFAULT-VALUE})")
  int rounds;

  @Override
  public Integer call() throws Exception {
    if (conversations < 0 || answers < 0 || rounds < 1) {
      throw new IllegalArgumentException(
          "--conversations and --answers must not be negative, --rounds at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path root = Files.createTempDirectory("leeway-bench-restart-");
    try {
      Path empty = root.resolve("empty");
      Path full = root.resolve("full");
      Map<Path, String> tokens = new HashMap<>();
      for (Path dir : List.of(empty, full)) {
        tokens.put(
            dir,
            TokenStore.using(
                StoreSettings.embedded(dir),
                t -> t.issue("bench-restart", "agent", Instant.now())));
      }
      // One start to build the embedding cache and to take a real answer to store many times.
      String answer;
      long firstBuild = System.nanoTime();
      try (LeewayServer server = start(empty)) {
        answer = ask(server, tokens.get(empty));
      }
      out.printf(
          Locale.ROOT,
          "first start (builds the cache): %d ms%n",
          (System.nanoTime() - firstBuild) / 1_000_000);
      copyTree(empty.resolve("cache"), full.resolve("cache"));

      long filling = System.nanoTime();
      fill(full, answer);
      long bytes = Files.size(full.resolve(StoreSettings.FILE_NAME));
      out.printf(
          Locale.ROOT,
          "full store: %,d conversations (%,d turns), %,d answers, %,.0f MB, filled in %d ms%n",
          conversations,
          conversations * 2L,
          answers,
          bytes / 1e6,
          (System.nanoTime() - filling) / 1_000_000);
      out.flush();

      List<Long> emptyMs = new ArrayList<>();
      List<Long> fullMs = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<Path> order = round % 2 == 0 ? List.of(empty, full) : List.of(full, empty);
        for (Path dir : order) {
          long started = System.nanoTime();
          String timings;
          try (LeewayServer server = start(dir)) {
            ask(server, tokens.get(dir));
            long ms = (System.nanoTime() - started) / 1_000_000;
            (dir == empty ? emptyMs : fullMs).add(ms);
            timings = server.timings();
          }
          out.printf(
              Locale.ROOT,
              "round %d, %-5s store: first answer after %d ms (%s)%n",
              round + 1,
              dir == empty ? "empty" : "full",
              (dir == empty ? emptyMs : fullMs).getLast(),
              timings);
          out.flush();
        }
      }
      long medianEmpty = median(emptyMs);
      long medianFull = median(fullMs);
      out.printf(
          Locale.ROOT,
          "start to first answer, median: empty %d ms, full %d ms; the full store %+d ms (target: at most +1000 ms)%n",
          medianEmpty,
          medianFull,
          medianFull - medianEmpty);
      return medianFull - medianEmpty <= 1000 ? 0 : 3;
    } finally {
      deleteTree(root);
    }
  }

  private static LeewayServer start(Path dataDir) throws InvalidPackException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(ServerConfig.HOST, "127.0.0.1");
    env.put(ServerConfig.DATA_DIR, dataDir.toString());
    return LeewayServer.start(
        ServerConfig.fromEnvironment(env).withPort(0), StoreSettings.embedded(dataDir));
  }

  private static String ask(LeewayServer server, String token)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/api/v1/suggest"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + TEXT + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the first answer failed: " + response.statusCode() + " " + response.body());
      }
      return response.body();
    }
  }

  /** Writes the conversations, their turns and the answers, a thousand rows per transaction. */
  private void fill(Path dataDir, String answer) {
    Instant base = Instant.now().minus(Duration.ofDays(30));
    LocalDate today = LocalDate.now();
    try (Store store = Store.open(StoreSettings.embedded(dataDir))) {
      for (int from = 0; from < conversations; from += BATCH) {
        int first = from;
        int last = Math.min(conversations, from + BATCH);
        store
            .write(
                c -> {
                  for (int i = first; i < last; i++) {
                    String id = String.format(Locale.ROOT, "conv-%06d", i);
                    Instant at = base.plusSeconds(i * 60L);
                    store
                        .conversations()
                        .upsert(
                            c,
                            new ConversationRow(
                                id, "agent-" + (i % 50), "agent", "cust-" + i, at, at));
                    for (int turn = 1; turn <= 2; turn++) {
                      store
                          .conversations()
                          .insertTurn(
                              c,
                              new TurnRow(
                                  id, turn, at.plusSeconds(turn), today, TEXT, "{}", answer));
                    }
                  }
                  return null;
                })
            .join();
      }
      for (int from = 0; from < answers; from += BATCH) {
        int first = from;
        int last = Math.min(answers, from + BATCH);
        store
            .write(
                c -> {
                  for (int i = first; i < last; i++) {
                    store
                        .answers()
                        .insert(
                            c,
                            new AnswerRow(
                                String.format(Locale.ROOT, "answer-%07d", i),
                                base.plusSeconds(i * 6L),
                                "agent-" + (i % 50),
                                "agent",
                                i % 10 == 0 ? "suggest" : "websocket",
                                i % 10 == 0
                                    ? null
                                    : String.format(
                                        Locale.ROOT, "conv-%06d", i % Math.max(1, conversations)),
                                i % 10 == 0 ? null : 1 + i % 2,
                                "cust-" + (i % 5000),
                                today,
                                TEXT,
                                "{}",
                                "bench",
                                "matched",
                                answer));
                  }
                  return null;
                })
            .join();
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
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
