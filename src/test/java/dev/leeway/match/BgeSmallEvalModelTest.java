package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Running BGE-small our way must not change what it computes; compiled and run only with {@code
 * -Peval-models}, the profile that puts the model on the class path.
 */
class BgeSmallEvalModelTest {

  // A class compiled under the profile can outlive it in target/ until the next clean.
  @BeforeAll
  static void the_model_is_on_the_class_path() {
    assumeTrue(
        BgeSmallEvalModelTest.class.getClassLoader().getResource("bge-small-en-v1.5-q.onnx")
            != null,
        "build with -Peval-models");
  }

  private static OnnxSentenceModel bge() {
    return new OnnxSentenceModel(
        "bge-small-en-v1.5-q.onnx",
        "bge-small-en-v1.5-q-tokenizer.json",
        OnnxSentenceModel.Pooling.CLS,
        512);
  }

  @Test
  void embeds_like_the_stock_bge_model() {
    OnnxSentenceModelTest.assertSameEmbeddings(
        bge(), new BgeSmallEnV15QuantizedEmbeddingModel(), OnnxSentenceModelTest.TEXTS);
  }

  /**
   * The stock wrapper averages 510-token parts for BGE; we read the 512 positions it was trained
   * on.
   */
  @Test
  void a_text_longer_than_bge_reads_is_cut_at_512_tokens() {
    OnnxSentenceModel ours = bge();
    String tail = " and now she wants a refund for the lot";
    float[] cut = ours.embed(OnnxSentenceModelTest.LONG + tail);
    assertThat(cut).isEqualTo(ours.embed(OnnxSentenceModelTest.LONG + " something else entirely"));
    assertThat(cut).isNotEqualTo(ours.embed(tail));
  }
}
