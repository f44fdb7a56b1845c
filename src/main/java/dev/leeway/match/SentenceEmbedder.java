package dev.leeway.match;

import java.util.List;
import java.util.function.Supplier;

/**
 * Turns text into a unit-length sentence embedding with an in-process ONNX model shipped in a Maven
 * artifact (no network), consulting a cache so unchanged examples are never re-embedded.
 */
public final class SentenceEmbedder {

  /** The embedding models that ship with Leeway. */
  public enum Model {
    ALL_MINILM_L6_V2_Q(
        "all-minilm-l6-v2-q",
        () ->
            new OnnxSentenceModel(
                "all-minilm-l6-v2-q.onnx",
                "all-minilm-l6-v2-q-tokenizer.json",
                OnnxSentenceModel.Pooling.MEAN,
                128)),
    BGE_SMALL_EN_V15_Q(
        "bge-small-en-v1.5-q",
        () ->
            new OnnxSentenceModel(
                "bge-small-en-v1.5-q.onnx",
                "bge-small-en-v1.5-q-tokenizer.json",
                OnnxSentenceModel.Pooling.CLS,
                512));

    private final String id;
    private final Supplier<OnnxSentenceModel> factory;

    Model(String id, Supplier<OnnxSentenceModel> factory) {
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
          "unknown embedding model '"
              + id
              + "' (known: all-minilm-l6-v2-q, bge-small-en-v1.5-q, none)");
    }
  }

  private final Model model;
  private final OnnxSentenceModel onnx;
  private final TextCache<float[]> cache;

  public SentenceEmbedder(Model model, TextCache<float[]> cache) {
    this.model = model;
    this.onnx = model.factory.get();
    this.cache = cache;
  }

  public Model model() {
    return model;
  }

  public TextCache<float[]> cache() {
    return cache;
  }

  /**
   * Embeds a query, bypassing the cache: queries rarely repeat, must not grow the cache, and a
   * cache hit would hide the real cost of an answer from the benchmarks.
   */
  public float[] embedQuery(String text) {
    return onnx.embed(text);
  }

  /** Embeds many texts on {@code threads} threads; results are in input order. */
  public float[][] embedAll(List<String> texts, int threads) {
    return cache.getAll(texts, onnx::embed, threads, float[][]::new);
  }
}
