package dev.leeway.match;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Turns text into a unit-length sentence embedding with an in-process ONNX model shipped in a
 * Maven artifact (no network), consulting a cache so unchanged examples are never re-embedded.
 */
public final class SentenceEmbedder {

  /** The embedding models that ship with Leeway. */
  public enum Model {
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", AllMiniLmL6V2QuantizedEmbeddingModel::new),
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", BgeSmallEnV15QuantizedEmbeddingModel::new);

    private final String id;
    private final Supplier<EmbeddingModel> factory;

    Model(String id, Supplier<EmbeddingModel> factory) {
      this.id = id;
      this.factory = factory;
    }

    public String id() {
      return id;
    }

    public static Model byId(String id) {
      for (Model m : values()) {
        if (m.id.equals(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "unknown embedding model '" + id + "' (known: all-minilm-l6-v2-q, bge-small-en-v1.5-q, none)");
    }
  }

  private final Model model;
  private final EmbeddingModel onnx;
  private final EmbeddingCache cache;

  public SentenceEmbedder(Model model, EmbeddingCache cache) {
    this.model = model;
    this.onnx = model.factory.get();
    this.cache = cache;
  }

  public Model model() {
    return model;
  }

  public EmbeddingCache cache() {
    return cache;
  }

  /** Embeds one text, from the cache when it has been seen before. */
  public float[] embed(String text) {
    float[] cached = cache.get(text);
    if (cached != null) {
      return cached;
    }
    float[] vector = onnx.embed(text).content().vector();
    cache.put(text, vector);
    return vector;
  }

  /**
   * Embeds a query, bypassing the cache: queries rarely repeat, must not grow the cache, and a
   * cache hit would hide the real cost of an answer from the benchmarks.
   */
  public float[] embedQuery(String text) {
    return onnx.embed(text).content().vector();
  }

  /** Embeds many texts on {@code threads} threads; results are in input order. */
  public float[][] embedAll(List<String> texts, int threads) {
    float[][] out = new float[texts.size()][];
    if (threads <= 1 || texts.size() < 64) {
      for (int i = 0; i < out.length; i++) {
        out[i] = embed(texts.get(i));
      }
      return out;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      int chunk = (texts.size() + threads - 1) / threads;
      List<Future<?>> parts = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = t * chunk;
        int to = Math.min(texts.size(), from + chunk);
        parts.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    out[i] = embed(texts.get(i));
                  }
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("embedding failed: " + e.getCause().getMessage(), e.getCause());
    }
    return out;
  }
}
