package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.curate.ContentRevisions;
import dev.leeway.json.Json;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.store.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisors' workspace over a real server and HTTP: a play drafted, refused while invalid,
 * fixed, reviewed, approved by a second curator, tried, published and live for agents; its history,
 * diff and rollback; a stale save, a publish over someone else's change, and a rollback that no
 * longer validates — each refused with what the page needs and nothing published changed.
 */
class WorkspaceApiTest {

  static final String PLAY = "orders.backorder-delay";
  static final String PATH = "playbooks/orders-returns/orders.backorder-delay.yaml";
  static final String OLD_LABEL = "Upgrade to express dispatch when the stock arrives";
  static final String NEW_LABEL = "Put it on express dispatch the day stock lands";
  static final String SITUATION = "order still says awaiting stock after 3 weeks";

  @TempDir static Path dataDir;
  static LeewayServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String ana;
  static String sam;
  static String agent;
  static String senior;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST,
                    "127.0.0.1",
                    ServerConfig.DATA_DIR,
                    dataDir.toString(),
                    ServerConfig.RATE,
                    "1000",
                    ServerConfig.BURST,
                    "1000"))
            .withPort(0);
    server =
        SharedBuildCache.around(
            dataDir, () -> LeewayServer.start(config, StoreSettings.embedded(dataDir)));
    ana = server.services().tokens().issue("ana", "supervisor", Instant.now());
    sam = server.services().tokens().issue("sam", "supervisor", Instant.now());
    agent = server.services().tokens().issue("al", "agent", Instant.now());
    senior = server.services().tokens().issue("sue", "senior_agent", Instant.now());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    String etag() {
      return raw.headers().firstValue("ETag").orElse(null);
    }

    Reply expect(int expected) {
      assertThat(status)
          .as(raw.request().method() + " " + raw.uri() + ": " + json)
          .isEqualTo(expected);
      return this;
    }
  }

  static Reply call(String method, String path, String token, Object body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1" + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(
              method, HttpRequest.BodyPublishers.ofString(Json.json().writeValueAsString(body)));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json =
        response.body().isEmpty() ? Json.json().nullNode() : Json.json().readTree(response.body());
    return new Reply(response.statusCode(), json, response);
  }

  static ObjectNode body(Object... pairs) {
    ObjectNode json = Json.json().createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      json.set((String) pairs[i], Json.json().valueToTree(pairs[i + 1]));
    }
    return json;
  }

  /** The labels of the backorder play's actions in the answer an agent gets now. */
  static List<String> agentLabels() throws Exception {
    JsonNode answer = call("POST", "/suggest", agent, body("text", SITUATION)).expect(200).json();
    return labels(answer);
  }

  static List<String> labels(JsonNode answer) {
    List<String> labels = new ArrayList<>();
    for (JsonNode play : answer.path("plays")) {
      if (play.path("play_id").asText().equals(PLAY)) {
        play.path("actions").forEach(a -> labels.add(a.path("label").asText()));
      }
    }
    return labels;
  }

  /** Polls the agent's answer until it offers {@code label}, for at most 5 s; the time taken. */
  static long untilAgentSees(String label) throws Exception {
    long start = System.nanoTime();
    while (!agentLabels().contains(label)) {
      assertThat(System.nanoTime() - start)
          .as("the agent's answer shows '" + label + "' within 5 s")
          .isLessThan(Duration.ofSeconds(5).toNanos());
      Thread.sleep(50);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Publishes a draft: submitted by its author, approved by the other curator when needed. */
  static Reply publish(String id, String author, String approver) throws Exception {
    call("POST", "/drafts/" + id + "/submit", author, body("why", "ready")).expect(200);
    call("POST", "/drafts/" + id + "/approve", approver, body("why", "looks right")).expect(200);
    return call("POST", "/drafts/" + id + "/publish", approver, body("why", "go live"));
  }

  @Test
  void a_play_is_drafted_reviewed_approved_tried_published_and_rolled_back() throws Exception {
    assertThat(agentLabels()).contains(OLD_LABEL);
    long head = server.services().workspace().history().history(PATH).get(0).revision();

    // The matrix asks for a second curator's approval (edited through the same workflow).
    Reply matrix = call("POST", "/drafts", ana, body("authority", true)).expect(201);
    String matrixId = matrix.json().path("id").asText();
    assertThat(matrix.json().path("path").asText()).isEqualTo(ContentFiles.AUTHORITY);
    String approvals = matrix.json().path("yaml").asText() + "\npublishing:\n  approvals: 1\n";
    call(
            "PUT",
            "/drafts/" + matrixId,
            ana,
            body("yaml", approvals, "why", "two pairs of eyes"),
            "If-Match",
            matrix.etag())
        .expect(200);
    call("POST", "/drafts/" + matrixId + "/publish", ana, body("why", "two pairs of eyes"))
        .expect(200);

    // The list finds the play; the play carries its file's revision as ETag.
    JsonNode listed = call("GET", "/plays?q=BACKORDER", ana, null).expect(200).json();
    assertThat(listed.path("plays").findValuesAsText("id")).contains(PLAY);
    Reply play = call("GET", "/plays/" + PLAY, ana, null).expect(200);
    assertThat(play.json().path("path").asText()).isEqualTo(PATH);
    assertThat(play.etag()).isEqualTo("\"" + play.json().path("revision").asLong() + "\"");

    Reply created =
        call("POST", "/drafts", ana, body("play_id", PLAY, "why", "clearer label")).expect(201);
    String id = created.json().path("id").asText();
    assertThat(created.etag()).isEqualTo("\"1\"");
    assertThat(created.json().path("state").asText()).isEqualTo("draft");
    String yaml = created.json().path("yaml").asText();
    assertThat(call("GET", "/plays/" + PLAY, ana, null).json().path("revision").asLong())
        .isEqualTo(created.json().path("base_revision").asLong());

    // An invalid save is kept, its problem beside its field; submitting it is refused.
    String broken = yaml.replace("kind: expedite", "kind: teleport");
    call("PUT", "/drafts/" + id, ana, body("yaml", broken)).expect(428);
    Reply invalid =
        call("PUT", "/drafts/" + id, ana, body("yaml", broken), "If-Match", "\"1\"").expect(200);
    assertThat(invalid.etag()).isEqualTo("\"2\"");
    JsonNode problem = invalid.json().path("problems").get(0);
    assertThat(problem.path("field").asText()).isEqualTo("actions[1].kind");
    assertThat(problem.path("line").asInt()).isEqualTo(55);
    assertThat(problem.path("message").asText()).contains("teleport");
    Reply refused = call("POST", "/drafts/" + id + "/submit", ana, null).expect(422);
    assertThat(refused.json().path("problems").get(0).path("field").asText())
        .isEqualTo("actions[1].kind");

    // Fixed; a save from the old version is refused with both versions.
    String fixed = yaml.replace(OLD_LABEL, NEW_LABEL);
    Reply saved =
        call("PUT", "/drafts/" + id, ana, body("yaml", fixed), "If-Match", "\"2\"").expect(200);
    assertThat(saved.json().path("problems")).isEmpty();
    Reply stale =
        call("PUT", "/drafts/" + id, sam, body("yaml", yaml + "# sam\n"), "If-Match", "\"2\"")
            .expect(412);
    assertThat(stale.json().path("theirs").path("version").asInt()).isEqualTo(3);
    assertThat(stale.json().path("theirs").path("yaml").asText()).isEqualTo(fixed);
    assertThat(stale.json().path("yours").path("yaml").asText()).endsWith("# sam\n");
    assertThat(call("GET", "/drafts/" + id, ana, null).json().path("yaml").asText())
        .isEqualTo(fixed);

    // Review: not publishable before approval, and not approvable by its author.
    Reply early = call("POST", "/drafts/" + id + "/publish", ana, null).expect(409);
    assertThat(early.json().path("detail").asText()).contains("approval");
    call("POST", "/drafts/" + id + "/submit", ana, body("why", "please look")).expect(200);
    Reply self = call("POST", "/drafts/" + id + "/approve", ana, null).expect(422);
    assertThat(self.json().path("detail").asText())
        .contains("the author cannot approve their own draft");
    JsonNode approved =
        call("POST", "/drafts/" + id + "/approve", sam, body("why", "ok")).expect(200).json();
    assertThat(approved.path("state").asText()).isEqualTo("approved");
    assertThat(approved.path("approved_by").asText()).isEqualTo("sam");

    // Tried: the draft's answer shows the new label, today's the old one.
    JsonNode tried =
        call("POST", "/drafts/" + id + "/try", ana, body("text", SITUATION, "role", "agent"))
            .expect(200)
            .json();
    assertThat(labels(tried.path("draft"))).contains(NEW_LABEL);
    assertThat(labels(tried.path("published"))).contains(OLD_LABEL);
    assertThat(tried.path("differs").asBoolean()).isTrue();
    assertThat(agentLabels()).contains(OLD_LABEL);

    // Published: live for agents within 5 s.
    Reply published = call("POST", "/drafts/" + id + "/publish", sam, body("why", "go live"));
    published.expect(200);
    long revision = published.json().path("revision").asLong();
    assertThat(published.json().path("draft").path("state").asText()).isEqualTo("published");
    long liveMs = untilAgentSees(NEW_LABEL);
    System.out.println(
        "workspace: a changed label was live for agents " + liveMs + " ms after publishing");

    // History, newest first, with who and why; a diff of the change.
    JsonNode history = call("GET", "/plays/" + PLAY + "/history", ana, null).expect(200).json();
    JsonNode latest = history.path("revisions").get(0);
    assertThat(latest.path("revision").asLong()).isEqualTo(revision);
    assertThat(latest.path("author").asText()).isEqualTo("sam");
    assertThat(latest.path("why").asText()).isEqualTo("go live");
    assertThat(latest.path("change").asText()).isEqualTo("changed");
    JsonNode diff =
        call("GET", "/plays/" + PLAY + "/diff?from=" + head + "&to=" + revision, ana, null)
            .expect(200)
            .json();
    assertThat(diff.path("unified").asText())
        .contains("-    label: " + OLD_LABEL)
        .contains("+    label: " + NEW_LABEL);
    List<String> kinds = diff.path("lines").findValuesAsText("kind");
    assertThat(kinds).containsOnly("same", "added", "removed");
    assertThat(kinds.stream().filter("removed"::equals)).hasSize(1);
    Reply unknown = call("GET", "/plays/" + PLAY + "/diff?from=999", ana, null).expect(404);
    assertThat(unknown.json().path("detail").asText()).contains("999");

    // Rolled back: a new revision with the old text, live again.
    JsonNode rolled =
        call(
                "POST",
                "/plays/" + PLAY + "/rollback",
                ana,
                body("revision", head, "why", "the old label was clearer"))
            .expect(200)
            .json();
    assertThat(rolled.path("revision").asLong()).isGreaterThan(revision);
    untilAgentSees(OLD_LABEL);
    JsonNode after = call("GET", "/plays/" + PLAY + "/history", ana, null).json();
    assertThat(after.path("revisions").get(0).path("why").asText())
        .isEqualTo("the old label was clearer");

    // Every step is in the audit log.
    JsonNode audit = call("GET", "/audit?limit=50", ana, null).expect(200).json();
    assertThat(audit.path("entries").findValuesAsText("action"))
        .contains(
            "draft_created",
            "draft_saved",
            "draft_submitted",
            "draft_approved",
            "content_published",
            "content_rolled_back");
  }

  @Test
  void the_authority_matrix_has_its_own_diff_and_rollback() throws Exception {
    JsonNode matrix = call("GET", "/authority", ana, null).expect(200).json();
    long revision = matrix.path("revision").asLong();
    assertThat(matrix.path("yaml").asText()).contains("roles");

    JsonNode same = call("GET", "/authority/diff?from=" + revision, ana, null).expect(200).json();
    assertThat(same.path("lines").findValuesAsText("kind")).containsOnly("same");
    Reply unknown =
        call("POST", "/authority/rollback", ana, body("revision", 999, "why", "undo")).expect(404);
    assertThat(unknown.json().path("detail").asText()).contains("999");
    assertThat(call("GET", "/authority", ana, null).json().path("revision").asLong())
        .isEqualTo(revision);
  }

  @Test
  void a_rollback_to_a_revision_that_no_longer_validates_is_refused_and_nothing_changes()
      throws Exception {
    String play = "orders.damaged-item";
    String path = server.services().workspace().history().playPath(play).orElseThrow();
    ContentRevisions revisions =
        new ContentRevisions(server.services().archive().store(), Clock.systemUTC());
    ContentRevisions.Published now = revisions.published();
    String authority = now.files().texts().get(ContentFiles.AUTHORITY);
    String text = now.files().texts().get(path);
    // A kind is added, a revision of the play uses it, then both go back as they were.
    String withGift =
        authority.replace(
            "action_kinds:\n", "action_kinds:\n  gift: {monetary: false, label: \"Gift\"}\n");
    assertThat(
            revisions.save(
                List.of(
                    new ContentRevisions.Edit(
                        ContentFiles.AUTHORITY,
                        now.revisions().get(ContentFiles.AUTHORITY),
                        withGift)),
                "kim",
                "a gift kind"))
        .isInstanceOf(ContentRevisions.Stored.class);
    String giving =
        text.replace(
            "actions:\n",
            "actions:\n  - id: send-gift\n    kind: gift\n    label: Send a small gift\n");
    assertThat(giving).isNotEqualTo(text);
    ContentRevisions.Saved gift =
        revisions.save(
            List.of(new ContentRevisions.Edit(path, now.revisions().get(path), giving)),
            "kim",
            "gift");
    assertThat(gift).isInstanceOf(ContentRevisions.Stored.class);
    long giftRevision = ((ContentRevisions.Stored) gift).revision();
    ContentRevisions.Published mid = revisions.published();
    assertThat(
            revisions.save(
                List.of(
                    new ContentRevisions.Edit(path, giftRevision, text),
                    new ContentRevisions.Edit(
                        ContentFiles.AUTHORITY,
                        mid.revisions().get(ContentFiles.AUTHORITY),
                        authority)),
                "kim",
                "no gifts after all"))
        .isInstanceOf(ContentRevisions.Stored.class);
    long head = revisions.head();

    Reply refused =
        call("POST", "/plays/" + play + "/rollback", ana, body("revision", giftRevision))
            .expect(422);
    assertThat(refused.json().path("detail").asText()).contains("no longer validates");
    JsonNode problem = refused.json().path("problems").get(0);
    assertThat(problem.path("file").asText()).isEqualTo(path);
    assertThat(problem.path("field").asText()).endsWith("kind");
    assertThat(problem.path("message").asText()).contains("gift");
    assertThat(revisions.head()).isEqualTo(head);
    assertThat(revisions.published().files().texts().get(path)).isEqualTo(text);
  }

  @Test
  void publishing_over_someone_elses_change_is_a_conflict_showing_both_and_the_draft_is_kept()
      throws Exception {
    String play = "shipping.late-delivery";
    Reply mine = call("POST", "/drafts", ana, body("play_id", play)).expect(201);
    Reply theirs = call("POST", "/drafts", sam, body("play_id", play)).expect(201);
    String mineId = mine.json().path("id").asText();
    String theirsId = theirs.json().path("id").asText();
    String base = mine.json().path("yaml").asText();
    String samText = base.replaceFirst("(?m)^title: .*$", "title: Late delivery (sam)");
    String anaText = base.replaceFirst("(?m)^title: .*$", "title: Late delivery (ana)");
    call("PUT", "/drafts/" + theirsId, sam, body("yaml", samText), "If-Match", "\"1\"").expect(200);
    call("PUT", "/drafts/" + mineId, ana, body("yaml", anaText), "If-Match", "\"1\"").expect(200);
    publish(theirsId, sam, ana).expect(200);
    Reply conflict = publish(mineId, ana, sam).expect(409);
    assertThat(conflict.json().path("theirs").path("yaml").asText()).isEqualTo(samText);
    assertThat(conflict.json().path("theirs").path("author").asText()).isEqualTo("ana");
    assertThat(conflict.json().path("theirs").path("revision").asLong()).isPositive();
    assertThat(conflict.json().path("yours").path("yaml").asText()).isEqualTo(anaText);
    JsonNode kept = call("GET", "/drafts/" + mineId, ana, null).expect(200).json();
    assertThat(kept.path("state").asText()).isEqualTo("approved");
    assertThat(kept.path("stale").asBoolean()).isTrue();
    assertThat(kept.path("published").path("yaml").asText()).isEqualTo(samText);
  }

  @Test
  void agents_and_senior_agents_are_refused_whatever_they_send() throws Exception {
    for (String token : List.of(agent, senior)) {
      assertThat(call("POST", "/drafts", token, body("play_id", PLAY)).status()).isEqualTo(403);
      assertThat(call("POST", "/drafts", token, body("nonsense", 1)).status()).isEqualTo(403);
      assertThat(call("GET", "/plays", token, null).status()).isEqualTo(403);
    }
  }

  @Test
  void a_play_drafted_from_phrasings_shows_what_a_person_must_fill() throws Exception {
    JsonNode draft =
        call(
                "POST",
                "/drafts",
                ana,
                body(
                    "examples",
                    List.of("parcel left with neighbour", "neighbour has my parcel"),
                    "title",
                    "Parcel left with a neighbour",
                    "domain",
                    "shipping-delivery"))
            .expect(201)
            .json();
    assertThat(draft.path("play_id").asText())
        .isEqualTo("shipping-delivery.parcel-left-with-a-neighbour");
    assertThat(draft.path("path").asText())
        .isEqualTo(
            "playbooks/shipping-delivery/shipping-delivery.parcel-left-with-a-neighbour.yaml");
    assertThat(draft.path("play").path("examples")).hasSize(2);
    assertThat(draft.path("problems").findValuesAsText("field")).contains("owner", "review_by");
    assertThat(draft.path("published").isNull()).isTrue();
    JsonNode listed = call("GET", "/drafts?state=draft", ana, null).expect(200).json();
    assertThat(listed.path("drafts").findValuesAsText("id")).contains(draft.path("id").asText());
  }

  @Test
  void a_new_play_is_tried_then_answers_agents_within_5_s_of_publishing() throws Exception {
    String id = "orders.gift-wrap-missing";
    String text = "paid extra for gift wrap but the present came unwrapped";
    String yaml =
        """
        id: orders.gift-wrap-missing
        title: Gift wrap missing from the order
        situation: >
          The customer paid for gift wrapping and the parcel arrived without it.
        examples:
          - "paid for gift wrap but it came unwrapped"
          - "the present arrived without the gift wrapping I paid for"
          - "no gift wrap on my order even though I paid extra for it"
          - "gift wrapping missing, was charged for it"
        actions:
          - id: refund-wrap
            kind: refund
            label: Refund the gift-wrap charge
            amount: 5
            policy: "Returns policy R-9 - extras"
        owner: orders-team
        status: published
        version: 1
        review_by: 2027-12-31
        """;
    Reply created =
        call("POST", "/drafts", ana, body("yaml", yaml, "domain", "orders-returns")).expect(201);
    String draft = created.json().path("id").asText();
    assertThat(created.json().path("problems")).as(created.json().toString()).isEmpty();
    assertThat(created.json().path("path").asText())
        .isEqualTo("playbooks/orders-returns/orders.gift-wrap-missing.yaml");
    JsonNode tried =
        call("POST", "/drafts/" + draft + "/try", ana, body("text", text, "role", "agent"))
            .expect(200)
            .json();
    assertThat(tried.path("draft").path("plays").findValuesAsText("play_id")).contains(id);
    assertThat(tried.path("published").path("plays").findValuesAsText("play_id"))
        .doesNotContain(id);
    assertThat(tried.path("differs").asBoolean()).isTrue();

    publish(draft, ana, sam).expect(200);
    long start = System.nanoTime();
    while (!call("POST", "/suggest", agent, body("text", text))
        .expect(200)
        .json()
        .path("plays")
        .findValuesAsText("play_id")
        .contains(id)) {
      assertThat(System.nanoTime() - start)
          .as("the new play answers within 5 s of publishing")
          .isLessThan(Duration.ofSeconds(5).toNanos());
      Thread.sleep(100);
    }
    System.out.println(
        "workspace: a new play answered agents "
            + (System.nanoTime() - start) / 1_000_000
            + " ms after publishing");
  }
}
