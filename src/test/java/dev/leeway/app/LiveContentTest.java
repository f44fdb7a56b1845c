package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import dev.leeway.store.ContentRepository;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content in the store, end to end on a real server and the real command line: the first start
 * seeds the store from the folders, {@code export} and {@code import} round-trip byte for byte, an
 * invalid folder stores nothing, and an import changes the running server's answers without a
 * restart while an earlier answer still replays on the revision it was decided on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveContentTest {

  static final String PLAY = "playbooks/orders-returns/orders.damaged-item.yaml";
  static final String SITUATION =
      "{\"text\": \"kettle arrived smashed, she paid $40\", \"facts\": {\"has_photo\": true},"
          + " \"today\": \"2026-03-31\"}";

  @TempDir static Path dataDir;
  @TempDir static Path work;
  static LeewayServer server;
  static HttpClient http = HttpClient.newHttpClient();
  static String token;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(ServerConfig.HOST, "127.0.0.1", ServerConfig.DATA_DIR, dataDir.toString()))
            .withPort(0);
    server =
        SharedBuildCache.around(
            dataDir, () -> LeewayServer.start(config, StoreSettings.embedded(dataDir)));
    token = server.services().tokens().issue("ana", "agent", Instant.now());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode send(String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + token);
    request =
        body == null
            ? request.GET()
            : request
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    return Json.json()
        .readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  static Map<String, byte[]> tree(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  static void assertSameTree(Path a, Path b) throws IOException {
    Map<String, byte[]> left = tree(a);
    Map<String, byte[]> right = tree(b);
    assertThat(right.keySet()).isEqualTo(left.keySet());
    left.forEach((name, bytes) -> assertThat(right.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  @Order(1)
  void the_first_start_stores_the_folders_as_revision_one_and_export_import_export_is_identical()
      throws Exception {
    assertThat(send("/health", null).get("content_version").asText()).isEqualTo("1");
    Path first = work.resolve("first");
    Cli.Result exported = Cli.run("export", first.toString(), "--data", dataDir.toString());
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(exported.out()).contains("wrote revision 1");
    // What was seeded is the folders, byte for byte.
    assertSameTree(Path.of("playbooks"), first.resolve("playbooks"));
    assertThat(Files.readAllBytes(first.resolve("config/authority.yaml")))
        .isEqualTo(Files.readAllBytes(Path.of("config/authority.yaml")));
    assertThat(Files.readAllBytes(first.resolve("config/facts.yaml")))
        .isEqualTo(Files.readAllBytes(Path.of("config/facts.yaml")));

    Cli.Result imported = Cli.run("import", first.toString(), "--data", dataDir.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("nothing changed: the store is at revision 1");
    Path second = work.resolve("second");
    assertThat(Cli.run("export", second.toString(), "--data", dataDir.toString()).exitCode())
        .isZero();
    assertSameTree(first, second);
  }

  @Test
  @Order(2)
  void an_invalid_folder_stores_nothing_and_is_reported_as_validate_reports_it() throws Exception {
    Path folder = work.resolve("invalid");
    assertThat(Cli.run("export", folder.toString(), "--data", dataDir.toString()).exitCode())
        .isZero();
    Path play = folder.resolve(PLAY);
    // One good change and one bad one: neither may be stored.
    Files.writeString(
        play,
        Files.readString(play)
            .replace("Send a replacement of the same item", "Send a new one of the same item")
            .replace("kind: refund", "kind: refnud"));
    Cli.Result imported =
        Cli.run("import", folder.toString(), "--data", dataDir.toString(), "--by", "sam");
    assertThat(imported.exitCode()).isEqualTo(1);
    Cli.Result validated = Cli.run("validate", folder.resolve("playbooks").toString());
    assertThat(validated.exitCode()).isEqualTo(1);
    assertThat(imported.err()).contains("nothing imported").contains(validated.err().strip());
    assertThat(imported.err()).contains(play + ":").contains("actions[1].kind").contains("refnud");
    try (Store store = Store.open(StoreSettings.embedded(dataDir))) {
      assertThat(store.<Long>read(c -> store.content().head(c))).isEqualTo(1);
    }
  }

  @Test
  @Order(3)
  void an_import_changes_the_running_servers_answer_and_the_old_answer_replays_on_its_revision()
      throws Exception {
    JsonNode before = send("/api/v1/suggest", SITUATION);
    String oldAnswer = before.get("answer_id").asText();
    assertThat(before.toString()).contains("Send a replacement of the same item at no charge");
    assertThat(before.get("content_version").asText()).isEqualTo("1");

    Path folder = work.resolve("edited");
    assertThat(Cli.run("export", folder.toString(), "--data", dataDir.toString()).exitCode())
        .isZero();
    Path play = folder.resolve(PLAY);
    Files.writeString(
        play,
        Files.readString(play)
            .replace(
                "Send a replacement of the same item at no charge",
                "Send a replacement of the same item, free of charge"));
    Cli.Result imported =
        Cli.run(
            "import",
            folder.toString(),
            "--data",
            dataDir.toString(),
            "--by",
            "sam",
            "--why",
            "clearer label");
    long stored = System.nanoTime();
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("stored revision 2: 1 file changed (" + PLAY + ")");

    JsonNode after = send("/api/v1/suggest", SITUATION);
    while (!after.toString().contains("free of charge")) {
      assertThat(System.nanoTime() - stored).as("seconds to go live").isLessThan(30_000_000_000L);
      Thread.sleep(20);
      after = send("/api/v1/suggest", SITUATION);
    }
    long millis = (System.nanoTime() - stored) / 1_000_000;
    System.out.println("an edit without examples answered live after " + millis + " ms");
    assertThat(after.get("content_version").asText()).isEqualTo("2");
    assertThat(server.contentRevision()).isEqualTo(2);

    Cli.Result replayed = Cli.run("replay", oldAnswer, "--data", dataDir.toString());
    assertThat(replayed.exitCode()).as(replayed.out() + replayed.err()).isZero();
    assertThat(replayed.out())
        .contains("decided on 1, replayed on 1 (the same), published revision 2")
        .contains("replayed: the same answer");
  }

  @Test
  @Order(4)
  void a_revision_that_does_not_validate_is_refused_and_the_current_content_keeps_serving()
      throws Exception {
    // Written past the import's checks, as a damaged or foreign writer might.
    try (Store store = Store.open(StoreSettings.embedded(dataDir))) {
      long head = store.<Long>read(c -> store.content().head(c));
      var outcome =
          store
              .write(
                  c ->
                      store
                          .content()
                          .commit(
                              c,
                              head,
                              List.of(
                                  new ContentRepository.FileChange(
                                      PLAY,
                                      head,
                                      ContentRepository.Kind.PLAY,
                                      ContentRepository.Change.CHANGED,
                                      "orders.damaged-item",
                                      "published",
                                      "id: orders.damaged-item\ntitle: no actions at all\n")),
                              "nobody",
                              "broken",
                              Instant.now()))
              .get();
      assertThat(outcome).isInstanceOf(ContentRepository.Committed.class);
    }
    Thread.sleep(4 * ContentWatcher.EVERY.toMillis());
    JsonNode answer = send("/api/v1/suggest", SITUATION);
    assertThat(answer.get("content_version").asText()).isEqualTo("2");
    assertThat(answer.toString()).contains("free of charge");
    assertThat(server.contentRevision()).isEqualTo(2);
  }

  static List<String> offered(JsonNode answer) {
    List<String> ids = new java.util.ArrayList<>();
    answer.path("plays").forEach(p -> ids.add(p.path("play_id").asText()));
    return ids;
  }

  @Test
  @Order(5)
  void retiring_a_play_takes_it_out_of_answers_at_once_without_waiting_for_a_new_matcher()
      throws Exception {
    assertThat(offered(send("/api/v1/suggest", SITUATION))).contains("orders.damaged-item");
    Path folder = work.resolve("retired");
    // The revision served: the published one is the invalid revision the test before stored.
    String served = Long.toString(server.contentRevision());
    assertThat(
            Cli.run("export", folder.toString(), "--revision", served, "--data", dataDir.toString())
                .exitCode())
        .isZero();
    Path play = folder.resolve(PLAY);
    Files.writeString(play, Files.readString(play).replace("status: published", "status: retired"));
    Cli.Result imported = Cli.run("import", folder.toString(), "--data", dataDir.toString());
    long stored = System.nanoTime();
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    String revision = imported.out().replaceAll("(?s).*stored revision (\\d+).*", "$1").strip();
    JsonNode answer = send("/api/v1/suggest", SITUATION);
    while (!answer.get("content_version").asText().equals(revision)) {
      assertThat(System.nanoTime() - stored).as("seconds to go live").isLessThan(30_000_000_000L);
      Thread.sleep(20);
      answer = send("/api/v1/suggest", SITUATION);
    }
    System.out.println(
        "a retired play left the answers after "
            + (System.nanoTime() - stored) / 1_000_000
            + " ms");
    assertThat(offered(answer)).doesNotContain("orders.damaged-item");
  }

  /** A new play's examples, which no play in the starter pack is about. */
  static final List<String> ENGRAVING = DurabilityContract.MARKER_EXAMPLES;

  /** The play the server's matcher ranks first for {@code text}. */
  static String best(String text) throws Exception {
    JsonNode match =
        send("/api/v1/match", Json.json().createObjectNode().put("text", text).toString());
    return match.path("best").asText();
  }

  @Test
  @Order(6)
  void a_new_play_is_matched_for_its_own_examples_as_soon_as_it_is_served_then_calibrated()
      throws Exception {
    Path folder = work.resolve("new-play");
    String served = Long.toString(server.contentRevision());
    assertThat(
            Cli.run("export", folder.toString(), "--revision", served, "--data", dataDir.toString())
                .exitCode())
        .isZero();
    String play =
        DurabilityContract.markerPlay(
                Files.readString(folder.resolve(PLAY)), "orders.engraving-request")
            .replace("status: retired", "status: published");
    Files.writeString(
        folder.resolve("playbooks/orders-returns/orders.engraving-request.yaml"), play);
    for (String example : ENGRAVING) {
      assertThat(best(example)).as(example).isNotEqualTo("orders.engraving-request");
    }
    Cli.Result imported = Cli.run("import", folder.toString(), "--data", dataDir.toString());
    long stored = System.nanoTime();
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    long revision =
        Long.parseLong(imported.out().replaceAll("(?s).*stored revision (\\d+).*", "$1").strip());
    while (server.contentRevision() != revision) {
      assertThat(System.nanoTime() - stored).as("seconds to go live").isLessThan(60_000_000_000L);
      Thread.sleep(10);
    }
    System.out.println(
        "a new play was served after " + (System.nanoTime() - stored) / 1_000_000 + " ms");
    // The first swap: classifiers trained with the calibration kept.
    dev.leeway.match.Matcher first = server.matcher();
    assertThat(first.calibrationKept()).isTrue();
    for (String example : ENGRAVING) {
      assertThat(best(example)).as(example).isEqualTo("orders.engraving-request");
    }
    while (!server.matcherSettled()) {
      assertThat(System.nanoTime() - stored)
          .as("seconds to calibrate")
          .isLessThan(180_000_000_000L);
      Thread.sleep(10);
    }
    System.out.println(
        "its matcher was built in full after " + (System.nanoTime() - stored) / 1_000_000 + " ms");
    // The second swap: the matcher a fresh start would build, on the same revision.
    assertThat(server.contentRevision()).isEqualTo(revision);
    assertThat(server.matcher()).isNotSameAs(first);
    assertThat(server.matcher().calibrationKept()).isFalse();
    for (String example : ENGRAVING) {
      assertThat(best(example)).as(example).isEqualTo("orders.engraving-request");
    }
  }

  @Test
  @Order(7)
  void ask_answers_on_the_stores_published_content_and_on_the_folders_only_when_asked()
      throws Exception {
    String text = ENGRAVING.get(0);
    Cli.Result onStore = Cli.run("ask", text, "--json", "--data", dataDir.toString());
    assertThat(onStore.exitCode()).as(onStore.err()).isZero();
    JsonNode stored = Json.json().readTree(onStore.lastLine());
    assertThat(stored.get("content_version").asText())
        .isEqualTo(Long.toString(server.contentRevision()));
    assertThat(offered(stored)).contains("orders.engraving-request");

    Cli.Result onFolders = Cli.run("ask", text, "--json", "--playbooks", "playbooks");
    assertThat(onFolders.exitCode()).as(onFolders.err()).isZero();
    JsonNode folders = Json.json().readTree(onFolders.lastLine());
    assertThat(offered(folders)).doesNotContain("orders.engraving-request");
    assertThat(folders.get("content_version").asText())
        .isNotEqualTo(stored.get("content_version").asText());

    Cli.Result both =
        Cli.run("ask", text, "--playbooks", "playbooks", "--data", dataDir.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--playbooks").contains("--data").doesNotContain("Exception");
    Cli.Result noRevision = Cli.run("ask", text, "--revision", "999", "--data", dataDir.toString());
    assertThat(noRevision.exitCode()).isEqualTo(1);
    assertThat(noRevision.err()).contains("no revision 999 (revisions are 1 to ");
    Path empty = work.resolve("no-store");
    Cli.Result noStore = Cli.run("ask", text, "--data", empty.toString());
    assertThat(noStore.exitCode()).isEqualTo(1);
    assertThat(noStore.err()).contains("there is no store at").contains("--playbooks");
    assertThat(empty).doesNotExist();
  }
}
