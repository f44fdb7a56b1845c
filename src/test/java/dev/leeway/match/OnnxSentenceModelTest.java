package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

/** Running the bundled model our way must not change what it computes. */
class OnnxSentenceModelTest {

  @Test
  void embeds_exactly_like_the_bundled_model_with_its_default_session() {
    EmbeddingModel ours = new OnnxSentenceModel("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", PoolingMode.MEAN);
    EmbeddingModel stock = new AllMiniLmL6V2QuantizedEmbeddingModel();

    for (String text : new String[] {"my parcel never arrived", "cust charged twice for her renewal, $12.99"}) {
      float[] a = ours.embed(text).content().vector();
      float[] b = stock.embed(text).content().vector();
      assertThat(a).hasSameSizeAs(b);
      double dot = 0;
      for (int i = 0; i < a.length; i++) {
        dot += a[i] * b[i];
      }
      assertThat(dot).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void a_missing_model_resource_names_it() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new OnnxSentenceModel("no-such-model.onnx", "all-minilm-l6-v2-q-tokenizer.json", PoolingMode.MEAN))
        .hasMessageContaining("no-such-model.onnx");
  }
}
