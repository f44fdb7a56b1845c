package dev.leeway.match;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TF-IDF over analysed unigrams and bigrams, learned from the training examples; terms never seen
 * in training carry no weight.
 */
final class LexicalFeatures {
  private final Map<String, Integer> index = new HashMap<>();
  private final float[] idf;

  LexicalFeatures(List<List<String>> documents) {
    Map<String, Integer> df = new HashMap<>();
    for (List<String> terms : documents) {
      for (String gram : new java.util.HashSet<>(grams(terms))) {
        df.merge(gram, 1, Integer::sum);
      }
    }
    idf = new float[df.size()];
    int n = documents.size();
    for (Map.Entry<String, Integer> e : new TreeMap<>(df).entrySet()) {
      int i = index.size();
      index.put(e.getKey(), i);
      idf[i] = (float) (Math.log((1.0 + n) / (1.0 + e.getValue())) + 1.0);
    }
  }

  int size() {
    return idf.length;
  }

  /** Sparse L2-normalised TF-IDF, as feature index to value in ascending index order. */
  TreeMap<Integer, Float> vector(List<String> terms) {
    TreeMap<Integer, Float> v = new TreeMap<>();
    for (String gram : grams(terms)) {
      Integer i = index.get(gram);
      if (i != null) {
        v.merge(i, idf[i], Float::sum);
      }
    }
    double norm = 0;
    for (float x : v.values()) {
      norm += x * x;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      v.replaceAll((k, x) -> x * inv);
    }
    return v;
  }

  private static List<String> grams(List<String> terms) {
    List<String> grams = new java.util.ArrayList<>(terms.size() * 2);
    grams.addAll(terms);
    for (int i = 1; i < terms.size(); i++) {
      grams.add(terms.get(i - 1) + ' ' + terms.get(i));
    }
    return grams;
  }
}
