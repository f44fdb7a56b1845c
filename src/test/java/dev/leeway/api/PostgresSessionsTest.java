package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL, as on SQLite: a token revoked by the token command (another connection to the
 * database, as from another process) closes its open WebSocket sessions within seconds.
 */
class PostgresSessionsTest {

  @TempDir static Path dataDir;
  static String url;
  static LeewayServer server;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabases.create();
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(ServerConfig.HOST, "127.0.0.1", ServerConfig.DATA_DIR, dataDir.toString()))
            .withPort(0);
    server =
        SharedBuildCache.around(
            dataDir,
            () ->
                LeewayServer.start(
                    config, Protection.defaults(), StoreSettings.postgres(url, dataDir)));
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (http != null) {
      http.close();
    }
    if (url != null) {
      TestDatabases.drop(url);
    }
  }

  @Test
  void a_token_revoked_from_another_process_closes_its_socket() throws Exception {
    StoreSettings elsewhere = StoreSettings.postgres(url, dataDir);
    String token = TokenStore.using(elsewhere, t -> t.issue("pg-ana", "agent", Instant.now()));
    LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frames.add(data.toString());
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
          }
        };
    // The server learns of the new token within a second, as of any change.
    WebSocket socket = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (socket == null) {
      try {
        socket =
            http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/ws"), listener)
                .get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
    socket.sendText("{\"type\": \"start\"}", true).join();
    assertThat(frames.poll(30, TimeUnit.SECONDS)).contains("ready");

    TokenStore.using(elsewhere, t -> t.revoke("pg-ana", Instant.now()));
    assertThat(closed.get(5, TimeUnit.SECONDS)).startsWith("1008").contains("revoked");
  }
}
