package dev.leeway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuietSecondsTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void puts_each_answer_in_the_second_it_fell_due_by_that_seconds_steal() {
    long from = 50 * S;
    double[] steal = {0.01, 0.40, Double.NaN, 0.0};
    long[] due = {
      from,
      from + S - 1,
      from + S,
      from + 2 * S + 5,
      from + 3 * S + 999 * MS,
      from - 1,
      from + 4 * S
    };
    long[] latency = {10 * MS, 11 * MS, 300 * MS, 12 * MS, 9 * MS, 7 * MS, 8 * MS};

    QuietSeconds split =
        QuietSeconds.split(due, latency, from, QuietSeconds.underSteal(steal, 0.05));

    // Seconds 0 and 3 are quiet; 1 is noisy and 2's steal is unknown, so noisy too.
    assertThat(split.quietSeconds()).isEqualTo(2);
    assertThat(split.noisySeconds()).isEqualTo(2);
    assertThat(split.quiet()).containsExactly(9 * MS, 10 * MS, 11 * MS);
    // Due before the first second or after the last: outside the timeline, so not counted quiet.
    assertThat(split.noisy()).containsExactly(7 * MS, 8 * MS, 12 * MS, 300 * MS);
    assertThat(QuietSeconds.worst(steal)).isEqualTo(0.40);
  }

  @Test
  void an_unknown_timeline_makes_every_second_noisy() {
    double[] steal = {Double.NaN};
    QuietSeconds split =
        QuietSeconds.split(
            new long[] {0}, new long[] {MS}, 0, QuietSeconds.underSteal(steal, 0.05));

    assertThat(split.quietSeconds()).isZero();
    assertThat(split.noisy()).containsExactly(MS);
    assertThat(QuietSeconds.worst(steal)).isNaN();
  }

  @Test
  void the_timeline_gives_a_share_for_each_second_it_covered() throws Exception {
    PhaseTimeline timeline = PhaseTimeline.start(System.nanoTime() + 60_000_000_000L);
    long from = System.nanoTime();
    Thread.sleep(1_300);
    timeline.close();

    double[] shares = timeline.stealPerSecond(from, 1);
    if (CpuTicks.now() == null) {
      assertThat(shares[0]).isNaN();
    } else {
      assertThat(shares[0]).isBetween(0.0, 1.0);
    }
  }

  @Test
  void the_timeline_gives_the_process_cpu_of_each_second_it_covered() throws Exception {
    PhaseTimeline timeline = PhaseTimeline.start(System.nanoTime() + 60_000_000_000L);
    long from = System.nanoTime();
    long spinUntil = from + 1_300 * MS;
    long sink = 0;
    while (System.nanoTime() < spinUntil) {
      sink += Long.numberOfTrailingZeros(System.nanoTime());
    }
    timeline.close();

    long[] cpu = timeline.cpuNanosPerSecond(from, 1);
    if (CpuTicks.now() == null) {
      assertThat(cpu[0]).isEqualTo(-1);
    } else {
      // One thread spun through the second; a busy host may take some of it (steal).
      assertThat(cpu[0])
          .as("sink %d", sink)
          .isBetween(200 * MS, Runtime.getRuntime().availableProcessors() * 1_100 * MS);
    }
  }

  @Test
  void cpu_per_answer_divides_each_seconds_cpu_by_the_answers_completed_in_it() {
    long from = 10 * S;
    // Due in second 0; completed in seconds 0, 1 and 1; the last due in 1, done in 2.
    long[] due = {from, from + 500 * MS, from + 900 * MS, from + 1_900 * MS};
    long[] latency = {10 * MS, 600 * MS, 200 * MS, 200 * MS};
    long[] cpu = {4 * MS, 9 * MS, -1, 5 * MS};

    double[] perAnswer = QuietSeconds.cpuPerAnswer(due, latency, from, cpu);

    assertThat(perAnswer[0]).isEqualTo(4.0 * MS);
    assertThat(perAnswer[1]).isEqualTo(4.5 * MS);
    assertThat(perAnswer[2]).as("cpu unknown").isNaN();
    assertThat(perAnswer[3]).as("nothing completed").isNaN();
  }

  @Test
  void a_second_whose_answers_cost_over_the_factor_times_the_median_is_not_steady() {
    double[] perAnswer = {3.0, 3.3, 3.1, 4.2, Double.NaN, 3.6};

    boolean[] steady = QuietSeconds.atMostTimesMedian(perAnswer, 1.2);

    // Median of the known five: 3.3, so the bar is 3.96.
    assertThat(QuietSeconds.median(perAnswer)).isEqualTo(3.3);
    assertThat(steady).containsExactly(true, true, true, false, false, true);
    assertThat(QuietSeconds.median(new double[] {1, 2, Double.NaN, 4, 3})).isEqualTo(2.5);
    assertThat(QuietSeconds.atMostTimesMedian(new double[] {Double.NaN}, 1.2))
        .containsExactly(false);
  }

  @Test
  void the_sampler_stops_by_itself_at_its_deadline() throws Exception {
    PhaseTimeline timeline = PhaseTimeline.start(System.nanoTime() + 300_000_000L);
    Thread.sleep(1_000);

    assertThat(timeline.sampling()).isFalse();
    timeline.close();
  }
}
