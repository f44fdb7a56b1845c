package dev.leeway.match;

import de.bwaldvogel.liblinear.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits how classifier margins become confidences for one pack. Margins depend on how many plays and
 * examples a pack has, so settings tuned on one data set do not carry over: a pack with eight
 * examples per play gives far smaller margins than one with a hundred.
 *
 * <p>Each round hides a fifth of the plays entirely (their examples stand for situations no play
 * covers) and a quarter of the remaining examples, trains on the rest, and records the margins of
 * everything held back. The temperature and "none" margin that minimise the log-loss over those
 * rows (right play for the visible ones, "none" for the hidden ones) are kept, and the {@link
 * Abstainer} is fitted on the same rows to say how likely the best-ranked play is right.
 */
final class ConfidenceCalibration {
  private static final int ROUNDS = 3;
  // Part of the cache key: a fit stored in an older layout is computed again, not misread.
  private static final int FORMAT = 7;
  private static final double[] TEMPERATURES = {1, 1.5, 2, 3, 4, 5, 6, 8, 10, 14};

  /**
   * The fitted softmax sharpness, the margin a play must beat to outweigh "none", the weight of
   * nearest-example evidence in the margins, and the abstainer (null when none was fitted: the best
   * play's confidence is then the discounted softmax share), and the words-only stage's fit against
   * this matcher's own answers (null when none was fitted).
   */
  record Fit(
      double temperature,
      double noneMargin,
      double nearestWeight,
      Abstainer abstainer,
      Cascade.Fit words) {
    Fit(double temperature, double noneMargin, double nearestWeight, Abstainer abstainer) {
      this(temperature, noneMargin, nearestWeight, abstainer, null);
    }

    Fit withWords(Cascade.Fit fit) {
      return new Fit(temperature, noneMargin, nearestWeight, abstainer, fit);
    }
  }

  /** Texts no play covers, featurised like the examples: more "none" rows for the abstainer. */
  record OffTopic(Feature[][] x, float[][] vectors, int[] contentTerms) {}

  /**
   * The examples and off-topic texts featurised for the words-only stage, to be fitted in the same
   * rounds as the full matcher; null for no words-only stage.
   */
  record Words(Feature[][] x, Feature[][] offTopic, int featureCount) {}

  private static final double[] NEAREST_WEIGHTS = {0, 1.5, 3};
  // A held-back row's right play: -1 when its play was hidden, OFF_TOPIC for an off-topic line.
  private static final int OFF_TOPIC = -2;
  // Log-loss per held-back row a larger nearest weight must save over a smaller one to be chosen.
  private static final double NEAREST_WEIGHT_GAIN = 0.005;

  private ConfidenceCalibration() {}

  /**
   * The fit for exactly these inputs, from {@code folder} if an earlier start computed it, else
   * computed now and stored there. It costs seconds and depends only on the examples and settings,
   * so a restart with unchanged content need not pay again.
   */
  static Fit cached(
      java.nio.file.Path folder, String key, java.util.function.Supplier<Fit> compute) {
    if (folder == null) {
      return compute.get();
    }
    java.nio.file.Path file = folder.resolve("calibration-" + key + ".txt");
    try {
      if (java.nio.file.Files.isRegularFile(file)) {
        double[] v =
            java.util.Arrays.stream(java.nio.file.Files.readString(file).strip().split(" "))
                .mapToDouble(Double::parseDouble)
                .toArray();
        // The softmax's three numbers, then the abstainer's seven and the words-only stage's four
        // when there are.
        if (v.length == 3 || v.length == 7) {
          return new Fit(
              v[0],
              v[1],
              v[2],
              null,
              v.length == 7 ? new Cascade.Fit(v[3], v[4], v[5], v[6]) : null);
        }
        if (v.length == 10 || v.length == 14) {
          return new Fit(
              v[0],
              v[1],
              v[2],
              new Abstainer(v[3], v[4], v[5], v[6], v[7], v[8], v[9]),
              v.length == 14 ? new Cascade.Fit(v[10], v[11], v[12], v[13]) : null);
        }
      }
    } catch (java.io.IOException | NumberFormatException unreadable) {
      // Only a cache: compute it again.
    }
    Fit fit = compute.get();
    try {
      java.nio.file.Files.createDirectories(folder);
      java.nio.file.Path temp = java.nio.file.Files.createTempFile(folder, ".calibration", ".tmp");
      java.nio.file.Files.writeString(temp, serialised(fit) + "\n");
      java.nio.file.Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      // One content version at a time: older fits would only pile up.
      try (var others = java.nio.file.Files.list(folder)) {
        others
            .filter(f -> f.getFileName().toString().startsWith("calibration-") && !f.equals(file))
            .forEach(f -> f.toFile().delete());
      }
    } catch (java.io.IOException e) {
      // Not being able to cache costs time on the next start, nothing else.
    }
    return fit;
  }

  private static String serialised(Fit fit) {
    String softmax = fit.temperature() + " " + fit.noneMargin() + " " + fit.nearestWeight();
    Abstainer a = fit.abstainer();
    String abstainer =
        a == null
            ? ""
            : " "
                + a.bias()
                + " "
                + a.logit()
                + " "
                + a.margin()
                + " "
                + a.lead()
                + " "
                + a.closeness()
                + " "
                + a.length()
                + " "
                + a.offTopic();
    Cascade.Fit w = fit.words();
    String words =
        w == null
            ? ""
            : " "
                + w.temperature()
                + " "
                + w.noneMargin()
                + " "
                + w.threshold()
                + " "
                + w.decidedShare();
    return softmax + abstainer + words;
  }

  /** A digest of everything a fit depends on. */
  static String key(
      List<String> texts,
      int[] play,
      double cost,
      double lexicalWeight,
      String embedding,
      Fit defaults) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      digest.update(
          (cost
                  + "|"
                  + lexicalWeight
                  + "|"
                  + embedding
                  + "|"
                  + defaults
                  + "|"
                  + ROUNDS
                  + "|"
                  + FORMAT)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (int i = 0; i < texts.size(); i++) {
        digest.update(
            (play[i] + "\u0000" + texts.get(i) + "\u0000")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns {@code fallback} when the pack is too small to hold anything back.
   *
   * @param contentTerms per example, how many content words it has (the abstainer's length)
   */
  static Fit fit(
      Feature[][] x,
      int[] play,
      List<String> exampleKeys,
      List<String> playKeys,
      float[][] vectors,
      int[] contentTerms,
      OffTopic offTopic,
      Words words,
      int playCount,
      int featureCount,
      MatchSettings settings,
      Fit fallback) {
    if (playCount < 5 || x.length < 4 * playCount) {
      return fallback;
    }
    List<double[]> margins = new ArrayList<>();
    List<double[]> cosines = new ArrayList<>();
    List<Integer> truth = new ArrayList<>(); // the right play, -1 for a hidden one, or OFF_TOPIC
    List<Integer> lengths = new ArrayList<>();
    List<Double> offTopicShares = new ArrayList<>();
    // Off-topic rows only teach the abstainer: the softmax keeps its fit on the pack's own texts.
    List<double[]> offMargins = new ArrayList<>();
    List<double[]> offCosines = new ArrayList<>();
    List<Integer> offLengths = new ArrayList<>();
    List<Double> offTopicLineShares = new ArrayList<>();
    // The words-only classifier's margins for the same rows, in the same order.
    List<double[]> wordMargins = new ArrayList<>();
    List<double[]> offWordMargins = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      boolean[] hidden = new boolean[playCount];
      for (int p = 0; p < playCount; p++) {
        hidden[p] = draw(round, playKeys.get(p), 5);
      }
      List<Integer> train = new ArrayList<>();
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        if (hidden[play[i]] || draw(round, exampleKeys.get(i), 4)) {
          held.add(i);
        } else {
          train.add(i);
        }
      }
      Feature[][] trainX = new Feature[train.size()][];
      int[] trainY = new int[train.size()];
      for (int k = 0; k < trainX.length; k++) {
        trainX[k] = x[train.get(k)];
        trainY[k] = play[train.get(k)];
      }
      if (Arrays.stream(trainY).distinct().count() < 2) {
        continue;
      }
      PlayClassifier classifier =
          PlayClassifier.train(trainX, trainY, featureCount, settings.svmCost());
      PlayClassifier wordsOnly = null;
      if (words != null) {
        Feature[][] trainWords = new Feature[train.size()][];
        for (int k = 0; k < trainWords.length; k++) {
          trainWords[k] = words.x()[train.get(k)];
        }
        wordsOnly =
            PlayClassifier.train(trainWords, trainY, words.featureCount(), settings.svmCost());
        for (int i : held) {
          wordMargins.add(wordsOnly.scores(words.x()[i], playCount, words.featureCount()));
        }
        for (Feature[] line : words.offTopic()) {
          offWordMargins.add(wordsOnly.scores(line, playCount, words.featureCount()));
        }
      }
      float[][][] trainVectors =
          vectors == null ? null : vectorsByPlay(vectors, train, play, playCount);
      for (int i : held) {
        margins.add(classifier.scores(x[i], playCount, featureCount));
        ExampleCosines near = vectors == null ? null : ExampleCosines.of(vectors[i], trainVectors);
        cosines.add(near == null ? new double[playCount] : near.closest());
        lengths.add(contentTerms[i]);
        offTopicShares.add(
            near == null ? 0 : near.offTopicShare(vectors[i], offTopic.vectors(), -1));
        // A visible play that lost every training example cannot be scored fairly; skip it.
        boolean trainable = hidden[play[i]] || Arrays.stream(trainY).anyMatch(y -> y == play[i]);
        truth.add(hidden[play[i]] ? -1 : trainable ? play[i] : Integer.MIN_VALUE);
      }
      for (int j = 0; j < offTopic.x().length; j++) {
        offMargins.add(classifier.scores(offTopic.x()[j], playCount, featureCount));
        float[] line =
            offTopic.vectors() == null || trainVectors == null ? null : offTopic.vectors()[j];
        ExampleCosines near = line == null ? null : ExampleCosines.of(line, trainVectors);
        offCosines.add(near == null ? new double[playCount] : near.closest());
        offLengths.add(offTopic.contentTerms()[j]);
        // Its own line would be a perfect match: measured against the others, as a new text would
        // be.
        offTopicLineShares.add(near == null ? 0 : near.offTopicShare(line, offTopic.vectors(), j));
      }
    }
    if (margins.isEmpty()) {
      return fallback;
    }
    double[] weights = vectors == null ? new double[] {0} : NEAREST_WEIGHTS;
    Fit[] bestPerWeight = new Fit[weights.length];
    double[] lossPerWeight = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      double weight = weights[k];
      List<double[]> evidence = new ArrayList<>();
      for (int r = 0; r < margins.size(); r++) {
        double[] m = margins.get(r).clone();
        Matcher.addCloseness(m, cosines.get(r), weight);
        evidence.add(m);
      }
      lossPerWeight[k] = Double.POSITIVE_INFINITY;
      for (double t : TEMPERATURES) {
        // Nearest-example evidence lifts every margin by up to the weight; the none margin follows.
        for (int step = 0; step <= 30; step++) {
          double none = -1.5 + weight * 0.5 + 0.1 * step;
          double loss = logLoss(evidence, truth, t, none);
          if (loss < lossPerWeight[k]) {
            lossPerWeight[k] = loss;
            bestPerWeight[k] = new Fit(t, none, weight, null);
          }
        }
      }
    }
    Fit best = bestPerWeight[simplestNearWeight(lossPerWeight, margins.size())];
    margins.addAll(offMargins);
    cosines.addAll(offCosines);
    offMargins.forEach(m -> truth.add(OFF_TOPIC));
    lengths.addAll(offLengths);
    offTopicShares.addAll(offTopicLineShares);
    Fit fitted =
        withAbstainer(
            best,
            margins,
            cosines,
            truth,
            lengths,
            offTopicShares,
            vectors != null,
            settings.similarityFloor());
    if (words == null) {
      return fitted;
    }
    wordMargins.addAll(offWordMargins);
    int[] answers = new int[margins.size()];
    for (int r = 0; r < answers.length; r++) {
      answers[r] =
          answer(
              fitted,
              margins.get(r),
              vectors != null ? cosines.get(r) : null,
              lengths.get(r),
              offTopicShares.get(r),
              settings);
    }
    return fitted.withWords(Cascade.against(wordMargins, truth, answers));
  }

  /**
   * What the matcher answers for a held-back row under {@code fit}: the best play, or -1 when its
   * confidence falls below the abstention bar (the vague-text rule aside, which the words-only
   * stage leaves to the full path anyway).
   */
  private static int answer(
      Fit fit,
      double[] margins,
      double[] cosine,
      int length,
      double offTopicShare,
      MatchSettings settings) {
    double[] m = margins.clone();
    if (cosine != null) {
      Matcher.addCloseness(m, cosine, fit.nearestWeight());
    }
    double[] semantic = Matcher.softmaxWithNone(m, fit.temperature(), fit.noneMargin());
    int best = 0;
    double bestConfidence = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < m.length; p++) {
      double confidence =
          cosine != null
              ? semantic[p] * Matcher.support(cosine[p], settings.similarityFloor())
              : semantic[p];
      if (confidence > bestConfidence) {
        bestConfidence = confidence;
        best = p;
      }
    }
    if (fit.abstainer() != null) {
      bestConfidence =
          fit.abstainer()
              .probability(Abstainer.Evidence.of(m, semantic, cosine, best, length, offTopicShare));
    }
    return bestConfidence >= settings.abstainBelow() ? best : -1;
  }

  /**
   * Which of {@link #NEAREST_WEIGHTS} (rising) to keep, given the best log-loss each reached over
   * {@code rows} held-back rows: a larger weight must beat the one kept so far by a clear margin.
   * Losses within a hair of each other are a tie, and a one-line content edit that tipped a tie
   * changed how every text in the pack was ranked; ties keep the smaller (and cheaper) weight.
   */
  static int simplestNearWeight(double[] losses, int rows) {
    int kept = 0;
    for (int k = 1; k < losses.length; k++) {
      if (losses[k] < losses[kept] - NEAREST_WEIGHT_GAIN * rows) {
        kept = k;
      }
    }
    return kept;
  }

  /**
   * Whether round {@code round} holds back the example or play named {@code key}: one chance in
   * {@code odds}, decided by the key itself rather than its position, so that adding or editing one
   * example moves only that example between the sides, not every one after it. With a shared random
   * stream a one-line content edit reshuffled every split and flipped unrelated decisions.
   */
  static boolean draw(int round, String key, int odds) {
    long h = key.hashCode() * 0x9E3779B97F4A7C15L + round * 0xC2B2AE3D27D4EB4FL + 77;
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return Math.floorMod(h, odds) == 0;
  }

  /**
   * Fits the abstainer on the held-back rows, ranked as the matcher ranks them under {@code fit}.
   */
  private static Fit withAbstainer(
      Fit fit,
      List<double[]> margins,
      List<double[]> cosines,
      List<Integer> truth,
      List<Integer> lengths,
      List<Double> offTopicShares,
      boolean embedded,
      double similarityFloor) {
    List<Abstainer.Evidence> rows = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    List<Boolean> none = new ArrayList<>();
    List<Boolean> offTopic = new ArrayList<>();
    for (int r = 0; r < margins.size(); r++) {
      if (truth.get(r) == Integer.MIN_VALUE) {
        continue;
      }
      double[] m = margins.get(r).clone();
      double[] cosine = embedded ? cosines.get(r) : null;
      if (embedded) {
        Matcher.addCloseness(m, cosine, fit.nearestWeight());
      }
      double[] semantic = Matcher.softmaxWithNone(m, fit.temperature(), fit.noneMargin());
      int best = 0;
      double bestConfidence = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < m.length; p++) {
        double confidence =
            embedded ? semantic[p] * Matcher.support(cosine[p], similarityFloor) : semantic[p];
        if (confidence > bestConfidence) {
          bestConfidence = confidence;
          best = p;
        }
      }
      rows.add(
          Abstainer.Evidence.of(m, semantic, cosine, best, lengths.get(r), offTopicShares.get(r)));
      right.add(best == truth.get(r));
      none.add(truth.get(r) < 0);
      offTopic.add(truth.get(r) == OFF_TOPIC);
    }
    boolean[] isRight = new boolean[rows.size()];
    boolean[] isNone = new boolean[rows.size()];
    boolean[] isOffTopic = new boolean[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      isRight[r] = right.get(r);
      isNone[r] = none.get(r);
      isOffTopic[r] = offTopic.get(r);
    }
    return new Fit(
        fit.temperature(),
        fit.noneMargin(),
        fit.nearestWeight(),
        Abstainer.fit(rows, isRight, isNone, isOffTopic));
  }

  /**
   * Per play, the cosine between {@code vector} and its closest training example; all 0 without
   * embeddings.
   */
  private static float[][][] vectorsByPlay(
      float[][] vectors, List<Integer> rows, int[] play, int playCount) {
    List<List<float[]>> byPlay = new ArrayList<>();
    for (int p = 0; p < playCount; p++) {
      byPlay.add(new ArrayList<>());
    }
    for (int i : rows) {
      byPlay.get(play[i]).add(vectors[i]);
    }
    float[][][] out = new float[playCount][][];
    for (int p = 0; p < playCount; p++) {
      out[p] = byPlay.get(p).toArray(new float[0][]);
    }
    return out;
  }

  private static double logLoss(
      List<double[]> margins, List<Integer> truth, double t, double none) {
    double loss = 0;
    for (int r = 0; r < margins.size(); r++) {
      int right = truth.get(r);
      if (right == Integer.MIN_VALUE) {
        continue;
      }
      double[] p = Matcher.softmaxWithNone(margins.get(r), t, none);
      double pRight = right >= 0 ? p[right] : 1 - Arrays.stream(p).sum();
      loss -= Math.log(Math.max(pRight, 1e-12));
    }
    return loss;
  }
}
