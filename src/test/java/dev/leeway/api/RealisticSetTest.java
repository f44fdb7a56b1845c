package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leeway.api.RealisticSet.Conv;
import dev.leeway.api.RealisticSet.Situation;
import dev.leeway.api.RealisticSet.Turn;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.Play;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's realistic set: situations and conversations in agents' own words, written with their
 * expected plays, verdicts and urgent paths before they were run, sent through the real server's
 * REST API (conversations, messages, new cases) as the page sends them.
 *
 * <p>It asserts the issue's targets on the set: the right play for at least 95% of the items; the
 * right verdict on every action whose verdict is clear; no fact carried from one case to the next
 * (and every case boundary where it belongs); every urgent case escalated with its urgent path; and
 * a first answer that asks a question on every action in at most a third of the matched situations.
 * The figures are printed on every run; {@code -Drealistic.dump=true} also prints what the server
 * answered for every item, like {@code ScenarioSuiteTest}.
 */
class RealisticSetTest {

  static final double PLAY_TARGET = 0.95;
  static final double ALL_NEED_INFO_AT_MOST = 1.0 / 3;
  static final int MIN_SITUATIONS = 60;
  static final int MIN_CONVERSATIONS = 15;

  @TempDir static Path dataDir;

  static LeewayServer server;
  static HttpClient http;
  static String base;
  static Content content;

  @BeforeAll
  static void start() throws Exception {
    content =
        switch (ContentLoader.load(
            Path.of("playbooks"), Path.of("config/authority.yaml"), Path.of("config/facts.yaml"))) {
          case LoadResult.Loaded<Content> loaded -> loaded.value();
          case LoadResult.Invalid<Content> invalid ->
              throw new AssertionError("the starter pack does not load: " + invalid.problems());
        };
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST, "127.0.0.1",
                    ServerConfig.DATA_DIR, dataDir.toString(),
                    ServerConfig.RATE, "1000",
                    ServerConfig.BURST, "1000"))
            .withPort(0);
    server = SharedBuildCache.around(dataDir, () -> LeewayServer.start(config));
    http = HttpClient.newHttpClient();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (http != null) {
      http.close();
    }
  }

  // ---- the targets ----

  @Test
  void the_realistic_set_keeps_what_it_has_reached() throws Exception {
    RealisticSet set = RealisticSet.load();
    boolean dump = Boolean.getBoolean("realistic.dump");
    Tally tally = new Tally();

    for (Situation s : set.situations()) {
      String conversation = create(s.role(), "rs-" + s.id());
      JsonNode reply =
          post(conversation, s.role(), "rs-" + s.id(), message(s.text(), s.facts(), false, set));
      RealisticAnswer a = RealisticAnswer.check(s.id(), s.text(), reply, s.expect());
      tally.situation(a);
      if (dump) {
        System.out.println(report(a));
      }
    }
    for (Conv c : set.conversations()) {
      run(c, set, tally, dump);
    }

    String figures = tally.figures();
    System.out.println(tally.failures());
    System.out.println(figures);

    // The issue's targets are asserted with -Drealistic.targets=true; every build holds the set to
    // what it has reached, so a change that loses ground fails.
    boolean targets = Boolean.getBoolean("realistic.targets");
    Bar bar =
        targets
            ? new Bar(
                PLAY_TARGET, tally.verdictsExpected, 0, 0, tally.urgentCases, ALL_NEED_INFO_AT_MOST)
            : REACHED;
    assertThat(missed(tally, bar))
        .as((targets ? "issue 18 targets" : "what the set has reached") + "\n" + figures)
        .isEmpty();
  }

  /**
   * A bar the set must clear: the least share of right plays, right verdicts and urgent paths, the
   * most carried facts, wrong case boundaries and share of first answers that only ask.
   */
  record Bar(
      double play,
      int verdictsRight,
      int carriedAtMost,
      int caseProblemsAtMost,
      int urgentMet,
      double allNeedInfoAtMost) {}

  /** What the set reached when last measured (see docs/benchmarks.md); raise it as it improves. */
  static final Bar REACHED = new Bar(0.937, 124, 0, 0, 22, 0.171);

  static List<String> missed(Tally tally, Bar bar) {
    List<String> missed = new ArrayList<>();
    if (tally.playShare() < bar.play()) {
      missed.add(
          String.format(Locale.ROOT, "right play %.3f < %.3f", tally.playShare(), bar.play()));
    }
    if (tally.verdictsRight < bar.verdictsRight()) {
      missed.add(
          "right verdicts "
              + tally.verdictsRight
              + " of "
              + tally.verdictsExpected
              + " clear ones, under "
              + bar.verdictsRight());
    }
    if (tally.carried.size() > bar.carriedAtMost()) {
      missed.add(tally.carried.size() + " facts carried across cases");
    }
    if (tally.caseProblems > bar.caseProblemsAtMost()) {
      missed.add(tally.caseProblems + " turns with the wrong case number or case start");
    }
    if (tally.urgentMet < bar.urgentMet()) {
      missed.add("urgent path taken in " + tally.urgentMet + " of " + tally.urgentCases);
    }
    if (tally.allNeedInfoShare() > bar.allNeedInfoAtMost()) {
      missed.add(
          String.format(
              Locale.ROOT,
              "first answers asking on every action %.3f > %.3f",
              tally.allNeedInfoShare(),
              bar.allNeedInfoAtMost()));
    }
    return missed;
  }

  private void run(Conv c, RealisticSet set, Tally tally, boolean dump) throws Exception {
    String customer = "rc-" + c.id();
    String conversation = create(c.role(), customer);
    int number = 0;
    int caseStartTurn = 1;
    int expectedCase = 1;
    for (Turn t : c.turns()) {
      number++;
      String item = c.id() + " #" + number;
      List<String> caseProblems = new ArrayList<>();
      if (t.startCase()) {
        HttpResponse<String> started =
            send(
                "POST",
                "/api/v1/conversations/" + conversation + "/cases",
                c.role(),
                customer,
                null);
        JsonNode body = parse(started);
        if (started.statusCode() != 201) {
          caseProblems.add(
              "POST .../cases: expected 201, got " + started.statusCode() + " " + started.body());
        } else if (t.caseNumber() != null && body.path("case").asInt() != t.caseNumber()) {
          caseProblems.add(
              "POST .../cases: expected case " + t.caseNumber() + ", got " + body.path("case"));
        }
      }
      JsonNode reply =
          post(conversation, c.role(), customer, message(t.text(), Map.of(), t.newCase(), set));
      // The case starts at the first sending of its text, even when the agent had to confirm it:
      // the facts of that turn belong to the new case, not to the one before.
      int turnNumber = reply.path("turn").asInt(number);
      boolean confirmed = false;
      if (t.confirmOk()
          && reply.path("follow_up").path("type").asText().equals("confirm_new_case")) {
        confirmed = true;
        reply = post(conversation, c.role(), customer, message(t.text(), Map.of(), true, set));
      }
      if (t.caseNumber() != null && t.caseNumber() != expectedCase) {
        caseStartTurn = turnNumber;
        expectedCase = t.caseNumber();
      }
      if (t.caseNumber() != null
          && (!reply.has("case") || reply.path("case").asInt() != t.caseNumber())) {
        caseProblems.add(
            "case: expected "
                + t.caseNumber()
                + ", got "
                + (reply.has("case") ? reply.path("case").asInt() : "no case field"));
      }
      if (t.caseStarted() != null
          && !t.startCase()
          && reply.path("case_started").asBoolean(false) != t.caseStarted()) {
        caseProblems.add(
            "case_started: expected "
                + t.caseStarted()
                + ", got "
                + reply.path("case_started").asBoolean(false)
                + (confirmed ? " (after confirming)" : ""));
      }
      RealisticAnswer a = RealisticAnswer.check(item, t.text(), reply, t.expect());
      List<String> carried = carried(reply, caseStartTurn, t.notCarried());
      List<String> guardrailLeft = new ArrayList<>();
      if (t.noGuardrail()) {
        if (reply.path("answer").path("guardrails").size() > 0) {
          guardrailLeft.add("guardrail still fires: " + reply.path("answer").path("guardrails"));
        }
        for (JsonNode action : reply.path("answer").path("plays").path(0).path("actions")) {
          if (action.path("decision").asText().equals("ESCALATE")) {
            guardrailLeft.add(
                action.path("action_id").asText()
                    + " escalated to "
                    + action.path("escalate_to").asText());
          }
        }
      }
      tally.turn(a, caseProblems, carried, guardrailLeft);
      if (dump) {
        System.out.println(
            report(a)
                + Stream.of(caseProblems, carried, guardrailLeft)
                    .flatMap(List::stream)
                    .map(p -> "\n      ! " + p)
                    .collect(Collectors.joining()));
      }
    }
    if (c.transcript() != null) {
      HttpResponse<String> got =
          send("GET", "/api/v1/conversations/" + conversation, c.role(), customer, null);
      JsonNode transcript = parse(got);
      List<String> problems = new ArrayList<>();
      if (c.transcript().cases() != null
          && transcript.path("cases").size() != c.transcript().cases()) {
        problems.add(
            "transcript: expected "
                + c.transcript().cases()
                + " cases, got "
                + (transcript.has("cases") ? transcript.path("cases").size() : "no cases field"));
      }
      for (String name : c.transcript().factsAbsent()) {
        for (JsonNode f : transcript.path("facts")) {
          if (f.path("name").asText().equals(name) && fromEarlierCase(f, caseStartTurn)) {
            problems.add("transcript facts still show " + RealisticAnswer.show(f));
          }
        }
      }
      tally.transcript(c.id(), problems);
      if (dump && !problems.isEmpty()) {
        problems.forEach(p -> System.out.println("  " + c.id() + " transcript ! " + p));
      }
    }
  }

  /**
   * Facts of an earlier case in this answer: any fact read from a turn before the case started, and
   * any of the named ones that the current case's words did not give.
   */
  static List<String> carried(JsonNode reply, int caseStartTurn, List<String> named) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<JsonNode> facts = new ArrayList<>();
    reply.path("answer").path("facts").forEach(facts::add);
    for (JsonNode a : reply.path("answer").path("plays").path(0).path("actions")) {
      a.path("trace").path("facts").forEach(facts::add);
    }
    for (JsonNode f : facts) {
      String name = f.path("name").asText();
      if (fromEarlierCase(f, caseStartTurn) && seen.add(name)) {
        out.add(
            (named.contains(name) ? "carried (named): " : "carried: ") + RealisticAnswer.show(f));
      }
    }
    return out;
  }

  /** A fact given in words (or context) at a turn before the case in hand began. */
  static boolean fromEarlierCase(JsonNode fact, int caseStartTurn) {
    JsonNode source = fact.path("source");
    String type = source.path("type").asText();
    if (type.equals("assumed") || type.equals("derived")) {
      return false;
    }
    return source.has("turn") && source.path("turn").asInt() < caseStartTurn;
  }

  // ---- the data files ----

  @Test
  void the_set_is_big_enough_and_names_real_plays_actions_and_guardrails() {
    RealisticSet set = RealisticSet.load();
    assertThat(set.situations()).as("situations").hasSizeGreaterThanOrEqualTo(MIN_SITUATIONS);
    assertThat(set.conversations())
        .as("conversations")
        .hasSizeGreaterThanOrEqualTo(MIN_CONVERSATIONS);

    Map<String, Play> published = new LinkedHashMap<>();
    content.playbook().published().forEach(p -> published.put(p.id(), p));
    Set<String> guardrails =
        content.authority().guardrails().stream()
            .map(g -> g.id())
            .collect(Collectors.toCollection(HashSet::new));
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Situation s : set.situations()) {
      if (!ids.add(s.id())) {
        problems.add(s.id() + ": id used twice");
      }
      checkNames(s.id(), s.expect(), published, guardrails, problems);
    }
    for (Conv c : set.conversations()) {
      if (!ids.add(c.id())) {
        problems.add(c.id() + ": id used twice");
      }
      int n = 0;
      for (Turn t : c.turns()) {
        checkNames(c.id() + " #" + ++n, t.expect(), published, guardrails, problems);
      }
    }
    assertThat(problems).isEmpty();

    long urgent = set.situations().stream().filter(s -> s.expect().urgent() != null).count();
    long none = set.situations().stream().filter(s -> s.expect().play().expectsNone()).count();
    long switches =
        set.conversations().stream()
            .flatMap(c -> c.turns().stream())
            .filter(t -> Boolean.TRUE.equals(t.caseStarted()) || t.startCase())
            .count();
    assertThat(urgent).as("urgent situations").isGreaterThanOrEqualTo(10);
    assertThat(none).as("situations no play covers").isGreaterThanOrEqualTo(4);
    assertThat(switches).as("case switches in conversations").isGreaterThanOrEqualTo(15);
  }

  private static void checkNames(
      String item,
      RealisticSet.Expect expect,
      Map<String, Play> published,
      Set<String> guardrails,
      List<String> problems) {
    List<Play> plays = new ArrayList<>();
    if (expect.play() != null) {
      for (String p : expect.play().accepted()) {
        if (p.equals("none") || p.startsWith("~")) {
          continue;
        }
        if (!published.containsKey(p)) {
          problems.add(item + ": no published play " + p);
        } else {
          plays.add(published.get(p));
        }
      }
    }
    Set<String> actions = new HashSet<>();
    List<String> named = new ArrayList<>(expect.verdicts().keySet());
    if (expect.urgent() != null) {
      named.addAll(expect.urgent().actions());
      if (expect.urgent().guardrail() != null
          && !guardrails.contains(expect.urgent().guardrail())) {
        problems.add(item + ": no guardrail " + expect.urgent().guardrail());
      }
    }
    if (!named.isEmpty() && plays.isEmpty()) {
      problems.add(item + ": names actions " + named + " but no play from the pack");
    }
    for (Play p : plays) {
      p.actions().forEach(a -> actions.add(p.id() + "/" + a.id()));
      for (String a : named) {
        if (!actions.contains(p.id() + "/" + a)) {
          problems.add(item + ": " + p.id() + " has no action " + a);
        }
      }
    }
  }

  @Test
  void the_texts_are_fresh_not_the_plays_examples_or_other_fixtures() throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    for (Play play : content.playbook().plays()) {
      play.examples().forEach(e -> known.put(normalise(e), "an example of " + play.id()));
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (Path fixture :
        List.of(
            Path.of("src/test/resources/scenarios/starter-pack.yaml"),
            Path.of("src/test/resources/facts/dev.yaml"),
            Path.of("src/test/resources/facts/holdout.yaml"))) {
      try (InputStream in = Files.newInputStream(fixture)) {
        yaml.readTree(in)
            .findValues("text")
            .forEach(t -> known.put(normalise(t.asText()), "in " + fixture));
      }
    }
    RealisticSet set = RealisticSet.load();
    List<String> copied = new ArrayList<>();
    Stream.concat(
            set.situations().stream().map(Situation::text),
            set.conversations().stream().flatMap(c -> c.turns().stream()).map(Turn::text))
        .filter(t -> t.length() > 12 && known.containsKey(normalise(t)))
        .forEach(t -> copied.add("\"" + t + "\" is " + known.get(normalise(t))));
    assertThat(copied).as("texts copied from elsewhere").isEmpty();
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
  }

  // ---- the server ----

  private String create(String role, String customer) throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "/api/v1/conversations",
            role,
            customer,
            Json.json().writeValueAsString(Map.of("customer_id", customer)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return parse(created).path("id").asText();
  }

  private static String message(
      String text, Map<String, Object> facts, boolean newCase, RealisticSet set)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    body.put("today", set.today().toString());
    if (!facts.isEmpty()) {
      body.put("facts", facts);
    }
    if (newCase) {
      body.put("new_case", true);
    }
    return Json.json().writeValueAsString(body);
  }

  private JsonNode post(String conversation, String role, String user, String body)
      throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/v1/conversations/" + conversation + "/messages", role, user, body);
    if (response.statusCode() != 200) {
      // A refused field (new_case before the contract is in) is reported as the item's failure.
      return Json.json()
          .createObjectNode()
          .put("kind", "error " + response.statusCode())
          .put("message", response.body());
    }
    return parse(response);
  }

  private static final Map<String, String> TOKENS = new LinkedHashMap<>();

  /** One user per item (so no budget, rate or conversation limit is shared), signed in once. */
  private static synchronized String token(String user, String role) {
    return TOKENS.computeIfAbsent(
        user + "/" + role, k -> server.services().tokens().issue(user, role, Instant.now()));
  }

  private static HttpResponse<String> send(
      String method, String path, String role, String user, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token(user, role));
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode parse(HttpResponse<String> response) throws IOException {
    String body = response.body();
    return body == null || body.isBlank()
        ? Json.json().createObjectNode()
        : Json.json().readTree(body);
  }

  private static String report(RealisticAnswer a) {
    StringBuilder out = new StringBuilder();
    out.append(a.problems().isEmpty() ? "  ok   " : "  FAIL ")
        .append(a.item())
        .append(": \"")
        .append(a.text())
        .append("\"\n        got ")
        .append(a.got());
    a.problems().forEach(p -> out.append("\n      - ").append(p));
    return out.toString();
  }

  // ---- the figures ----

  /** What the run measured, over situations and conversation turns. */
  static final class Tally {
    int playExpected;
    int playRight;
    int verdictsExpected;
    int verdictsRight;
    int urgentCases;
    int urgentMet;
    int matchedSituations;
    int allNeedInfo;
    int caseProblems;
    int turns;
    final List<String> carried = new ArrayList<>();
    final List<String> failing = new ArrayList<>();

    void situation(RealisticAnswer a) {
      common(a);
      if (a.matched()) {
        matchedSituations++;
        if (a.allNeedInfo()) {
          allNeedInfo++;
        }
      }
      if (!a.problems().isEmpty()) {
        failing.add(a.item() + ": " + String.join("; ", a.problems()));
      }
    }

    void turn(
        RealisticAnswer a,
        List<String> caseProblems,
        List<String> carriedFacts,
        List<String> guardrailLeft) {
      turns++;
      common(a);
      if (!caseProblems.isEmpty()) {
        this.caseProblems++;
      }
      carriedFacts.forEach(c -> carried.add(a.item() + " " + c));
      List<String> all = new ArrayList<>(a.problems());
      all.addAll(caseProblems);
      all.addAll(carriedFacts);
      all.addAll(guardrailLeft);
      if (!guardrailLeft.isEmpty()) {
        // A guardrail left over from the previous case is a fact carried across cases.
        guardrailLeft.forEach(g -> carried.add(a.item() + " " + g));
      }
      if (!all.isEmpty()) {
        failing.add(a.item() + ": " + String.join("; ", all));
      }
    }

    void transcript(String conversation, List<String> problems) {
      problems.forEach(p -> carried.add(conversation + " " + p));
      if (!problems.isEmpty()) {
        failing.add(conversation + " transcript: " + String.join("; ", problems));
      }
    }

    private void common(RealisticAnswer a) {
      if (a.playRight() != null) {
        playExpected++;
        if (a.playRight()) {
          playRight++;
        }
      }
      verdictsExpected += a.verdictsExpected();
      verdictsRight += a.verdictsRight();
      if (a.urgentMet() != null) {
        urgentCases++;
        if (a.urgentMet()) {
          urgentMet++;
        }
      }
    }

    double playShare() {
      return playExpected == 0 ? 1 : (double) playRight / playExpected;
    }

    double allNeedInfoShare() {
      return matchedSituations == 0 ? 0 : (double) allNeedInfo / matchedSituations;
    }

    String failures() {
      return failing.isEmpty()
          ? "Realistic set: every item as expected"
          : "Realistic set, items not as expected:\n"
              + failing.stream().map(f -> "  - " + f).collect(Collectors.joining("\n"));
    }

    String figures() {
      return String.format(
          Locale.ROOT,
          "Realistic set figures:%n"
              + "  right play            %d/%d = %.3f (target >= %.2f)%n"
              + "  right verdicts        %d/%d = %.3f (target: all)%n"
              + "  urgent path taken     %d/%d (target: all)%n"
              + "  all-NEED_INFO first answers %d/%d matched situations = %.3f (target <= 0.333)%n"
              + "  facts carried across cases %d (target 0); turns with a wrong case boundary %d of %d (target 0)",
          playRight,
          playExpected,
          playShare(),
          PLAY_TARGET,
          verdictsRight,
          verdictsExpected,
          verdictsExpected == 0 ? 1.0 : (double) verdictsRight / verdictsExpected,
          urgentMet,
          urgentCases,
          allNeedInfo,
          matchedSituations,
          allNeedInfoShare(),
          carried.size(),
          caseProblems,
          turns);
    }
  }
}
