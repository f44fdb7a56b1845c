package dev.leeway.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.LeewayServer;
import dev.leeway.config.ServerConfig;
import dev.leeway.insights.Insights;
import dev.leeway.insights.Period;
import dev.leeway.json.Json;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the dashboard's figures take over 100,000 stored answers, on SQLite and PostgreSQL. The
 * answers are real ones from the starter pack (taken through /suggest, with their traces), copied
 * over 30 days and three roles. Run by hand: {@code -Dinsights.bench=100000}.
 */
class InsightsBenchmark {

  @TempDir Path dataDir;
  @TempDir Path pgDir;

  static final List<String> TEXTS =
      List.of(
          "parcel says delivered but she never got it",
          "kettle arrived smashed, she paid $120 and sent photos",
          "order still says awaiting stock after 3 weeks, order was $80",
          "wants a refund for an order from 45 days ago, she's silver",
          "charged twice for the same order",
          "customer wants goodwill credit for a late delivery of $40",
          "he says he'll take us to court over the refund",
          "points from my last order havent shown up",
          "can't log in, account locked after too many tries",
          "what's the weather like in leeds tomorrow",
          "wants to cancel his subscription before renewal",
          "price dropped the day after she bought it, wants the difference of $30");

  @Test
  void figures_over_a_hundred_thousand_answers() throws Exception {
    String n = System.getProperty("insights.bench");
    assumeTrue(n != null, "run with -Dinsights.bench=100000");
    int total = Integer.parseInt(n);
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST,
                    "127.0.0.1",
                    ServerConfig.DATA_DIR,
                    dataDir.toString(),
                    ServerConfig.BURST,
                    "1000"))
            .withPort(0);
    try (LeewayServer server = LeewayServer.start(config, StoreSettings.embedded(dataDir))) {
      String token = server.services().tokens().issue("bench", "agent", Instant.now());
      HttpClient http = HttpClient.newHttpClient();
      List<AnswerRow> samples = new ArrayList<>();
      for (String text : TEXTS) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/suggest"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            Json.json()
                                .writeValueAsString(Map.of("text", text, "customer_id", "c1"))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.json().readTree(r.body());
        samples.add(server.services().archive().answer(json.get("answer_id").asText()).get());
      }
      long bytes = samples.stream().mapToLong(a -> a.answer().length()).sum() / samples.size();
      System.out.printf("sample answers: %d, mean answer JSON %d bytes%n", samples.size(), bytes);
      var content = server.services().advisor().content();
      Store sqlite = server.services().archive().store();
      fill(sqlite, samples, total, content);
      time("SQLite", sqlite, content, total);
      String supervisor = server.services().tokens().issue("sam", "supervisor", Instant.now());
      overHttp(http, server.port(), supervisor, sqlite);
      backfill("SQLite", sqlite, content);
      String url = TestDatabases.create();
      try (Store pg = Store.open(StoreSettings.postgres(url, pgDir))) {
        fill(pg, samples, total, content);
        time("PostgreSQL", pg, content, total);
        backfill("PostgreSQL", pg, content);
      } finally {
        TestDatabases.drop(url);
      }
    }
  }

  static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  static final List<String> ROLES = List.of("agent", "agent", "agent", "senior_agent");

  /**
   * The whole dashboard request ({@code GET /api/v1/insights}, every figure) over HTTP, five times:
   * the first on the server's fresh figures (no day kept), then with the days kept.
   */
  static void overHttp(HttpClient http, int port, String token, Store store) throws Exception {
    forget(store);
    long[] ms = new long[5];
    int status = 0;
    long answers = 0;
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + port
                              + "/api/v1/insights?from=2026-03-01&to=2026-03-30"))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
      status = r.statusCode();
      answers = Json.json().readTree(r.body()).path("answers").asLong();
    }
    System.out.printf(
        "SQLite over HTTP, GET /api/v1/insights (30 days): status %d, %d answers; wall ms %s"
            + " (the first with no day kept)%n",
        status, answers, Arrays.toString(ms));
  }

  /** Removes the days' counts kept in the store, so that the next report counts every day. */
  static void forget(Store store) throws Exception {
    store.flush().get();
    store
        .write(
            c -> {
              try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM insight_days");
              }
              return null;
            })
        .get();
  }

  /** Once, on a store of answers kept before the digest: the first report writes the digests. */
  static void backfill(String name, Store store, dev.leeway.playbook.Content content)
      throws Exception {
    forget(store);
    store
        .write(
            c -> {
              try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM answer_digests");
              }
              return null;
            })
        .get();
    Period period = new Period(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-30"));
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long answers =
        new Insights(store).report(period, content, LocalDate.parse("2026-03-31")).answers();
    System.out.printf(
        "%s, answers without digests (a store from before): the first report, which writes"
            + " them, %d answers: wall %d ms, CPU ms of the reading thread %d%n",
        name,
        answers,
        (System.nanoTime() - t0) / 1_000_000,
        (threads.getCurrentThreadCpuTime() - c0) / 1_000_000);
  }

  static void fill(
      Store store, List<AnswerRow> samples, int total, dev.leeway.playbook.Content content)
      throws Exception {
    // Each answer with its digest, as the server writes them.
    List<dev.leeway.insights.AnswerDigest> digests = new ArrayList<>();
    for (AnswerRow s : samples) {
      digests.add(dev.leeway.insights.AnswerDigest.of(s.at(), s.role(), s.outcome(), s.answer()));
    }
    int batch = 2000;
    for (int from = 0; from < total; from += batch) {
      int start = from;
      int end = Math.min(total, from + batch);
      store
          .write(
              c -> {
                for (int i = start; i < end; i++) {
                  AnswerRow s = samples.get(i % samples.size());
                  Instant at = START.plusMillis((long) i * (30L * 86_400_000L / total));
                  String role = ROLES.get(i % ROLES.size());
                  dev.leeway.insights.AnswerDigest d = digests.get(i % samples.size());
                  store
                      .answers()
                      .insert(
                          c,
                          new AnswerRow(
                              "bench-" + i,
                              at,
                              s.user(),
                              role,
                              s.channel(),
                              null,
                              null,
                              s.customerId(),
                              s.today(),
                              s.text(),
                              s.context(),
                              s.contentVersion(),
                              s.outcome(),
                              s.answer()));
                  dev.leeway.insights.Digests.insert(
                      c,
                      "bench-" + i,
                      new dev.leeway.insights.AnswerDigest(
                              at, role, d.outcome(), d.plays(), d.actions())
                          .withCaps(content.authority()));
                }
                return null;
              })
          .get();
    }
  }

  static void time(String name, Store store, dev.leeway.playbook.Content content, int total)
      throws Exception {
    Period period = new Period(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-30"));
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (String mode :
        List.of(
            "first look (no day kept: every day counted from the digests, a new instance each run)",
            "after a restart (the days kept in the store, a new instance each run)",
            "warm (one instance)")) {
      Insights kept = new Insights(store);
      long[] ms = new long[5];
      long[] cpu = new long[5];
      long answers = 0;
      for (int i = 0; i < ms.length; i++) {
        if (mode.startsWith("first")) {
          forget(store);
        }
        Insights insights = mode.startsWith("warm") ? kept : new Insights(store);
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        answers = insights.report(period, content, LocalDate.parse("2026-03-31")).answers();
        ms[i] = (System.nanoTime() - t0) / 1_000_000;
        cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
      }
      System.out.printf(
          "%s %s: %d answers of %d stored; wall ms %s, CPU ms of the reading thread %s%n",
          name, mode, answers, total, Arrays.toString(ms), Arrays.toString(cpu));
    }
    // The JSON alone: the whole tree against the stream that skips facts, CPU of this thread.
    List<String> json = new ArrayList<>();
    store.read(
        c -> {
          try (var s = c.createStatement();
              var rs = s.executeQuery("SELECT answer FROM answers LIMIT 12")) {
            while (rs.next()) {
              json.add(rs.getString(1));
            }
          }
          return null;
        });
    for (int round = 0; round < 2; round++) {
      long c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < 20_000; i++) {
        try {
          Json.json().readTree(json.get(i % json.size()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      long tree = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
      c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < 20_000; i++) {
        dev.leeway.insights.AnswerDigest.of(Instant.EPOCH, "agent", "matched", json.get(i % 12));
      }
      long stream = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
      System.out.printf(
          "%s: 20,000 answers parsed: tree %d ms CPU, stream %d ms CPU%n", name, tree, stream);
    }
  }
}
