package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Running the bundled model our way (one tokenisation, one thread) must not change what it
 * computes.
 */
class OnnxSentenceModelTest {
  static final List<String> TEXTS =
      List.of(
          "my parcel never arrived",
          "cust charged twice for her renewal, $12.99",
          "Café owner Zoë says the £40 refund 'never' came through 🙁 — order #A-1182",
          "  leading and trailing spaces\tand a tab  ");
  // Longer than either model reads: MiniLM's tokenizer cuts at 128 tokens (the stock wrapper too).
  static final String LONG =
      "the customer has called again about the same delayed washing machine delivery ".repeat(60);

  @Test
  void embeds_like_the_stock_minilm_model() {
    OnnxSentenceModel ours =
        new OnnxSentenceModel(
            "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json",
            OnnxSentenceModel.Pooling.MEAN,
            128);
    EmbeddingModel stock = new AllMiniLmL6V2QuantizedEmbeddingModel();
    assertSameEmbeddings(ours, stock, TEXTS);
    assertSameEmbeddings(ours, stock, List.of(LONG));
  }

  static void assertSameEmbeddings(
      OnnxSentenceModel ours, EmbeddingModel stock, List<String> texts) {
    for (String text : texts) {
      float[] a = ours.embed(text);
      float[] b = stock.embed(text).content().vector();
      assertThat(a).as(text).hasSameSizeAs(b);
      double dot = 0;
      double squares = 0;
      for (int i = 0; i < a.length; i++) {
        dot += a[i] * b[i];
        squares += a[i] * a[i];
      }
      assertThat(squares).as("unit length: " + text).isCloseTo(1.0, within(1e-5));
      assertThat(dot).as(text).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void a_blank_text_is_refused_by_name() {
    OnnxSentenceModel ours =
        new OnnxSentenceModel(
            "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json",
            OnnxSentenceModel.Pooling.MEAN,
            128);
    assertThatThrownBy(() -> ours.embed(" \n")).hasMessageContaining("blank");
  }

  @Test
  void a_missing_model_resource_names_it() {
    assertThatThrownBy(
            () ->
                new OnnxSentenceModel(
                    "no-such-model.onnx",
                    "all-minilm-l6-v2-q-tokenizer.json",
                    OnnxSentenceModel.Pooling.MEAN,
                    128))
        .hasMessageContaining("no-such-model.onnx");
  }
}
