package dev.leeway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.app.Cli;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leeway bench} end to end with tiny settings: every phase runs, report their figures, and
 * nothing fails.
 */
class LoadBenchCommandTest {

  @Test
  @Timeout(value = 150)
  void runs_every_phase_over_loopback_and_reports_every_figure(@TempDir Path data)
      throws Exception {
    long started = System.nanoTime();
    // The server's build caches come from the test run's: the phases, not a cold start, are tested.
    Cli.Result run =
        SharedBuildCache.around(
            data,
            () ->
                Cli.run(
                    "bench",
                    "--data",
                    data.toString(),
                    "--connections",
                    "2",
                    "--warmup",
                    "1",
                    "--duration",
                    "2",
                    "--conversations",
                    "5",
                    "--ws-duration",
                    "2",
                    "--interval",
                    "0.5",
                    "--matcher-answers",
                    "20",
                    "--matcher-rounds",
                    "2",
                    "--offered",
                    "0.2",
                    "--json"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(run.out())
        .contains("matcher, single-threaded: advise() median")
        .contains("-core limit: ")
        .contains("suggest: 2 connections")
        .contains("(20% of the limit), arriving at random over 2 connections")
        .contains("websocket: 5 conversations")
        .contains("latency ms   p50")
        .contains("heap ")
        .contains("  host         ")
        .contains("  by second    ")
        .contains("CPU per answer, the median second ")
        .contains("rate limit 1000000 requests/s per token, burst 1000000");

    JsonNode report = Json.json().readTree(run.lastLine());
    assertThat(report.get("rate_limit").get("per_second").intValue()).isEqualTo(1_000_000);
    assertThat(report.get("matcher").get("median_ms").doubleValue()).isPositive();
    assertThat(report.get("matcher").get("mean_ms").doubleValue()).isPositive();
    assertThat(report.get("matcher").get("limit_answers_per_s").doubleValue()).isPositive();
    assertThat(report.get("matcher").get("answers").intValue()).isEqualTo(20);
    assertThat(report.get("matcher").get("rounds").intValue()).isEqualTo(2);

    JsonNode suggest = report.get("suggest");
    assertThat(suggest.get("errors").get("total").intValue()).as(suggest.toString()).isZero();
    assertThat(suggest.get("answers").intValue()).isPositive();
    assertThat(suggest.get("answers_per_s").doubleValue()).isPositive();
    assertThat(suggest.get("limit_ratio").doubleValue()).isPositive();
    JsonNode latency = suggest.get("latency_ms");
    assertThat(latency.get("p50").doubleValue())
        .isPositive()
        .isLessThanOrEqualTo(latency.get("p99").doubleValue());
    assertThat(latency.get("p99").doubleValue())
        .isLessThanOrEqualTo(latency.get("max").doubleValue());

    // Paced: about the offered rate, not as fast as two closed loops would go (about 5 times it).
    JsonNode paced = report.get("paced");
    double offered = paced.get("offered_per_s").doubleValue();
    assertThat(offered)
        .isCloseTo(
            0.2 * report.get("matcher").get("limit_answers_per_s").doubleValue(),
            org.assertj.core.data.Offset.offset(1.0));
    assertThat(paced.get("errors").get("total").intValue()).as(paced.toString()).isZero();
    assertThat(paced.get("answers_per_s").doubleValue()).isBetween(0.3 * offered, 2 * offered);
    // Exactly the offered rate's worth fell due in the 2 s window, and with no errors each was
    // answered.
    assertThat(paced.get("answers").intValue()).isEqualTo(paced.get("offered_requests").intValue());
    assertThat(paced.get("offered_requests").intValue())
        .isCloseTo(
            ArrivalSchedule.count(offered, 2_000_000_000L), org.assertj.core.data.Offset.offset(1));
    assertThat(paced.get("latency_ms").get("p50").doubleValue()).isPositive();
    // Every measured answer falls in a quiet or a noisy second of the host, and each second is one
    // of the two.
    for (JsonNode phase : new JsonNode[] {suggest, paced}) {
      JsonNode bySecond = phase.get("by_second_steal");
      assertThat(
              bySecond.get("quiet_latency_ms").get("count").intValue()
                  + bySecond.get("noisy_latency_ms").get("count").intValue())
          .as(bySecond.toString())
          .isEqualTo(phase.get("answers").intValue());
      assertThat(
              bySecond.get("quiet_seconds").intValue() + bySecond.get("noisy_seconds").intValue())
          .isEqualTo(2);
      // The same answers split by what each second's answers cost in CPU.
      JsonNode byCost = phase.get("by_second_cpu");
      assertThat(
              byCost.get("steady_latency_ms").get("count").intValue()
                  + byCost.get("costly_latency_ms").get("count").intValue())
          .as(byCost.toString())
          .isEqualTo(phase.get("answers").intValue());
      assertThat(byCost.get("steady_seconds").intValue() + byCost.get("costly_seconds").intValue())
          .isEqualTo(2);
      if (byCost.has("median_second_cpu_ms_per_answer")) {
        assertThat(byCost.get("median_second_cpu_ms_per_answer").doubleValue())
            .isPositive()
            .isLessThanOrEqualTo(byCost.get("worst_second_cpu_ms_per_answer").doubleValue());
      }
    }

    JsonNode ws = report.get("websocket");
    assertThat(ws.get("errors").get("total").intValue()).as(ws.toString()).isZero();
    assertThat(ws.get("peak_open").intValue()).isEqualTo(5);
    assertThat(ws.get("answered").intValue()).isEqualTo(5);
    assertThat(ws.get("server_conversations").intValue()).isEqualTo(5);
    assertThat(ws.get("replies").intValue()).isGreaterThanOrEqualTo(5);
    assertThat(ws.get("latency_ms").get("p50").doubleValue()).isPositive();
    assertThat(ws.get("heap_mb").doubleValue()).isPositive();
    assertThat(ws.get("reply_kinds").size()).isPositive();

    assertThat(report.get("targets").has("suggest_zero_errors")).isTrue();
    assertThat(report.get("targets").has("paced_p99_at_most_50_ms")).isTrue();
    assertThat(report.get("targets").has("paced_kept_up")).isTrue();
    assertThat(report.get("targets").has("paced_offered_at_least_0_70")).isTrue();
    assertThat(run.out()).contains("paced offered >= 70% of the limit: NO; kept up with it: ");
    // Start-up dominates; the phases themselves take about 9 s.
    assertThat(took).isLessThan(Duration.ofSeconds(120));
  }

  @Test
  void refuses_an_unknown_phase() {
    Cli.Result run = Cli.run("bench", "--phases", "suggest,teleport");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown phase 'teleport'");
  }
}
