package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatchSettingsTest {

  private final MatchSettings defaults = MatchSettings.defaults();

  @Test
  void defaults_are_valid_and_use_a_shipped_embedding() {
    assertThat(defaults.embedding()).isIn((Object[]) SentenceEmbedder.Model.values());
    assertThat(defaults.abstainBelow()).isGreaterThan(0).isLessThan(1);
    assertThat(defaults.topK()).isPositive();
    assertThat(defaults.buildThreads()).isPositive();
  }

  @Test
  void each_copy_changes_only_its_own_setting() {
    assertThat(defaults.withEmbedding(null))
        .isEqualTo(
            new MatchSettings(
                null,
                defaults.lexicalWeight(),
                defaults.svmCost(),
                defaults.temperature(),
                defaults.noneMargin(),
                defaults.nearestWeight(),
                defaults.bm25Weight(),
                defaults.similarityFloor(),
                defaults.abstainBelow(),
                defaults.topK(),
                defaults.classifierMaxPlays(),
                defaults.buildThreads()));
    assertThat(defaults.withAbstainBelow(0.25).abstainBelow()).isEqualTo(0.25);
    assertThat(defaults.withAbstainBelow(0.25).withAbstainBelow(defaults.abstainBelow()))
        .isEqualTo(defaults);
    assertThat(defaults.toBuilder().lexicalWeight(2).build().lexicalWeight()).isEqualTo(2);
    assertThat(defaults.toBuilder().svmCost(3).build().svmCost()).isEqualTo(3);
    assertThat(defaults.toBuilder().temperature(7).build().temperature()).isEqualTo(7);
    assertThat(defaults.toBuilder().noneMargin(-0.2).build().noneMargin()).isEqualTo(-0.2);
    assertThat(defaults.toBuilder().bm25Weight(0.5).build().bm25Weight()).isEqualTo(0.5);
    assertThat(defaults.toBuilder().classifierMaxPlays(7).build().classifierMaxPlays())
        .isEqualTo(7);
    assertThat(
            defaults.toBuilder().svmCost(3).build().toBuilder().svmCost(defaults.svmCost()).build())
        .isEqualTo(defaults);
    assertThat(defaults.toBuilder().similarityFloor(0.4).build().similarityFloor()).isEqualTo(0.4);
    assertThat(defaults.toBuilder().nearestWeight(1.5).build().nearestWeight()).isEqualTo(1.5);
  }

  @Test
  void rejects_settings_out_of_range() {
    assertThatThrownBy(() -> defaults.withAbstainBelow(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("abstainBelow");
    assertThatThrownBy(() -> defaults.toBuilder().bm25Weight(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bm25Weight");
    assertThatThrownBy(() -> defaults.toBuilder().temperature(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> defaults.toBuilder().svmCost(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("svmCost");
    assertThatThrownBy(() -> defaults.toBuilder().classifierMaxPlays(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("classifierMaxPlays");
  }

  @Test
  void embedding_models_are_found_by_id_and_unknown_ones_are_named() {
    for (SentenceEmbedder.Model model : SentenceEmbedder.Model.values()) {
      assertThat(SentenceEmbedder.Model.byId(model.id())).isEqualTo(model);
    }
    assertThatThrownBy(() -> SentenceEmbedder.Model.byId("word2vec"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'word2vec'");
  }
}
