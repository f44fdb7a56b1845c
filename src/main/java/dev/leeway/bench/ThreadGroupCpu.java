package dev.leeway.bench;

import dev.leeway.api.ApiVerticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the process's CPU goes, by kind of thread, from {@code /proc/self/task} (Linux; empty
 * elsewhere). Thread names there are cut to 15 characters. Threads the JVM did not name carry the
 * process name, {@code java}: the ONNX runtime's intra-op pool (it starts one thread per core
 * beyond the caller's) and this command's own thread, which is counted apart.
 */
final class ThreadGroupCpu {

  private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every common Linux

  /** One thread's group and its CPU so far, in clock ticks. */
  record Ticks(String group, long ticks) {}

  private ThreadGroupCpu() {}

  /** Every live thread by its id. */
  static Map<Long, Ticks> snapshot() {
    Map<Long, Ticks> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended meanwhile
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
          continue;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        threads.put(
            Long.parseLong(task.getFileName().toString()),
            new Ticks(group(stat.substring(open + 1, close)), used));
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return threads;
  }

  static String group(String name) {
    if (name.startsWith("vert.x-worker") || name.startsWith(ApiVerticle.ANSWERING)) {
      return "server_workers";
    }
    if (name.startsWith("vert.x-eventloo")) {
      return "event_loops";
    }
    if (name.equals("java")) {
      return "onnx_pool";
    }
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return "jit";
    }
    if (name.startsWith("GC ") || name.startsWith("G1 ") || name.equals("VM Thread")) {
      return "gc";
    }
    return "other";
  }

  /**
   * Each group's share of the CPU used between two snapshots, thread by thread: a thread that ended
   * in between (pools let idle threads go) is left out rather than subtracted, so its last stretch
   * goes uncounted but no share goes negative. The load generator's event loop is taken out of the
   * event loops, and this command's own thread out of the unnamed threads.
   */
  static Map<String, Double> shares(
      Map<Long, Ticks> before,
      Map<Long, Ticks> after,
      long loadGeneratorNanos,
      long benchThreadNanos) {
    Map<String, Double> seconds = new TreeMap<>();
    after.forEach(
        (id, now) -> {
          Ticks then = before.get(id);
          long used = then == null ? now.ticks() : now.ticks() - then.ticks();
          seconds.merge(now.group(), used / TICKS_PER_SECOND, Double::sum);
        });
    if (seconds.isEmpty()) {
      return Map.of();
    }
    double client = loadGeneratorNanos / 1e9;
    double bench = benchThreadNanos / 1e9;
    seconds.put("event_loops", Math.max(0, seconds.getOrDefault("event_loops", 0.0) - client));
    seconds.put("onnx_pool", Math.max(0, seconds.getOrDefault("onnx_pool", 0.0) - bench));
    if (client > 0) {
      seconds.put("load_generator", client);
    }
    if (bench >= 0.005) {
      seconds.put("benchmark_thread", bench);
    }
    double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> shares = new LinkedHashMap<>();
    seconds.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(
            e ->
                shares.put(e.getKey(), total <= 0 ? 0 : LoadReport.round(e.getValue() / total, 3)));
    return shares;
  }

  static String text(Map<String, Double> shares) {
    if (shares.isEmpty()) {
      return "(not available)";
    }
    List<String> parts = new ArrayList<>();
    shares.forEach(
        (group, share) ->
            parts.add(
                String.format(Locale.ROOT, "%s %.0f%%", group.replace('_', ' '), share * 100)));
    return String.join(", ", parts);
  }
}
