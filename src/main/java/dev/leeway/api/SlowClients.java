package dev.leeway.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts for clients that send too slowly (Vert.x has an idle timeout but none for headers or
 * bodies): a connection must finish its first request's headers within the header timeout of
 * opening, a later request's within the idle timeout of the last answer, and a request's body
 * within the body timeout of its headers. A half-sent request otherwise holds its connection open
 * for as long as the client trickles bytes.
 */
final class SlowClients {

  private final Vertx vertx;
  private final long headerMs;
  private final long nextHeaderMs;
  private final long bodyMs;

  /** Connections waiting for a request's headers, by remote address, with their timer. */
  private final Map<SocketAddress, Waiting> waiting = new ConcurrentHashMap<>();

  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "leeway-slow-clients");
            thread.setDaemon(true);
            return thread;
          });

  private record Waiting(HttpConnection connection, long deadline) {}

  /**
   * @param header how long a new connection has to send its first request's headers
   * @param nextHeader how long a kept-alive connection has, after an answer, to send the next
   *     request's headers: at least the idle timeout, so that a client reusing a pooled connection
   *     never races the server closing it
   * @param body how long a request has to send its body after its headers
   */
  SlowClients(Vertx vertx, Duration header, Duration nextHeader, Duration body) {
    this.vertx = vertx;
    this.headerMs = header.toMillis();
    this.nextHeaderMs = Math.max(header.toMillis(), nextHeader.toMillis());
    this.bodyMs = body.toMillis();
    // One sweep for all connections rather than a timer each: connections come and go by the
    // thousand, and a header deadline needs no better than a quarter-second's precision.
    long period = Math.max(100, Math.min(1000, headerMs / 4));
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /** Stops the sweeps (the server is closing). */
  void close() {
    sweeper.shutdownNow();
  }

  /** A new connection: its first request's headers are due. */
  void connected(HttpConnection connection) {
    arm(connection, headerMs);
    connection.closeHandler(v -> disarm(connection.remoteAddress()));
  }

  /** A request's headers arrived: its body is now due. */
  void request(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (connection != null) {
      disarm(connection.remoteAddress());
    }
    if (request.isEnded()) {
      return;
    }
    vertx.setTimer(
        bodyMs,
        t -> {
          if (!request.isEnded() && !request.response().ended() && !request.response().closed()) {
            JsonObject problem =
                new JsonObject()
                    .put("type", "about:blank")
                    .put("title", "Request timeout")
                    .put("status", 408)
                    .put("detail", "the request body did not arrive within " + bodyMs / 1000 + " s")
                    .put("instance", request.path());
            request
                .response()
                .setStatusCode(408)
                .putHeader("content-type", "application/problem+json")
                .putHeader("connection", "close")
                .end(problem.encode())
                .onComplete(done -> close(connection));
          }
        });
  }

  /** When the router has answered, the connection's next request's headers are due. */
  void routed(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    if (connection != null) {
      ctx.addEndHandler(done -> arm(connection, nextHeaderMs));
    }
  }

  /** An upgrade to a WebSocket is a complete request; the socket has its own idle rules. */
  void upgrading(SocketAddress remote) {
    disarm(remote);
  }

  private void arm(HttpConnection connection, long ms) {
    SocketAddress remote = connection.remoteAddress();
    if (remote != null) {
      waiting.put(remote, new Waiting(connection, System.nanoTime() + ms * 1_000_000));
    }
  }

  private void disarm(SocketAddress remote) {
    if (remote != null) {
      waiting.remove(remote);
    }
  }

  /** Closes the connections whose headers are overdue; runs a few times a second. */
  private void sweep() {
    long now = System.nanoTime();
    waiting.forEach(
        (remote, still) -> {
          if (now - still.deadline() > 0 && waiting.remove(remote, still)) {
            close(still.connection());
          }
        });
  }

  private static void close(HttpConnection connection) {
    if (connection != null) {
      connection.close();
    }
  }
}
