package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlayClassifierTest {
  private static final int FEATURES = 12;
  private static final int PLAYS = 5;

  @TempDir Path dir;

  /** Play p's examples light up features p and p + 6, with noise on the others. */
  private static Feature[][] examples(int[] labels, long seed) {
    Random random = new Random(seed);
    Feature[][] x = new Feature[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % PLAYS;
      x[i] = new Feature[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        double signal = f == labels[i] || f == labels[i] + 6 ? 1 : 0;
        x[i][f] = new FeatureNode(f + 1, signal + 0.2 * random.nextGaussian());
      }
    }
    return x;
  }

  private static Feature[] query(int play) {
    Feature[] q = new Feature[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      q[f] = new FeatureNode(f + 1, f == play || f == play + 6 ? 1 : 0);
    }
    return q;
  }

  private static int best(double[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void each_play_wins_on_its_own_features() {
    int[] y = new int[200];
    PlayClassifier classifier = PlayClassifier.train(examples(y, 1), y, FEATURES, 1.0);

    for (int play = 0; play < PLAYS; play++) {
      assertThat(best(classifier.scores(query(play), PLAYS, FEATURES))).isEqualTo(play);
    }
  }

  @Test
  void training_on_all_cores_gives_the_same_weights_every_time() {
    int[] y = new int[200];
    Feature[][] x = examples(y, 2);

    double[] first = PlayClassifier.train(x, y, FEATURES, 1.0).scores(query(3), PLAYS, FEATURES);
    double[] second = PlayClassifier.train(x, y, FEATURES, 1.0).scores(query(3), PLAYS, FEATURES);

    assertThat(second).containsExactly(first);
  }

  @Test
  void a_play_without_examples_scores_negative_infinity() {
    int[] y = new int[200];
    Feature[][] x = examples(y, 3);
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i] == 4 ? 3 : y[i];
    }

    double[] scores = PlayClassifier.train(x, y, FEATURES, 1.0).scores(query(0), PLAYS, FEATURES);

    assertThat(scores[4]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(best(scores)).isZero();
  }

  @Test
  void a_cached_classifier_scores_exactly_as_the_one_it_was_trained_as() throws IOException {
    int[] y = new int[200];
    Feature[][] x = examples(y, 4);
    PlayClassifier trained = PlayClassifier.cached(dir, x, y, FEATURES, 1.0);

    PlayClassifier reloaded = PlayClassifier.cached(dir, x, y, FEATURES, 1.0);

    assertThat(reloaded).isNotSameAs(trained);
    assertThat(reloaded.scores(query(2), PLAYS, FEATURES))
        .containsExactly(trained.scores(query(2), PLAYS, FEATURES));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .singleElement()
          .asString()
          .startsWith("classifier-");
    }
  }

  @Test
  void other_inputs_train_anew_and_replace_the_cached_file() throws IOException {
    int[] y = new int[200];
    PlayClassifier.cached(dir, examples(y, 5), y, FEATURES, 1.0);
    PlayClassifier.cached(dir, examples(y, 5), y, FEATURES, 2.0);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void a_corrupt_cached_file_is_trained_over() throws IOException {
    int[] y = new int[200];
    Feature[][] x = examples(y, 6);
    PlayClassifier trained = PlayClassifier.cached(dir, x, y, FEATURES, 1.0);
    try (Stream<Path> files = Files.list(dir)) {
      Path file = files.findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    PlayClassifier again = PlayClassifier.cached(dir, x, y, FEATURES, 1.0);

    assertThat(again.scores(query(1), PLAYS, FEATURES))
        .containsExactly(trained.scores(query(1), PLAYS, FEATURES));
  }
}
