package dev.leeway.match;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;

/**
 * A one-vs-rest linear SVM that scores every play for a featurised text. Each play's binary problem
 * is solved by LIBLINEAR's dual coordinate-descent solver (fast on a few thousand dense-plus-sparse
 * examples); the problems are independent, so they are solved on all cores.
 */
final class PlayClassifier {
  static {
    Linear.disableDebugOutput();
  }

  private static final double STOPPING_TOLERANCE = 0.01;
  private static final long SEED = 77;
  private static final int FILE_FORMAT = 1;

  private final int featureCount;
  // The play each column scores, and the weights feature-major: weights[f * plays.length + k]
  // for feature f (0-based; featureCount is the bias), so scoring one text walks memory in order.
  private final int[] plays;
  private final double[] weights;

  private PlayClassifier(int featureCount, int[] plays, double[] weights) {
    this.featureCount = featureCount;
    this.plays = plays;
    this.weights = weights;
  }

  /**
   * Trains on {@code examples} (feature indices 1..featureCount) labelled with play indices. Every
   * play's problem gets its own seeded solver, so the result does not depend on thread timing.
   */
  static PlayClassifier train(Feature[][] examples, int[] playIndex, int featureCount, double c) {
    Feature[][] x = new Feature[examples.length][];
    for (int i = 0; i < examples.length; i++) {
      x[i] = withBias(examples[i], featureCount + 1);
    }
    int[] plays = Arrays.stream(playIndex).distinct().sorted().toArray();
    double[][] columns = new double[plays.length][];
    if (plays.length == 1) {
      // Nothing to tell apart: the only play always scores its bias.
      columns[0] = new double[featureCount + 1];
      columns[0][featureCount] = 1;
    } else {
      IntStream.range(0, plays.length)
          .parallel()
          .forEach(k -> columns[k] = trainOneVsRest(x, playIndex, plays[k], featureCount, c));
    }
    int width = plays.length;
    double[] weights = new double[(featureCount + 1) * width];
    for (int k = 0; k < width; k++) {
      for (int f = 0; f <= featureCount; f++) {
        weights[f * width + k] = columns[k][f];
      }
    }
    return new PlayClassifier(featureCount, plays, weights);
  }

  /**
   * The classifier for exactly these inputs, read from {@code folder} if an earlier start trained
   * it, else trained now and stored there. Training is most of a warm start, and its result depends
   * only on the features, labels and cost, which the file name digests.
   */
  static PlayClassifier cached(
      Path folder, Feature[][] examples, int[] playIndex, int featureCount, double c) {
    return cached(folder, "", examples, playIndex, featureCount, c);
  }

  /**
   * As {@link #cached(Path, Feature[][], int[], int, double)}, for one of several classifiers a
   * matcher keeps: {@code kind} prefixes its file name, so each kind replaces only its own files.
   */
  static PlayClassifier cached(
      Path folder, String kind, Feature[][] examples, int[] playIndex, int featureCount, double c) {
    if (folder == null) {
      return train(examples, playIndex, featureCount, c);
    }
    String prefix = kind + "classifier-";
    Path file = folder.resolve(prefix + key(examples, playIndex, featureCount, c) + ".bin");
    PlayClassifier stored = read(file, featureCount);
    if (stored != null) {
      return stored;
    }
    PlayClassifier trained = train(examples, playIndex, featureCount, c);
    trained.write(file, prefix);
    return trained;
  }

  /** Decision value per play index; plays without examples score negative infinity. */
  double[] scores(Feature[] features, int playCount, int featureCount) {
    if (featureCount != this.featureCount) {
      throw new IllegalArgumentException(
          "trained on " + this.featureCount + " features, asked about " + featureCount);
    }
    int width = plays.length;
    double[] decision =
        Arrays.copyOfRange(weights, featureCount * width, (featureCount + 1) * width);
    for (Feature node : features) {
      if (node.getIndex() > featureCount) {
        continue; // a feature the training never saw carries no weight
      }
      int row = (node.getIndex() - 1) * width;
      double value = node.getValue();
      for (int k = 0; k < width; k++) {
        decision[k] += weights[row + k] * value;
      }
    }
    double[] byPlay = new double[playCount];
    Arrays.fill(byPlay, Double.NEGATIVE_INFINITY);
    for (int k = 0; k < width; k++) {
      byPlay[plays[k]] = decision[k];
    }
    return byPlay;
  }

  private static double[] trainOneVsRest(
      Feature[][] x, int[] playIndex, int play, int featureCount, double c) {
    Problem problem = new Problem();
    problem.l = x.length;
    problem.n = featureCount + 1;
    problem.bias = 1;
    problem.x = x;
    problem.y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      problem.y[i] = playIndex[i] == play ? 1 : -1;
    }
    Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, STOPPING_TOLERANCE);
    parameter.setRandom(new java.util.Random(SEED + play));
    Model model = Linear.train(problem, parameter);
    // A two-class model's weights favour its first label, which is whichever label came first.
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    double[] w = model.getFeatureWeights();
    double[] column = new double[featureCount + 1];
    for (int f = 0; f < column.length; f++) {
      column[f] = sign * w[f];
    }
    return column;
  }

  private static Feature[] withBias(Feature[] features, int biasIndex) {
    Feature[] x = Arrays.copyOf(features, features.length + 1);
    x[features.length] = new FeatureNode(biasIndex, 1);
    return x;
  }

  private static String key(Feature[][] examples, int[] playIndex, int featureCount, double c) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          (FILE_FORMAT + "|" + featureCount + "|" + c + "|" + STOPPING_TOLERANCE + "|" + SEED)
              .getBytes(StandardCharsets.UTF_8));
      ByteBuffer row = ByteBuffer.allocate(1024);
      for (int i = 0; i < examples.length; i++) {
        row.clear();
        row.putInt(playIndex[i]).putInt(examples[i].length);
        digest.update(row.flip());
        for (Feature node : examples[i]) {
          row.clear();
          row.putInt(node.getIndex()).putDouble(node.getValue());
          digest.update(row.flip());
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The classifier stored in {@code file}, or null if there is none or it cannot be read. */
  private static PlayClassifier read(Path file, int featureCount) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
      if (in.getInt() != FILE_FORMAT || in.getInt() != featureCount) {
        return null;
      }
      int width = in.getInt();
      if (width < 1
          || in.remaining()
              != (long) width * Integer.BYTES + (long) width * (featureCount + 1) * Double.BYTES) {
        return null;
      }
      int[] plays = new int[width];
      in.asIntBuffer().get(plays);
      in.position(in.position() + width * Integer.BYTES);
      double[] weights = new double[(featureCount + 1) * width];
      in.asDoubleBuffer().get(weights);
      return new PlayClassifier(featureCount, plays, weights);
    } catch (IOException | RuntimeException unreadable) {
      return null; // Only a cache: train again.
    }
  }

  /** Stores the classifier atomically and drops the files of earlier packs. */
  private void write(Path file, String prefix) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".classifier", ".tmp");
      ByteBuffer out =
          ByteBuffer.allocate(
              3 * Integer.BYTES + plays.length * Integer.BYTES + weights.length * Double.BYTES);
      out.putInt(FILE_FORMAT).putInt(featureCount).putInt(plays.length);
      out.asIntBuffer().put(plays);
      out.position(out.position() + plays.length * Integer.BYTES);
      out.asDoubleBuffer().put(weights);
      Files.write(temp, out.array());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (var others = Files.list(file.getParent())) {
        others
            .filter(f -> f.getFileName().toString().startsWith(prefix) && !f.equals(file))
            .forEach(f -> f.toFile().delete());
      }
    } catch (IOException e) {
      // Not being able to cache costs time on the next start, nothing else.
    }
  }
}
