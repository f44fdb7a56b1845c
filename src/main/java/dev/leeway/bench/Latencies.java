package dev.leeway.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds, summarised as every benchmark prints them: p50, p99 and max in
 * milliseconds.
 */
final class Latencies {

  // Three significant digits: each figure within 0.1% of the exact one, in a few hundred kilobytes
  // whatever the range; the histogram grows to the largest value recorded.
  private final Histogram histogram = new Histogram(3);

  /** The summary of {@code nanos}, in any order. */
  static Latencies of(long... nanos) {
    Latencies latencies = new Latencies();
    for (long n : nanos) {
      latencies.record(n);
    }
    return latencies;
  }

  /** A copy that later records into this one do not change. */
  Latencies copy() {
    Latencies copy = new Latencies();
    copy.histogram.add(histogram);
    return copy;
  }

  void record(long nanos) {
    histogram.recordValue(Math.max(0, nanos));
  }

  long count() {
    return histogram.getTotalCount();
  }

  /**
   * The latency that {@code percentile} percent of the samples are at or under; 0 when there are
   * none.
   */
  double ms(double percentile) {
    return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
  }

  /** The mean latency; 0 when there are none. */
  double meanMs() {
    return count() == 0 ? 0 : histogram.getMean() / 1e6;
  }

  double maxMs() {
    return count() == 0 ? 0 : histogram.getMaxValue() / 1e6;
  }

  ObjectNode json() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("count", count());
    node.put("p50", LoadReport.round(ms(50), 2));
    node.put("p99", LoadReport.round(ms(99), 2));
    node.put("max", LoadReport.round(maxMs(), 2));
    return node;
  }

  String text() {
    if (count() == 0) {
      return "(no answers)";
    }
    return String.format(Locale.ROOT, "p50 %.1f  p99 %.1f  max %.1f", ms(50), ms(99), maxMs());
  }
}
