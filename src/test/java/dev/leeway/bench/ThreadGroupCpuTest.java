package dev.leeway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadGroupCpuTest {

  @Test
  void aThreadThatEndsBetweenSnapshotsTakesNothingAwayFromItsGroup() {
    // Tick counts are per thread: pool threads that idle out (the common pool's, C2's) vanish.
    Map<Long, ThreadGroupCpu.Ticks> before =
        Map.of(
            1L, new ThreadGroupCpu.Ticks("other", 500),
            2L, new ThreadGroupCpu.Ticks("other", 10),
            3L, new ThreadGroupCpu.Ticks("server_workers", 100));
    Map<Long, ThreadGroupCpu.Ticks> after =
        Map.of(
            2L, new ThreadGroupCpu.Ticks("other", 30),
            3L, new ThreadGroupCpu.Ticks("server_workers", 180));

    Map<String, Double> shares = ThreadGroupCpu.shares(before, after, 0, 0);

    assertEquals(0.8, shares.get("server_workers"), 1e-9);
    assertEquals(0.2, shares.get("other"), 1e-9);
    shares.values().forEach(share -> assertTrue(share >= 0, () -> "negative share in " + shares));
  }

  @Test
  void aThreadStartedBetweenSnapshotsCountsInFull() {
    Map<Long, ThreadGroupCpu.Ticks> before =
        Map.of(1L, new ThreadGroupCpu.Ticks("server_workers", 100));
    Map<Long, ThreadGroupCpu.Ticks> after =
        Map.of(
            1L,
            new ThreadGroupCpu.Ticks("server_workers", 150),
            2L,
            new ThreadGroupCpu.Ticks("jit", 50));

    Map<String, Double> shares = ThreadGroupCpu.shares(before, after, 0, 0);

    assertEquals(0.5, shares.get("server_workers"), 1e-9);
    assertEquals(0.5, shares.get("jit"), 1e-9);
  }

  @Test
  void theLoadGeneratorsLoopAndTheBenchThreadAreTakenOutOfTheirGroups() {
    Map<Long, ThreadGroupCpu.Ticks> before =
        Map.of(
            1L,
            new ThreadGroupCpu.Ticks("event_loops", 0),
            2L,
            new ThreadGroupCpu.Ticks("onnx_pool", 0),
            3L,
            new ThreadGroupCpu.Ticks("server_workers", 0));
    Map<Long, ThreadGroupCpu.Ticks> after =
        Map.of(
            1L,
            new ThreadGroupCpu.Ticks("event_loops", 30),
            2L,
            new ThreadGroupCpu.Ticks("onnx_pool", 20),
            3L,
            new ThreadGroupCpu.Ticks("server_workers", 50));

    // 100 ticks = 1 s in all: 0.1 s of the loops was the load generator, 0.2 s of "java" this
    // command.
    Map<String, Double> shares = ThreadGroupCpu.shares(before, after, 100_000_000L, 200_000_000L);

    assertEquals(0.5, shares.get("server_workers"), 1e-9);
    assertEquals(0.2, shares.get("event_loops"), 1e-9);
    assertEquals(0.1, shares.get("load_generator"), 1e-9);
    assertEquals(0.2, shares.get("benchmark_thread"), 1e-9);
    assertEquals(0.0, shares.get("onnx_pool"), 1e-9);
  }

  @Test
  void threadsAreGroupedByName() {
    assertEquals("server_workers", ThreadGroupCpu.group("leeway-answers-1"));
    assertEquals("server_workers", ThreadGroupCpu.group("vert.x-worker-thread-3"));
    assertEquals("event_loops", ThreadGroupCpu.group("vert.x-eventloo"));
    assertEquals("jit", ThreadGroupCpu.group("C2 CompilerThre"));
    assertEquals("gc", ThreadGroupCpu.group("G1 Young RemSet"));
    assertEquals("other", ThreadGroupCpu.group("ForkJoinPool.co"));
  }
}
