package dev.leeway.insights;

import java.util.Locale;

/**
 * Vectors from the words alone, for a server that matches without a sentence embedding: each
 * lower-cased word of three or more letters is hashed into one of 512 dimensions. Texts that share
 * most of their words come out close; paraphrases with other words do not.
 */
public final class WordVectors implements TextVectors {

  static final int DIMENSIONS = 512;

  @Override
  public float[] vector(String text) {
    float[] v = new float[DIMENSIONS];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (word.length() >= 3) {
        v[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1f;
      }
    }
    return GapGrouping.unit(v);
  }
}
