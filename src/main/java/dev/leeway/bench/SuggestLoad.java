package dev.leeway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

/**
 * Suggest requests from the client's one event loop. Closed loops (rate 0): each of N connections
 * sends, waits for the whole answer and sends again, so the server is always saturated and the
 * latency is mostly queueing. Paced: requests fall due at random times, exactly the offered rate's
 * worth in each window ({@link ArrivalSchedule}), whatever the server's speed, and queue for one of
 * the N connections when all are busy; latency counts from when a request fell due, so a slow
 * server cannot hide its backlog.
 */
final class SuggestLoad {

  /**
   * {@code dueTimes} and {@code latenciesByDue} paired, in completion order; only answers due in
   * the measured window.
   */
  record Result(
      Latencies latency,
      long[] dueTimes,
      long[] latenciesByDue,
      ErrorCounts errors,
      int matched,
      int unmatched,
      long lastCompletion) {
    int answers() {
      return latenciesByDue.length;
    }
  }

  final long start;
  final long measureFrom;
  final long end;
  final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final Vertx vertx;
  private final HttpClientAgent http;
  private final List<String> tokens;
  private final double perSecond;
  private final int connections;
  private final Random random;
  // Touched only on the client's event loop.
  private final Latencies latency = new Latencies();
  private final LongStream.Builder latencies = LongStream.builder();
  private final LongStream.Builder dueTimes = LongStream.builder();
  private final ErrorCounts errors = new ErrorCounts();
  private int matched;
  private int unmatched;
  private long lastCompletion;
  private int running;
  private long[] schedule;
  private int sent;
  private boolean arriving;

  /**
   * A closed-loop load when {@code perSecond} is 0, else paced at that rate; nothing is sent before
   * {@link #begin()}.
   */
  SuggestLoad(
      Vertx vertx,
      HttpClientAgent http,
      List<String> tokens,
      LoadPlan plan,
      double perSecond,
      long start) {
    this.vertx = vertx;
    this.http = http;
    this.tokens = tokens;
    this.perSecond = perSecond;
    this.connections = plan.connections();
    this.random = new Random(plan.seed());
    this.start = start;
    this.measureFrom = start + (long) (plan.warmup() * 1e9);
    this.end = measureFrom + (long) (plan.duration() * 1e9);
  }

  /** Starts the load; call on the client's event loop. */
  void begin() {
    if (perSecond > 0) {
      arriving = true;
      schedule = ArrivalSchedule.of(perSecond, start, measureFrom, end, random);
      arrive();
      return;
    }
    running = connections;
    for (int i = 0; i < connections; i++) {
      next(i);
    }
  }

  private void next(int connection) {
    long t0 = System.nanoTime();
    if (t0 - end >= 0) {
      stopped();
      return;
    }
    send(connection, t0, () -> next(connection), () -> vertx.setTimer(10, id -> next(connection)));
  }

  /** Sends every request now due, then waits for the next; the pool queues what it cannot send. */
  private void arrive() {
    long now = System.nanoTime();
    while (sent < schedule.length && schedule[sent] - now <= 0) {
      running++;
      // Every token in turn, as agents share the connections.
      send(sent % tokens.size(), schedule[sent++], this::stopped, this::stopped);
    }
    if (sent == schedule.length) {
      arriving = false;
      if (running == 0) {
        finished.complete(null);
      }
      return;
    }
    vertx.setTimer(Math.max(1, (schedule[sent] - now) / 1_000_000), id -> arrive());
  }

  private void stopped() {
    if (--running == 0 && !arriving) {
      finished.complete(null);
    }
  }

  /** One request from {@code t0}; then {@code next} on a good answer, {@code retry} on an error. */
  private void send(int user, long t0, Runnable next, Runnable retry) {
    String body =
        new JsonObject()
            .put("text", AgentTexts.TEXTS.get(random.nextInt(AgentTexts.TEXTS.size())))
            .encode();
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI("/api/v1/suggest")
            .putHeader("Authorization", "Bearer " + tokens.get(user))
            .putHeader("Content-Type", "application/json")
            .setIdleTimeout(30_000);
    http.request(request)
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b}))
        .onComplete(
            done -> {
              long t1 = System.nanoTime();
              String error = null;
              if (done.failed()) {
                error = ErrorCounts.kind(done.cause());
              } else if ((int) done.result()[0] != 200) {
                error = "http " + done.result()[0];
              } else {
                String answer = done.result()[1].toString();
                boolean isMatched = answer.contains("\"outcome\":\"matched\"");
                if (!isMatched
                    && !answer.contains("\"outcome\":\"no_match\"")
                    && !answer.contains("\"outcome\":\"vague\"")) {
                  error = "200 without an outcome";
                } else if (t0 - measureFrom >= 0) {
                  latency.record(t1 - t0);
                  latencies.add(t1 - t0);
                  dueTimes.add(t0);
                  lastCompletion = t1;
                  if (isMatched) {
                    matched++;
                  } else {
                    unmatched++;
                  }
                }
              }
              if (error == null) {
                next.run();
              } else {
                errors.add(error);
                // A failing server must not be hammered in a tight loop.
                retry.run();
              }
            });
  }

  /** The figures so far; call once, on the client's event loop, after {@link #finished}. */
  Result result() {
    return new Result(
        latency.copy(),
        dueTimes.build().toArray(),
        latencies.build().toArray(),
        errors.copy(),
        matched,
        unmatched,
        lastCompletion);
  }
}
