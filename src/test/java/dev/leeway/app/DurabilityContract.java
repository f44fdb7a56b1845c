package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.auth.TokenStore;
import dev.leeway.json.Json;
import dev.leeway.store.ConversationRepository.TurnRow;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means kept: the real server runs as its own process, clients stream conversation
 * messages and feedback at it while content imports stream into its store (as {@code leeway import}
 * from another process does), and it is killed with SIGKILL at a random moment. After each kill,
 * every write it acknowledged must be in the store (and the SQLite file must pass its integrity
 * check); then it is restarted, the conversations go on, its answers are decided on the last
 * acknowledged content revision, and its search index matches that content: it holds exactly the
 * published plays, the play the last acknowledged import added among them. The first import of
 * every {@link #NEW_PLAY_EVERY}th round (the first one included) adds a play with examples of its
 * own in place of the previous one (the matcher is trained again, and the next start trains it
 * too); the other imports edit an action's label. Two rounds in the normal build; {@code mvn verify
 * -Pdurability} runs 20 and prints the figures. The first start of the starter pack's content
 * trains its matcher once per build: its caches are kept in {@code target/} for the next test.
 */
abstract class DurabilityContract {

  static final Pattern READY =
      Pattern.compile("Leeway ready on http://localhost:(\\d+)/ with (\\d+) published plays");
  static final int CLIENTS = 4;

  /** Where the server's store is, as its environment names it. */
  abstract Map<String, String> storeEnvironment();

  abstract StoreSettings storeSettings();

  abstract Path dataDir();

  /** A round in this many starts with an import of a new play. */
  static final int NEW_PLAY_EVERY = 5;

  static int rounds() {
    return Integer.getInteger("leeway.durability.rounds", 2);
  }

  /** An acknowledged feedback: who said what about which answer. */
  record Said(String user, String answerId, String verdict) {}

  private final Map<String, Integer> turnsAcknowledged = new ConcurrentHashMap<>();
  private final Set<Said> feedbackAcknowledged = ConcurrentHashMap.newKeySet();

  /** The play whose label each content import changes. */
  static final String PLAY = "playbooks/orders-returns/orders.damaged-item.yaml";

  static final String LABEL = "Send a replacement of the same item at no charge";

  private final java.util.concurrent.atomic.AtomicLong revisionAcknowledged =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger imports =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile String labelAcknowledged;
  // The play the last acknowledged import that changed matching text added, and one of its
  // examples.
  private volatile String markerAcknowledged;
  private volatile int round;

  /** The folder the imported plays go to. */
  static final String MARKERS = "playbooks/orders-returns/";

  /** A new play's examples: nothing in the starter pack is about engraving. */
  static final List<String> MARKER_EXAMPLES =
      List.of(
          "can you engrave her initials on the watch before it ships",
          "he wants a name engraved on the back of the pendant",
          "customer asks for a personal message etched into the bracelet",
          "is engraving available on the silver cufflinks",
          "she'd like the date of the wedding engraved inside the ring",
          "add an inscription to the hip flask, three words");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void every_acknowledged_write_survives_a_kill() throws Exception {
    List<String> tokens = new ArrayList<>();
    TokenStore.using(
        storeSettings(),
        tokenStore -> {
          for (int i = 0; i < CLIENTS; i++) {
            tokens.add(tokenStore.issue("durable-" + i, "agent", Instant.now()));
          }
          return null;
        });
    long acknowledgedTotal = 0;
    long unacknowledgedKept = 0;
    List<Long> restartMillis = new ArrayList<>();
    // The starter pack's matcher caches, as a first start in a fresh data folder leaves them.
    Path starterCache = starterCache();
    copyTree(starterCache, dataDir().resolve("cache"));
    for (int round = 1; round <= rounds(); round++) {
      this.round = round;
      long started = System.nanoTime();
      Server server = Server.start(dataDir(), storeEnvironment());
      restartMillis.add((System.nanoTime() - started) / 1_000_000);
      if (round == 1 && !java.nio.file.Files.isDirectory(starterCache)) {
        copyTree(dataDir().resolve("cache"), starterCache);
      }
      if (!turnsAcknowledged.isEmpty()) {
        // The conversations from before the kill go on.
        String someone = turnsAcknowledged.keySet().iterator().next();
        String owner = tokens.get(Integer.parseInt(someone.substring(0, someone.indexOf(':'))));
        HttpResponse<String> transcript =
            get(server.port(), "/api/v1/conversations/" + conversation(someone), owner);
        assertThat(transcript.statusCode()).as(transcript.body()).isEqualTo(200);
      }
      assertServesLastContent(server, tokens.get(0));
      AtomicBoolean stop = new AtomicBoolean();
      List<CompletableFuture<Void>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(
            CompletableFuture.runAsync(
                () -> stream(server.port(), client, tokens.get(client), stop)));
      }
      clients.add(CompletableFuture.runAsync(() -> importContent(stop)));
      // A random moment once writes are flowing (a loaded machine answers its first ones slowly).
      long before = acknowledgedSoFar();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (acknowledgedSoFar() < before + 5 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(ThreadLocalRandom.current().nextLong(0, 2000));
      server.kill();
      stop.set(true);
      CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      try (Store store = Store.open(storeSettings())) {
        long acknowledged = 0;
        long kept = 0;
        for (Map.Entry<String, Integer> entry : turnsAcknowledged.entrySet()) {
          List<TurnRow> turns =
              store.read(c -> store.conversations().turns(c, conversation(entry.getKey())));
          assertThat(
                  store
                      .<java.util.Optional<dev.leeway.store.ConversationRepository.ConversationRow>>
                          read(c -> store.conversations().find(c, conversation(entry.getKey()))))
              .as("conversation %s", entry.getKey())
              .isPresent();
          assertThat(turns.size())
              .as("turns of %s", entry.getKey())
              .isGreaterThanOrEqualTo(entry.getValue());
          for (int i = 0; i < turns.size(); i++) {
            assertThat(turns.get(i).number()).isEqualTo(i + 1);
          }
          acknowledged += 1 + entry.getValue();
          kept += turns.size() + 1;
        }
        for (Said said : feedbackAcknowledged) {
          List<FeedbackRow> rows = store.read(c -> store.feedback().forAnswer(c, said.answerId()));
          assertThat(rows)
              .as("feedback on %s", said.answerId())
              .anySatisfy(
                  r -> {
                    assertThat(r.user()).isEqualTo(said.user());
                    assertThat(r.verdict()).isEqualTo(said.verdict());
                  });
          acknowledged++;
          kept++;
        }
        assertThat(store.integrityCheck()).containsExactly("ok");
        assertStoreHoldsLastContent(store);
        acknowledgedTotal = acknowledged;
        unacknowledgedKept = kept - acknowledged;
      }
      System.out.printf(
          "durability %s round %d: %d acknowledged writes so far, all kept, %d content imports;"
              + " restart to ready %d ms%n",
          getClass().getSimpleName(),
          round,
          acknowledgedTotal,
          imports.get(),
          restartMillis.get(restartMillis.size() - 1));
    }
    // Once more: the last round's imports must be what the restarted server answers on.
    Server last = Server.start(dataDir(), storeEnvironment());
    try {
      assertServesLastContent(last, tokens.get(0));
    } finally {
      last.kill();
    }
    assertThat(revisionAcknowledged.get()).as("content imports acknowledged").isPositive();
    assertThat(markerAcknowledged).as("imports of a new play acknowledged").isNotNull();
    System.out.printf(
        "durability %s: %d rounds, %d acknowledged writes (conversations, turns, feedback), 0 lost,"
            + " %d kept without an acknowledgement (in flight at the kill); restart to ready"
            + " median %d ms%n",
        getClass().getSimpleName(),
        rounds(),
        acknowledgedTotal,
        unacknowledgedKept,
        restartMillis.stream().sorted().toList().get(restartMillis.size() / 2));
    assertThat(acknowledgedTotal).isPositive();
  }

  /**
   * Streams content imports into the store until told to stop; each acknowledged is kept. The
   * round's first import adds a play with examples of its own in place of the previous round's (the
   * matcher is trained again); the others change an action's label (it is kept).
   */
  private void importContent(AtomicBoolean stop) {
    try (Store store = Store.open(storeSettings())) {
      dev.leeway.curate.ContentRevisions revisions =
          new dev.leeway.curate.ContentRevisions(store, java.time.Clock.systemUTC());
      boolean first = (round - 1) % NEW_PLAY_EVERY == 0;
      while (!stop.get()) {
        dev.leeway.playbook.ContentFiles now = revisions.published().files();
        int n = imports.incrementAndGet();
        Map<String, String> texts = new java.util.LinkedHashMap<>(now.texts());
        String label = null;
        String marker = null;
        if (first) {
          marker = "orders.durability-" + round + "-" + n;
          texts.keySet().removeIf(path -> path.startsWith(MARKERS + "orders.durability-"));
          texts.put(MARKERS + marker + ".yaml", markerPlay(texts.get(PLAY), marker));
        } else {
          label = LABEL + " (import " + n + ")";
          texts.put(
              PLAY,
              texts
                  .get(PLAY)
                  .replaceFirst(
                      "(?m)^    label: " + Pattern.quote(LABEL) + ".*$", "    label: " + label));
        }
        if (revisions.replace(new dev.leeway.playbook.ContentFiles(texts), "durability", "import")
            instanceof dev.leeway.curate.ContentRevisions.Stored stored) {
          if (marker != null) {
            markerAcknowledged = marker;
          } else {
            labelAcknowledged = label;
          }
          revisionAcknowledged.set(stored.revision());
          first = false;
        }
      }
    } catch (RuntimeException e) {
      // The store refused: nothing more was acknowledged.
    }
  }

  /** A new play {@code id}: the damaged-item play's actions, with examples of its own. */
  static String markerPlay(String damagedItem, String id) {
    StringBuilder examples =
        new StringBuilder(
            "situation: >\n  The customer wants an item engraved or personalised with a"
                + " message.\nexamples:\n");
    MARKER_EXAMPLES.forEach(e -> examples.append("  - \"").append(e).append("\"\n"));
    return damagedItem
        .replace("id: orders.damaged-item", "id: " + id)
        .replace("title: Item arrived damaged", "title: Engraving or a personal inscription")
        .replaceFirst("(?s)situation: >\n.*?\nexamples:\n(  - .*?\n)+", "")
        .replaceFirst("(?m)^tags: ", examples + "tags: ");
  }

  /**
   * Copies the finished files in {@code from} (if it exists) into {@code to}, through a folder of
   * its own so that a parallel copy never sees half of it.
   */
  static void copyTree(Path from, Path to) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(from)) {
      return;
    }
    java.nio.file.Files.createDirectories(to.toAbsolutePath().getParent());
    Path temp =
        java.nio.file.Files.createTempDirectory(
            to.toAbsolutePath().getParent(), to.getFileName() + ".");
    try (var files = java.nio.file.Files.list(from)) {
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && !name.endsWith(".tmp")) {
          java.nio.file.Files.copy(file, temp.resolve(name));
        }
      }
    }
    try {
      if (!java.nio.file.Files.isDirectory(to)) {
        java.nio.file.Files.move(temp, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return;
      }
    } catch (java.nio.file.FileAlreadyExistsException
        | java.nio.file.DirectoryNotEmptyException another) {
      // Another test copied it first: theirs stands.
    }
    try (var files = java.nio.file.Files.list(temp)) {
      for (Path file : files.toList()) {
        if (!java.nio.file.Files.exists(to.resolve(file.getFileName()))) {
          java.nio.file.Files.move(file, to.resolve(file.getFileName()));
        } else {
          java.nio.file.Files.delete(file);
        }
      }
    }
    java.nio.file.Files.delete(temp);
  }

  /**
   * Where the starter pack's matcher caches are kept between tests: named by a digest of the
   * content folders, so a changed pack gets caches of its own.
   */
  static Path starterCache() throws java.io.IOException {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (String folder : List.of("playbooks", "config")) {
        try (var files = java.nio.file.Files.walk(Path.of(folder))) {
          for (Path file : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
            digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
            digest.update(java.nio.file.Files.readAllBytes(file));
          }
        }
      }
      return Path.of(
          "target",
          "durability-starter-cache-"
              + java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The store's published content holds the last acknowledged import of each kind. */
  private void assertStoreHoldsLastContent(Store store) {
    long revision = revisionAcknowledged.get();
    if (revision == 0) {
      return;
    }
    dev.leeway.curate.ContentRevisions.Published published =
        new dev.leeway.curate.ContentRevisions(store, java.time.Clock.systemUTC()).published();
    assertThat(published.revision()).as("published revision").isGreaterThanOrEqualTo(revision);
    if (markerAcknowledged != null) {
      assertThat(published.files().texts()).containsKey(MARKERS + markerAcknowledged + ".yaml");
    }
    if (labelAcknowledged != null) {
      assertThat(published.files().texts().get(PLAY))
          .contains("label: " + labelAcknowledged + "\n");
    }
  }

  /**
   * The server's answers are decided on the last acknowledged content revision, and its search
   * index holds exactly that revision's published plays: as many, and the play the last import of a
   * new play added ranked first for its examples.
   */
  private void assertServesLastContent(Server server, String token) throws Exception {
    long revision = revisionAcknowledged.get();
    if (revision == 0) {
      return;
    }
    int port = server.port();
    int published;
    try (Store store = Store.open(storeSettings())) {
      published =
          switch (dev.leeway.curate.ContentRevisions.load(
              new dev.leeway.curate.ContentRevisions(store, java.time.Clock.systemUTC())
                  .published())) {
            case dev.leeway.json.LoadResult.Loaded<dev.leeway.playbook.Content> loaded ->
                loaded.value().playbook().published().size();
            case dev.leeway.json.LoadResult.Invalid<dev.leeway.playbook.Content> invalid ->
                throw new AssertionError("the published content is invalid: " + invalid);
          };
    }
    assertThat(server.plays()).as("plays in the search index").isEqualTo(published);
    if (markerAcknowledged != null) {
      for (String example : MARKER_EXAMPLES.subList(0, 2)) {
        HttpResponse<String> match =
            post(
                port,
                "/api/v1/match",
                token,
                Json.json().createObjectNode().put("text", example).toString());
        assertThat(match.statusCode()).as(match.body()).isEqualTo(200);
        assertThat(Json.json().readTree(match.body()).path("best").asText())
            .as("best play for '%s'", example)
            .isEqualTo(markerAcknowledged);
      }
    }
    if (labelAcknowledged == null) {
      return;
    }
    HttpResponse<String> answer =
        post(
            port,
            "/api/v1/suggest",
            token,
            "{\"text\": \"kettle arrived smashed yesterday, she paid $40\","
                + " \"facts\": {\"has_photo\": true}}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode json = Json.json().readTree(answer.body());
    assertThat(json.get("content_version").asText()).isEqualTo(Long.toString(revision));
    assertThat(answer.body()).contains(labelAcknowledged + "\"");
  }

  private long acknowledgedSoFar() {
    return turnsAcknowledged.size()
        + turnsAcknowledged.values().stream().mapToLong(Integer::longValue).sum()
        + feedbackAcknowledged.size();
  }

  /** "2:6f1c..." → "6f1c...": the client number keeps whose conversation it is. */
  private static String conversation(String key) {
    return key.substring(key.indexOf(':') + 1);
  }

  private void stream(int port, int client, String token, AtomicBoolean stop) {
    String user = "durable-" + client;
    while (!stop.get()) {
      try {
        HttpResponse<String> created = post(port, "/api/v1/conversations", token, "{}");
        if (created.statusCode() != 201) {
          return;
        }
        String id = Json.json().readTree(created.body()).get("id").asText();
        String key = client + ":" + id;
        turnsAcknowledged.put(key, 0);
        for (int turn = 1; turn <= 3 && !stop.get(); turn++) {
          String text =
              turn == 1
                  ? "kettle arrived smashed yesterday, she paid $40"
                  : turn == 2 ? "yes" : "she is a gold member";
          HttpResponse<String> reply =
              post(
                  port,
                  "/api/v1/conversations/" + id + "/messages",
                  token,
                  "{\"text\": \"" + text + "\"}");
          if (reply.statusCode() != 200) {
            return;
          }
          turnsAcknowledged.put(key, turn);
          JsonNode json = Json.json().readTree(reply.body());
          String answerId = json.get("answer_id").asText();
          HttpResponse<String> feedback =
              post(
                  port,
                  "/api/v1/feedback",
                  token,
                  "{\"answer_id\": \"" + answerId + "\", \"verdict\": \"helpful\"}");
          if (feedback.statusCode() != 202) {
            return;
          }
          feedbackAcknowledged.add(new Said(user, answerId, "helpful"));
        }
      } catch (Exception e) {
        // The server died under this request: nothing was acknowledged.
        return;
      }
    }
  }

  private HttpResponse<String> post(int port, String path, String token, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The server as a separate JVM, started from the test class path. */
  record Server(Process process, int port, int plays) {

    static Server start(Path dataDir, Map<String, String> storeEnvironment) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String flag :
          System.getProperty(
                  "leeway.jvm.flags",
                  "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED")
              .split("\\s+")) {
        if (!flag.isBlank()) {
          command.add(flag);
        }
      }
      command.add("-Xmx1g");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.add("serve");
      command.add("--port");
      command.add("0");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("LEEWAY_"));
      env.put("LEEWAY_HOST", "127.0.0.1");
      env.put("LEEWAY_DATA_DIR", dataDir.toString());
      env.put("LEEWAY_RATE_PER_SECOND", "10000");
      env.put("LEEWAY_RATE_BURST", "10000");
      env.putAll(storeEnvironment);
      Process process = builder.start();
      CompletableFuture<int[]> ready = new CompletableFuture<>();
      StringBuilder output = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                      output.append(line).append('\n');
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                      ready.complete(
                          new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                    }
                  }
                } catch (Exception e) {
                  // The process is gone; the port future says so below.
                }
                ready.completeExceptionally(
                    new IllegalStateException("the server exited before it was ready:\n" + output));
              });
      reader.setDaemon(true);
      reader.start();
      try {
        int[] started = ready.get(180, TimeUnit.SECONDS);
        return new Server(process, started[0], started[1]);
      } catch (Exception e) {
        process.destroyForcibly().waitFor();
        throw e;
      }
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
