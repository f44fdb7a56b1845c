package dev.leeway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void offers_exactly_the_rate_in_the_warm_up_and_in_the_measured_window_whatever_the_seed() {
    for (long seed = 0; seed < 20; seed++) {
      long[] due = ArrivalSchedule.of(378, 5 * SECOND, 65 * SECOND, 95 * SECOND, new Random(seed));
      long measured = Arrays.stream(due).filter(t -> t >= 65 * SECOND).count();
      assertThat(measured).isEqualTo(378 * 30);
      assertThat(due.length - measured).isEqualTo(378 * 60);
      assertThat(due).isSorted();
      assertThat(due[0]).isGreaterThanOrEqualTo(5 * SECOND);
      assertThat(due[due.length - 1]).isLessThan(95 * SECOND);
    }
  }

  @Test
  void arrivals_stay_random_gaps_spread_like_a_poisson_process() {
    long[] due = ArrivalSchedule.of(500, 0, 0, 60 * SECOND, new Random(7));
    double[] gaps = new double[due.length - 1];
    for (int i = 1; i < due.length; i++) {
      gaps[i - 1] = (due[i] - due[i - 1]) / 1e6;
    }
    double mean = Arrays.stream(gaps).average().orElseThrow();
    double sd =
        Math.sqrt(Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).average().orElseThrow());
    // Exponential gaps: standard deviation equal to the mean (2 ms); evenly spaced ones would give
    // 0.
    assertThat(mean).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.02));
    assertThat(sd / mean).isBetween(0.95, 1.05);
    // Bursts: about e^-1 of gaps exceed the mean.
    double longer = Arrays.stream(gaps).filter(g -> g > mean).count() / (double) gaps.length;
    assertThat(longer).isBetween(0.35, 0.39);
  }

  @Test
  void same_seed_same_schedule() {
    assertThat(ArrivalSchedule.of(100, 0, SECOND, 3 * SECOND, new Random(3)))
        .isEqualTo(ArrivalSchedule.of(100, 0, SECOND, 3 * SECOND, new Random(3)));
  }

  @Test
  void refuses_a_rate_or_windows_that_make_no_sense() {
    assertThatThrownBy(() -> ArrivalSchedule.of(0, 0, 1, 2, new Random()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive rate");
    assertThatThrownBy(() -> ArrivalSchedule.of(10, 5, 1, 2, new Random()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
