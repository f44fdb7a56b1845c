package dev.leeway.bench;

import dev.leeway.app.LeewayServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Phase {@code websocket}: C conversations open at once, with the heap they hold and the CPU they
 * cost.
 */
final class SocketPhase {

  /** What the phase measured; heap figures in MB after a GC, {@code rssMb} -1 where unknown. */
  record Run(
      SocketLoad.Result result,
      int serverConversations,
      double heapBeforeMb,
      double heapPeakMb,
      double rssMb,
      CpuWindow.Use cpu) {}

  private SocketPhase() {}

  static Run run(
      LoadGenerator client,
      String host,
      LeewayServer server,
      List<String> tokens,
      LoadPlan plan,
      Deadline deadline)
      throws InterruptedException, TimeoutException {
    double heapBefore = Host.heapAfterGcMb();
    Vertx vertx = client.vertx();
    WebSocketClient ws =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setDefaultHost(host)
                .setMaxConnections(plan.conversations() + 16)
                .setConnectTimeout(30_000)
                .setMaxMessageSize(16 * 1024 * 1024)
                .setMaxFrameSize(16 * 1024 * 1024));
    SocketLoad load =
        new SocketLoad(vertx, ws, host, server.port(), tokens, plan, System.nanoTime());
    CpuWindow window = CpuWindow.start(client.threadId());
    client.loop().runOnContext(v -> load.begin());

    // Wait out the phase, then give replies in flight a little time (within the overall limit).
    deadline.sleepUntil(load.end, "the websocket phase");
    long grace = Math.min(deadline.at - 5_000_000_000L, load.end + 15_000_000_000L);
    while (deadline.onLoop(client.loop(), () -> load.awaiting) > 0 && System.nanoTime() < grace) {
      Thread.sleep(50);
    }
    CpuWindow.Use cpu = window.stop();
    // The peak: every conversation still open with all its turns.
    int serverConversations = server.services().conversations().size();
    double heapPeak = Host.heapAfterGcMb();
    double rss = Host.rssMb();
    SocketLoad.Result r = deadline.onLoop(client.loop(), load::finish);
    // Close every socket and wait (bounded) for the closes to complete.
    Deadline.await(
        load.closed,
        Math.min(deadline.at, System.nanoTime() + 15_000_000_000L),
        "closing the WebSockets");
    try {
      ws.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the client Vert.x closes it anyway
    }
    return new Run(r, serverConversations, heapBefore, heapPeak, rss, cpu);
  }
}
