package dev.leeway.match;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

/**
 * A one-vs-rest linear SVM (LIBLINEAR's dual coordinate-descent solver, fast on a few thousand
 * dense-plus-sparse examples) that scores every play for a featurised text.
 */
final class PlayClassifier {
  static {
    Linear.disableDebugOutput();
  }

  private final Model model;
  private final int[] playOfClass;

  private PlayClassifier(Model model) {
    this.model = model;
    this.playOfClass = model.getLabels();
  }

  static PlayClassifier train(Feature[][] examples, int[] playIndex, int featureCount, double c) {
    Problem problem = new Problem();
    problem.l = examples.length;
    problem.n = featureCount + 1;
    problem.bias = 1;
    problem.x = new Feature[examples.length][];
    problem.y = new double[examples.length];
    for (int i = 0; i < examples.length; i++) {
      problem.x[i] = withBias(examples[i], featureCount + 1);
      problem.y[i] = playIndex[i];
    }
    // A fixed seed keeps training, and so every answer, reproducible for the same pack.
    Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, 0.01);
    parameter.setRandom(new java.util.Random(77));
    return new PlayClassifier(Linear.train(problem, parameter));
  }

  /** Decision value per play index; plays without examples score negative infinity. */
  double[] scores(Feature[] features, int playCount, int featureCount) {
    double[] decision = new double[model.getNrClass()];
    Linear.predictValues(model, withBias(features, featureCount + 1), decision);
    double[] byPlay = new double[playCount];
    java.util.Arrays.fill(byPlay, Double.NEGATIVE_INFINITY);
    if (decision.length == 1 || model.getNrClass() == 2) {
      // LIBLINEAR stores one weight vector for two classes: the value favours the first label.
      double v = decision[0];
      byPlay[playOfClass[0]] = v;
      if (playOfClass.length > 1) {
        byPlay[playOfClass[1]] = -v;
      }
      return byPlay;
    }
    for (int k = 0; k < decision.length; k++) {
      byPlay[playOfClass[k]] = decision[k];
    }
    return byPlay;
  }

  private static Feature[] withBias(Feature[] features, int biasIndex) {
    Feature[] x = java.util.Arrays.copyOf(features, features.length + 1);
    x[features.length] = new de.bwaldvogel.liblinear.FeatureNode(biasIndex, 1);
    return x;
  }
}
