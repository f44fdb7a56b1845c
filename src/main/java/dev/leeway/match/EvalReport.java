package dev.leeway.match;

/**
 * The figures of one evaluation run; field names are the JSON names {@code eval --json} prints.
 *
 * <p>Ranking figures (top1, top3, mrr) are over in-scope rows and ignore abstention; {@code
 * inScopeAccuracy} counts an abstention on an in-scope row as wrong. The none figures are null when
 * the run has no none label. {@code calibrationError} (expected calibration error of the top
 * candidate's confidence over ten bins, in-scope rows) is printed apart from the JSON figures.
 * {@code embeddingSkipped} is the share of queries the words-only stage decided, so that the
 * sentence embedding did not run (0 when matching has no embedding).
 */
public record EvalReport(
    int queries,
    double top1,
    double top3,
    double mrr,
    double abstainRate,
    Double inScopeAccuracy,
    Double noneRecall,
    Double nonePrecision,
    Latency latencyMs,
    double embeddingSkipped,
    long buildMs,
    long heapMb,
    @com.fasterxml.jackson.annotation.JsonIgnore double calibrationError) {

  /** Per-query latency, single-threaded after warm-up: median, 99th percentile and mean. */
  public record Latency(double p50, double p99, double mean) {}
}
