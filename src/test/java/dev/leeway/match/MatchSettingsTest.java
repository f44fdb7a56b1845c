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
  void each_with_copy_changes_only_its_own_setting() {
    assertThat(defaults.withEmbedding(null))
        .isEqualTo(
            new MatchSettings(
                null, defaults.lexicalWeight(), defaults.svmCost(), defaults.temperature(),
                defaults.noneMargin(), defaults.bm25Weight(), defaults.similarityFloor(), defaults.abstainBelow(), defaults.topK(),
                defaults.classifierMaxPlays(), defaults.buildThreads()));
    assertThat(defaults.withAbstainBelow(0.25).abstainBelow()).isEqualTo(0.25);
    assertThat(defaults.withAbstainBelow(0.25).withAbstainBelow(defaults.abstainBelow()))
        .isEqualTo(defaults);
    assertThat(defaults.withLexicalWeight(2).lexicalWeight()).isEqualTo(2);
    assertThat(defaults.withSvmCost(3).svmCost()).isEqualTo(3);
    assertThat(defaults.withTemperature(7).temperature()).isEqualTo(7);
    assertThat(defaults.withNoneMargin(-0.2).noneMargin()).isEqualTo(-0.2);
    assertThat(defaults.withBm25Weight(0.5).bm25Weight()).isEqualTo(0.5);
    assertThat(defaults.withClassifierMaxPlays(7).classifierMaxPlays()).isEqualTo(7);
    assertThat(defaults.withSvmCost(3).withSvmCost(defaults.svmCost())).isEqualTo(defaults);
  }

  @Test
  void rejects_settings_out_of_range() {
    assertThatThrownBy(() -> defaults.withAbstainBelow(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("abstainBelow");
    assertThatThrownBy(() -> defaults.withBm25Weight(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bm25Weight");
    assertThatThrownBy(() -> defaults.withTemperature(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> defaults.withSvmCost(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("svmCost");
    assertThatThrownBy(() -> defaults.withClassifierMaxPlays(-1))
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
