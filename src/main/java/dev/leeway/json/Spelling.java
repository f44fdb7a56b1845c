package dev.leeway.json;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the name a writer probably meant when a name is not known ("did you mean ...?"). */
public final class Spelling {

  private Spelling() {}

  /**
   * The known name closest to {@code written}, when it is close enough to be a slip: at most a
   * third of its letters (and at least one) edited, ignoring case.
   */
  public static Optional<String> closest(String written, Collection<String> known) {
    String target = written.toLowerCase(Locale.ROOT).strip();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(target, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(target.length(), best == null ? 0 : best.length()) / 3);
    return best != null && bestDistance > 0 && bestDistance <= allowed
        ? Optional.of(best)
        : Optional.empty();
  }

  /** " (did you mean 'x'?)" or nothing. */
  public static String hint(String written, Collection<String> known) {
    return closest(written, known).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /**
   * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
   * neighbours.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
