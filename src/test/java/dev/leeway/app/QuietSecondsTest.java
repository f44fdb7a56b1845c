package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuietSecondsTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void puts_each_answer_in_the_second_it_fell_due_by_that_seconds_steal() {
    long from = 50 * S;
    double[] steal = {0.01, 0.40, Double.NaN, 0.0};
    long[] due = {from, from + S - 1, from + S, from + 2 * S + 5, from + 3 * S + 999 * MS, from - 1, from + 4 * S};
    long[] latency = {10 * MS, 11 * MS, 300 * MS, 12 * MS, 9 * MS, 7 * MS, 8 * MS};

    QuietSeconds split = QuietSeconds.split(due, latency, from, steal, 0.05);

    // Seconds 0 and 3 are quiet; 1 is noisy and 2's steal is unknown, so noisy too.
    assertThat(split.quietSeconds()).isEqualTo(2);
    assertThat(split.noisySeconds()).isEqualTo(2);
    assertThat(split.quiet()).containsExactly(9 * MS, 10 * MS, 11 * MS);
    // Due before the first second or after the last: outside the timeline, so not counted quiet.
    assertThat(split.noisy()).containsExactly(7 * MS, 8 * MS, 12 * MS, 300 * MS);
    assertThat(split.worstSecondSteal()).isEqualTo(0.40);
  }

  @Test
  void an_unknown_timeline_makes_every_second_noisy() {
    QuietSeconds split = QuietSeconds.split(new long[] {0}, new long[] {MS}, 0, new double[] {Double.NaN}, 0.05);

    assertThat(split.quietSeconds()).isZero();
    assertThat(split.noisy()).containsExactly(MS);
    assertThat(split.worstSecondSteal()).isNaN();
  }

  @Test
  void the_timeline_gives_a_share_for_each_second_it_covered() throws Exception {
    StealTimeline timeline = StealTimeline.start(System.nanoTime() + 60_000_000_000L);
    long from = System.nanoTime();
    Thread.sleep(1_300);
    timeline.close();

    double[] shares = timeline.perSecond(from, 1);
    if (LoadBenchCommand.CpuTicks.now() == null) {
      assertThat(shares[0]).isNaN();
    } else {
      assertThat(shares[0]).isBetween(0.0, 1.0);
    }
  }

  @Test
  void the_sampler_stops_by_itself_at_its_deadline() throws Exception {
    StealTimeline timeline = StealTimeline.start(System.nanoTime() + 300_000_000L);
    Thread.sleep(1_000);

    assertThat(timeline.sampling()).isFalse();
    timeline.close();
  }
}
