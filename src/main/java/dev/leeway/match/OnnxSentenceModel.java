package dev.leeway.match;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A BERT-style sentence-embedding model bundled in a Maven artifact, run directly on ONNX Runtime.
 *
 * <p>Two choices differ from langchain4j's wrapper, whose model files we use. Each call gets one
 * ONNX thread that never spin-waits: the default pool of one spinning thread per core shaves a
 * little off one query on an idle machine, but under concurrent answers every call fights the
 * others for the cores. And a text is tokenised once: the wrapper tokenises, rebuilds the text and
 * tokenises it twice more, about a fifth of a short query's cost.
 */
final class OnnxSentenceModel {
  enum Pooling {
    /** The average of every token's output, [CLS] and [SEP] included (MiniLM's training). */
    MEAN,
    /** The [CLS] token's output (BGE's training). */
    CLS
  }

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final boolean takesTokenTypes;
  private final WordPieceTokenizer tokenizer;
  private final Pooling pooling;

  /**
   * @param maxTokens where a text is cut, [CLS] and [SEP] included: the length the model was
   *     trained on. Agents' texts are far shorter; the lexical features still read all of a long
   *     one.
   */
  OnnxSentenceModel(
      String modelResource, String tokenizerResource, Pooling pooling, int maxTokens) {
    this.pooling = pooling;
    try (InputStream model = resource(modelResource);
        InputStream vocabulary = resource(tokenizerResource);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      this.session = environment.createSession(model.readAllBytes(), options);
      this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
      this.tokenizer = WordPieceTokenizer.read(vocabulary, tokenizerResource, maxTokens);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the embedding model " + modelResource, e);
    } catch (OrtException e) {
      throw new IllegalStateException(
          "could not load the embedding model " + modelResource + ": " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = OnnxSentenceModel.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path (its Maven artifact is missing)");
    }
    return in;
  }

  /** The unit-length embedding of {@code text}; safe to call from many threads at once. */
  float[] embed(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("cannot embed a blank text");
    }
    return normalise(run(tokenizer.encode(text)));
  }

  private float[] run(long[] ids) {
    long[] shape = {1, ids.length};
    long[] ones = new long[ids.length];
    Arrays.fill(ones, 1);
    try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(ones), shape);
        OnnxTensor types =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape)) {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put("input_ids", inputIds);
      inputs.put("attention_mask", mask);
      if (takesTokenTypes) {
        inputs.put("token_type_ids", types);
      }
      try (OrtSession.Result result =
          session.run(inputs, Set.of(session.getOutputNames().iterator().next()))) {
        float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
        return pool(tokens);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the embedding model failed: " + e.getMessage(), e);
    }
  }

  private float[] pool(float[][] tokens) {
    if (pooling == Pooling.CLS) {
      return tokens[0];
    }
    float[] mean = new float[tokens[0].length];
    for (float[] token : tokens) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += token[i];
      }
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] /= tokens.length;
    }
    return mean;
  }

  private static float[] normalise(float[] vector) {
    double squares = 0;
    for (float v : vector) {
      squares += v * v;
    }
    float norm = (float) Math.sqrt(squares);
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = vector[i] / norm;
    }
    return unit;
  }
}
