package dev.leeway.match;

import dev.leeway.playbook.Play;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A large pack made from real phrasings, for measuring how matching scales: each synthetic play's
 * examples splice the start of one source text onto the end of another, so texts read like customer
 * situations and no two plays share their examples.
 */
public final class SyntheticPack {
  private SyntheticPack() {}

  public static List<Play> generate(
      List<String> sources, int plays, int examplesPerPlay, long seed) {
    if (sources.size() < 2) {
      throw new IllegalArgumentException("need at least two source texts");
    }
    Random random = new Random(seed);
    List<Play> pack = new ArrayList<>(plays);
    for (int p = 0; p < plays; p++) {
      List<String> examples = new ArrayList<>(examplesPerPlay);
      for (int e = 0; e < examplesPerPlay; e++) {
        examples.add(
            splice(
                sources.get(random.nextInt(sources.size())),
                sources.get(random.nextInt(sources.size()))));
      }
      String id = String.format("synthetic.play-%05d", p);
      pack.add(
          Play.forMatching(
              id, "Synthetic play " + p + ": " + firstWords(examples.get(0), 6), examples));
    }
    return pack;
  }

  /** A query near play {@code play}'s examples: one of them with a word dropped. */
  public static String queryFor(Play play, Random random) {
    String[] words = play.examples().get(random.nextInt(play.examples().size())).split("\\s+");
    if (words.length < 3) {
      return String.join(" ", words);
    }
    int drop = random.nextInt(words.length);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      if (i != drop) {
        sb.append(sb.isEmpty() ? "" : " ").append(words[i]);
      }
    }
    return sb.toString();
  }

  private static String splice(String a, String b) {
    String[] x = a.split("\\s+");
    String[] y = b.split("\\s+");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.max(1, x.length / 2); i++) {
      sb.append(x[i]).append(' ');
    }
    for (int i = y.length / 2; i < y.length; i++) {
      sb.append(y[i]).append(' ');
    }
    return sb.toString().strip();
  }

  private static String firstWords(String text, int n) {
    String[] words = text.split("\\s+");
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
  }
}
