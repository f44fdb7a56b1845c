package dev.leeway.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy threshold clustering on cosine similarity. Items are taken newest first; each joins the
 * group whose centroid (the normalised sum of its members' vectors) is closest, when that cosine is
 * at least the threshold, and otherwise starts a group of its own. One pass, so {@code n} items and
 * {@code g} groups cost {@code n x g} dot products. Groups come out largest first, then newest.
 */
public final class GapGrouping {

  /**
   * The default cosine to join a group. With the matcher's MiniLM vectors, rephrasings of one
   * situation measured 0.46-0.81 apart, different situations (even of one domain, money taken or an
   * order) at most 0.34, and unrelated texts below 0.25: the threshold sits between the two.
   */
  public static final double THRESHOLD = 0.42;

  /** How many of a group's newest items are shown. */
  public static final int EXAMPLES = 5;

  private final TextVectors vectors;
  private final double threshold;

  public GapGrouping(TextVectors vectors, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold " + threshold + " is not in (0, 1]");
    }
    this.vectors = vectors;
    this.threshold = threshold;
  }

  private static final class Building {
    final float[] sum;
    float[] centroid;
    final List<GapItem> items = new ArrayList<>();

    Building(float[] first, GapItem item) {
      sum = first.clone();
      centroid = first;
      items.add(item);
    }

    void add(float[] v, GapItem item) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
      centroid = unit(sum.clone());
      items.add(item);
    }
  }

  public List<GapGroup> group(List<GapItem> items) {
    List<GapItem> newestFirst = new ArrayList<>(items);
    newestFirst.sort(Comparator.comparing(GapItem::at).reversed());
    List<Building> groups = new ArrayList<>();
    for (GapItem item : newestFirst) {
      float[] v = vectors.vector(item.text());
      Building best = null;
      double bestCosine = -2;
      for (Building g : groups) {
        double cosine = dot(v, g.centroid);
        if (cosine > bestCosine) {
          bestCosine = cosine;
          best = g;
        }
      }
      if (best != null && bestCosine >= threshold) {
        best.add(v, item);
      } else {
        groups.add(new Building(v, item));
      }
    }
    List<GapGroup> out = new ArrayList<>();
    for (Building g : groups) {
      out.add(summary(g.items));
    }
    out.sort(
        Comparator.comparingInt(GapGroup::count)
            .reversed()
            .thenComparing(GapGroup::latest, Comparator.reverseOrder()));
    return out;
  }

  private static GapGroup summary(List<GapItem> newestFirst) {
    Map<GapItem.Source, Integer> sources = new EnumMap<>(GapItem.Source.class);
    Map<String, Integer> plays = new HashMap<>();
    for (GapItem item : newestFirst) {
      sources.merge(item.source(), 1, Integer::sum);
      item.play().ifPresent(p -> plays.merge(p, 1, Integer::sum));
    }
    List<Map.Entry<String, Integer>> named = new ArrayList<>(plays.entrySet());
    named.sort(
        Map.Entry.<String, Integer>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    return new GapGroup(
        newestFirst.size(),
        newestFirst.get(0).at(),
        newestFirst.subList(0, Math.min(EXAMPLES, newestFirst.size())),
        sources,
        named.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < v.length; i++) {
        v[i] *= scale;
      }
    }
    return v;
  }
}
