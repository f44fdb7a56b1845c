package dev.leeway.insights;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the vectors of the most recently grouped texts, so that reading the queue again embeds only
 * what is new. Safe for concurrent use.
 */
public final class CachedVectors implements TextVectors {

  private final TextVectors vectors;
  private final Map<String, float[]> cache;

  public CachedVectors(TextVectors vectors, int capacity) {
    this.vectors = vectors;
    this.cache =
        new LinkedHashMap<>(capacity, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public float[] vector(String text) {
    synchronized (cache) {
      float[] known = cache.get(text);
      if (known != null) {
        return known;
      }
    }
    float[] vector = vectors.vector(text);
    synchronized (cache) {
      cache.put(text, vector);
    }
    return vector;
  }
}
