package dev.leeway.bench;

import dev.leeway.app.Subcommand;
import dev.leeway.curate.ContentRevisions;
import dev.leeway.json.Json;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures how long a content change takes to reach a running server's answers: the server runs in
 * this process on a temporary store seeded from the configured content; each change is stored
 * through a second connection to the store, as {@code leeway import} from another process does, and
 * the clock runs from its commit until {@code /health} reports the new revision (it reads the same
 * snapshot answers are decided on). Two kinds: an edit that touches no example (an action's label)
 * and a new play with examples of its own. A new play is served first on classifiers trained with
 * the previous calibration kept; the matcher built in full follows in a second swap, also timed.
 */
@Command(
    name = "bench-live",
    description =
        "Time content changes reaching a running server: an edit without examples, and a new play.")
public final class LiveBenchCommand implements Callable<Integer>, Subcommand {
  @Spec CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "changes of each kind (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--cache",
      defaultValue = "data/cache",
      paramLabel = "DIR",
      description =
          "embedding cache reused and updated, so start-up does not embed the pack"
              + " (default: ${DEFAULT-VALUE})")
  Path cache;

  /** The play whose first action's label is edited, and which the new plays are modelled on. */
  static final String PLAY = "playbooks/orders-returns/orders.damaged-item.yaml";

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    try (BenchServer bench = BenchServer.start("127.0.0.1", 1, 0, 1_000, 1_000, cache);
        Store store = Store.open(StoreSettings.fromEnvironment(System.getenv(), bench.dataDir()))) {
      out.printf(
          "server up in %d ms with %d published plays%n", bench.startMs(), bench.server().plays());
      out.flush();
      ContentRevisions revisions = new ContentRevisions(store, Clock.systemUTC());
      HttpClient http = HttpClient.newHttpClient();
      URI health = URI.create("http://127.0.0.1:" + bench.server().port() + "/health");
      List<Long> edits = new ArrayList<>();
      List<Long> plays = new ArrayList<>();
      List<Long> settled = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        ContentFiles now = revisions.published().files();
        String text = now.texts().get(PLAY);
        String edited =
            text.replaceFirst("(?m)^(    label: .*?)( \\(r\\d+\\))?$", "$1 (r" + round + ")");
        edits.add(change(revisions, with(now, PLAY, edited), http, health, out, "edit"));

        now = revisions.published().files();
        String id = "orders.bench-live-" + round;
        String play =
            now.texts()
                .get(PLAY)
                .replace("id: orders.damaged-item", "id: " + id)
                .replaceAll(
                    "(?m)^(  - \")(.*)(\")$",
                    "$1$2, case " + round + "-" + System.nanoTime() + "$3");
        long committed = System.nanoTime();
        plays.add(
            change(
                revisions,
                with(now, "playbooks/orders-returns/" + id + ".yaml", play),
                http,
                health,
                out,
                "new play"));
        while (!bench.server().matcherSettled()) {
          if (System.nanoTime() - committed > 300_000_000_000L) {
            throw new IllegalStateException("the matcher was not built in full after 300 s");
          }
          Thread.sleep(10);
        }
        long millis = (System.nanoTime() - committed) / 1_000_000;
        out.printf(
            Locale.ROOT, "new play: matcher built in full and swapped in after %d ms%n", millis);
        out.flush();
        settled.add(millis);
      }
      out.printf(Locale.ROOT, "edit without examples: %s%n", summary(edits));
      out.printf(Locale.ROOT, "new play with examples, served: %s%n", summary(plays));
      out.printf(
          Locale.ROOT, "new play with examples, matcher built in full: %s%n", summary(settled));
      out.flush();
      return 0;
    }
  }

  private static ContentFiles with(ContentFiles files, String path, String text) {
    Map<String, String> texts = new LinkedHashMap<>(files.texts());
    texts.put(path, text);
    return new ContentFiles(texts);
  }

  /** Stores the change, then waits for the server to serve it; returns the milliseconds. */
  private static long change(
      ContentRevisions revisions,
      ContentFiles next,
      HttpClient http,
      URI health,
      java.io.PrintWriter out,
      String kind)
      throws Exception {
    ContentRevisions.Saved saved = revisions.replace(next, "bench-live", kind);
    if (!(saved instanceof ContentRevisions.Stored stored)) {
      throw new IllegalStateException("the change was not stored: " + saved);
    }
    long committed = System.nanoTime();
    String want = Long.toString(stored.revision());
    while (true) {
      String body =
          http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      if (want.equals(Json.json().readTree(body).path("content_version").asText())) {
        long millis = (System.nanoTime() - committed) / 1_000_000;
        out.printf(Locale.ROOT, "%s: revision %s served after %d ms%n", kind, want, millis);
        out.flush();
        return millis;
      }
      if (System.nanoTime() - committed > 120_000_000_000L) {
        throw new IllegalStateException("revision " + want + " not served after 120 s");
      }
      Thread.sleep(10);
    }
  }

  private static String summary(List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "%s ms (median %d, max %d)",
        millis,
        sorted.get(sorted.size() / 2),
        sorted.get(sorted.size() - 1));
  }
}
