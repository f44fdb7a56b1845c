package dev.leeway.match;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A sentence-embedding model bundled in a Maven artifact, run with one ONNX thread per call that
 * never spin-waits. ONNX Runtime's default gives every call a pool of one thread per core that
 * spins between steps: it shaves a little off one query on an idle machine, but under concurrent
 * answers every call fights the others for the same cores and burns CPU waiting.
 */
final class OnnxSentenceModel extends AbstractInProcessEmbeddingModel {
  private final OnnxBertBiEncoder encoder;

  OnnxSentenceModel(String modelResource, String tokenizerResource, PoolingMode pooling) {
    super(Runnable::run); // batches are parallelised by the caller (TextCache.getAll), not here
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (InputStream model = resource(modelResource);
        InputStream tokenizer = resource(tokenizerResource);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the embedding model " + modelResource, e);
    } catch (OrtException e) {
      throw new IllegalStateException("could not load the embedding model " + modelResource + ": " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = OnnxSentenceModel.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path (its Maven artifact is missing)");
    }
    return in;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }
}
