package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration fit is computed once per content and read back on the next start. */
class CalibrationCacheTest {

  @TempDir Path folder;

  private final ConfidenceCalibration.Fit fit =
      new ConfidenceCalibration.Fit(
          3.0, 1.25, 1.5, new Abstainer(-2.5, 0.8, 0.3, 0.6, 4.0, -0.2, -3.0));

  @Test
  void a_second_start_with_the_same_examples_reads_the_fit_instead_of_computing_it() {
    AtomicInteger computed = new AtomicInteger();
    String key =
        ConfidenceCalibration.key(List.of("a", "b"), new int[] {0, 1}, 1.0, 1.0, "minilm", fit);

    ConfidenceCalibration.Fit first =
        ConfidenceCalibration.cached(
            folder,
            key,
            () -> {
              computed.incrementAndGet();
              return fit;
            });
    ConfidenceCalibration.Fit second =
        ConfidenceCalibration.cached(
            folder,
            key,
            () -> {
              computed.incrementAndGet();
              return null;
            });

    assertThat(first).isEqualTo(fit);
    assertThat(second).isEqualTo(fit);
    assertThat(computed).hasValue(1);
  }

  @Test
  void the_words_only_stage_is_read_back_with_the_fit_even_when_it_never_decides() {
    for (Cascade.Fit words :
        List.of(new Cascade.Fit(14.0, -0.5, 0.9927, 0.2049), Cascade.Fit.NEVER)) {
      for (Abstainer abstainer : java.util.Arrays.asList(fit.abstainer(), null)) {
        ConfidenceCalibration.Fit full =
            new ConfidenceCalibration.Fit(3.0, 1.25, 1.5, abstainer, words);
        String key =
            ConfidenceCalibration.key(
                List.of("a", String.valueOf(abstainer), words.toString()),
                new int[] {0, 1, 2},
                1.0,
                1.0,
                "minilm",
                full);

        ConfidenceCalibration.cached(folder, key, () -> full);

        assertThat(ConfidenceCalibration.cached(folder, key, () -> null)).isEqualTo(full);
      }
    }
  }

  @Test
  void changed_examples_change_the_key_and_replace_the_old_fit() throws Exception {
    String before =
        ConfidenceCalibration.key(List.of("a", "b"), new int[] {0, 1}, 1.0, 1.0, "minilm", fit);
    String after =
        ConfidenceCalibration.key(List.of("a", "c"), new int[] {0, 1}, 1.0, 1.0, "minilm", fit);
    assertThat(after).isNotEqualTo(before);

    ConfidenceCalibration.cached(folder, before, () -> fit);
    ConfidenceCalibration.cached(folder, after, () -> fit);

    try (var files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactly("calibration-" + after + ".txt");
    }
  }

  @Test
  void an_unreadable_cached_fit_is_computed_again() throws Exception {
    String key = ConfidenceCalibration.key(List.of("a"), new int[] {0}, 1.0, 1.0, "minilm", fit);
    Files.writeString(folder.resolve("calibration-" + key + ".txt"), "garbage");

    assertThat(ConfidenceCalibration.cached(folder, key, () -> fit)).isEqualTo(fit);
  }
}
