package dev.leeway.bench;

import dev.leeway.app.InvalidPackException;
import dev.leeway.app.LeewayServer;
import dev.leeway.app.Subcommand;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures whether one abusive client can hurt another user: a well-behaved agent's suggest latency
 * on an idle server, then again while an abuser sends the longest texts as fast as its rate limit
 * allows, holds idle connections open and sends requests it never finishes. Loopback only, with the
 * server's own limits (from the environment), bounded in time; it stops by itself.
 */
@Command(
    name = "bench-abuse",
    description =
        "Measure one user's suggest latency on an idle server and under a bounded abusive client (loopback only).")
public final class AbuseBenchCommand implements Callable<Integer>, Subcommand {

  private static final String HOST = "127.0.0.1";
  private static final List<String> VICTIM_TEXTS =
      List.of(
          "kettle arrived smashed yesterday, she paid $40",
          "she was double charged for her renewal, gold member",
          "customer wants a refund for a late delivery, 12 days late",
          "parcel never arrived and tracking says delivered",
          "he was charged a fee he did not agree to");

  @Spec CommandSpec spec;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description =
          "length of each measured phase, idle and abused (default: ${DEFAULT-VALUE}; at most 25)")
  int seconds;

  @Option(
      names = "--victim-rate",
      defaultValue = "10",
      description = "the agent's suggest requests per second (default: ${DEFAULT-VALUE})")
  int victimRate;

  @Option(
      names = "--abuser-connections",
      defaultValue = "8",
      description =
          "the abuser's concurrent requests with the longest texts (default: ${DEFAULT-VALUE})")
  int abuserConnections;

  @Option(
      names = "--idle-sockets",
      defaultValue = "200",
      description = "connections the abuser opens and leaves silent (default: ${DEFAULT-VALUE})")
  int idleSockets;

  @Option(
      names = "--half-sent",
      defaultValue = "50",
      description =
          "requests the abuser starts and never finishes, at a time (default: ${DEFAULT-VALUE})")
  int halfSent;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (seconds < 2 || seconds > 25 || victimRate < 1 || victimRate > 100) {
      spec.commandLine().getErr().println("leeway: --seconds must be 2-25 and --victim-rate 1-100");
      return 2;
    }
    Path dataDir = Files.createTempDirectory("leeway-abuse-");
    Map<String, String> settings = new HashMap<>(System.getenv());
    settings.put(ServerConfig.HOST, HOST);
    settings.put(ServerConfig.DATA_DIR, dataDir.toString());
    ServerConfig config = ServerConfig.fromEnvironment(settings).withPort(0);
    Protection protection = Protection.fromEnvironment(System.getenv());
    LeewayServer server;
    try {
      server = LeewayServer.start(config, protection);
    } catch (InvalidPackException e) {
      spec.commandLine().getErr().println("leeway: not starting: the content is invalid");
      return 1;
    }
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    // However the phases go, everything stops by this time.
    long hardStop = System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * seconds + 15);
    try (HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(threads).build()) {
      String base = "http://" + HOST + ":" + server.port();
      String victim = server.services().tokens().issue("bench-agent", "agent", Instant.now());
      String abuser = server.services().tokens().issue("bench-abuser", "agent", Instant.now());
      out.printf(
          Locale.ROOT,
          "bench-abuse: loopback %s, rate %.0f req/s per token (burst %d), %d answers at once per token, %d text characters/s per token%n",
          base,
          config.requestsPerSecond(),
          config.burst(),
          server.services().limits().concurrentAnswers(),
          server.services().limits().textCharsPerSecond());

      // Warm-up: the first answers load caches and JIT-compile the hot path.
      run(http, base, victim, victimRate, 3, hardStop);
      double[] idle = run(http, base, victim, victimRate, seconds, hardStop);

      AtomicBoolean abusing = new AtomicBoolean(true);
      Map<Integer, AtomicInteger> abuserStatus = new ConcurrentHashMap<>();
      AtomicInteger reopened = new AtomicInteger();
      List<java.util.concurrent.Future<?>> abuse = new ArrayList<>();
      String longText = Json.json().createObjectNode().put("text", longText()).toString();
      for (int i = 0; i < abuserConnections; i++) {
        abuse.add(
            threads.submit(
                () -> longTexts(http, base, abuser, longText, abusing, abuserStatus, hardStop)));
      }
      for (int i = 0; i < idleSockets; i++) {
        abuse.add(threads.submit(() -> holdOpen(server.port(), null, abusing, reopened, hardStop)));
      }
      for (int i = 0; i < halfSent; i++) {
        String partial =
            i % 2 == 0
                ? "GET /health HTTP/1.1\r\nHost: " + HOST + "\r\nX-Slow: "
                : "POST /api/v1/suggest HTTP/1.1\r\nHost: "
                    + HOST
                    + "\r\nAuthorization: Bearer "
                    + abuser
                    + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"text\": \"";
        abuse.add(
            threads.submit(() -> holdOpen(server.port(), partial, abusing, reopened, hardStop)));
      }
      Thread.sleep(1000);
      double[] abused = run(http, base, victim, victimRate, seconds, hardStop);
      abusing.set(false);
      for (java.util.concurrent.Future<?> task : abuse) {
        task.cancel(true);
      }

      double idleP99 = percentile(idle, 0.99);
      double abusedP99 = percentile(abused, 0.99);
      out.printf(
          Locale.ROOT,
          "idle:   %d answers, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          idle.length,
          percentile(idle, 0.5),
          idleP99,
          percentile(idle, 1));
      out.printf(
          Locale.ROOT,
          "abused: %d answers, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          abused.length,
          percentile(abused, 0.5),
          abusedP99,
          percentile(abused, 1));
      out.printf(
          Locale.ROOT,
          "abuser: %s (status: requests); %d idle and %d half-sent connections held, %d reopened after the server closed them%n",
          new java.util.TreeMap<>(abuserStatus),
          idleSockets,
          halfSent,
          reopened.get());
      boolean within = abusedP99 <= 2 * idleP99;
      out.printf(
          Locale.ROOT,
          "p99 under abuse is %.2fx idle: %s (target: within 2x)%n",
          abusedP99 / idleP99,
          within ? "PASS" : "FAIL");
      return within ? 0 : 3;
    } finally {
      threads.shutdownNow();
      server.close();
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The agent's suggest requests at a steady rate for {@code seconds}; their latencies in ms. */
  private static double[] run(
      HttpClient http, String base, String token, int rate, int seconds, long hardStop)
      throws Exception {
    List<Double> latencies = new ArrayList<>();
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    long end = next + TimeUnit.SECONDS.toNanos(seconds);
    int i = 0;
    while (next < end && System.nanoTime() < hardStop) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String body =
          Json.json()
              .createObjectNode()
              .put("text", VICTIM_TEXTS.get(i++ % VICTIM_TEXTS.size()))
              .toString();
      long start = System.nanoTime();
      HttpResponse<String> response =
          http.send(suggest(base, token, body), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        latencies.add((System.nanoTime() - start) / 1e6);
      }
      next += interval;
    }
    return latencies.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static HttpRequest suggest(String base, String token, String body) {
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/suggest"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** The longest text the API takes, over and over, honouring only a Retry-After. */
  private static Void longTexts(
      HttpClient http,
      String base,
      String token,
      String body,
      AtomicBoolean abusing,
      Map<Integer, AtomicInteger> status,
      long hardStop)
      throws InterruptedException {
    while (abusing.get() && System.nanoTime() < hardStop) {
      try {
        HttpResponse<String> response =
            http.send(suggest(base, token, body), HttpResponse.BodyHandlers.ofString());
        status.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
        if (response.statusCode() == 429) {
          // At its rate limit: back off for a moment as a client must, then try again.
          Thread.sleep(50);
        }
      } catch (IOException e) {
        status.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
      }
    }
    return null;
  }

  /** A connection that sends {@code partial} (or nothing) and then waits; reopened when closed. */
  private static Void holdOpen(
      int port, String partial, AtomicBoolean abusing, AtomicInteger reopened, long hardStop) {
    boolean first = true;
    while (abusing.get() && System.nanoTime() < hardStop) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 5000);
        if (!first) {
          reopened.incrementAndGet();
        }
        first = false;
        if (partial != null) {
          OutputStream out = socket.getOutputStream();
          out.write(partial.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        socket.setSoTimeout(1000);
        while (abusing.get() && System.nanoTime() < hardStop) {
          try {
            if (socket.getInputStream().read() < 0) {
              break;
            }
          } catch (java.net.SocketTimeoutException stillOpen) {
            // Keep holding it.
          }
        }
      } catch (IOException e) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException stop) {
          return null;
        }
      }
    }
    return null;
  }

  private static String longText() {
    String sentence =
        "the customer says the kettle arrived smashed and she wants her money back and a discount. ";
    return sentence.repeat(4000 / sentence.length() + 1).substring(0, 4000);
  }

  private static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
