package dev.leeway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time so far, and how much of it the hypervisor gave to other guests ("steal",
 * from /proc/stat). On a shared host a phase that lost much of its time this way measured the
 * neighbours as much as Leeway.
 */
record CpuTicks(long total, long stolen) {

  /** The counters now; null where /proc is not there. */
  static CpuTicks now() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          String[] f = line.strip().split("\\s+");
          long total = 0;
          for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
          }
          return new CpuTicks(total, f.length > 8 ? Long.parseLong(f[8]) : 0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: no figure
    }
    return null;
  }

  /** The share of the time since {@code this} that was stolen; NaN when unknown. */
  double stolenShareUntil(CpuTicks later) {
    return later == null || later.total <= total
        ? Double.NaN
        : (later.stolen - stolen) / (double) (later.total - total);
  }
}
