package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.Play;
import dev.leeway.text.EnglishAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The words-only first stage over the starter pack, built as the server builds it (with the
 * off-topic list): texts whose words decide the play skip the embedding and get the full path's
 * play; texts whose words do not decide go through the full path unchanged.
 */
class CascadeTest {
  private static final MatchSettings SETTINGS = MatchSettings.defaults();

  private static Matcher matcher;
  private static List<LabelledText> agentTexts;

  @BeforeAll
  static void build() throws Exception {
    Content content =
        switch (ContentLoader.load(
            Path.of("playbooks"), Path.of("config/authority.yaml"), Path.of("config/facts.yaml"))) {
          case LoadResult.Loaded<Content> loaded -> loaded.value();
          case LoadResult.Invalid<Content> invalid -> throw new AssertionError(invalid.problems());
        };
    List<Play> plays = content.playbook().published();
    SentenceEmbedder embedder =
        new SentenceEmbedder(SETTINGS.embedding(), TextCache.embeddingsInMemory());
    matcher =
        Matcher.build(
            plays,
            EnglishAnalyzer.plain(),
            embedder,
            SETTINGS,
            OffTopicTexts.read(Path.of("config/off-topic.txt")));
    agentTexts = LabelledCsv.read(Path.of("src/test/resources/eval/held-out-agent-texts.csv"));
  }

  @AfterAll
  static void close() {
    matcher.close();
  }

  @Test
  void the_threshold_is_learned_from_the_pack_and_above_the_abstention_bar() {
    assertThat(matcher.cascade()).isPresent();
    Cascade.Fit fit = matcher.cascade().orElseThrow();

    assertThat(fit.threshold()).isBetween(SETTINGS.abstainBelow(), 1.0);
    assertThat(fit.decidedShare()).isBetween(0.0, 1.0);
  }

  @Test
  void a_text_the_words_decide_skips_the_embedding_and_gets_the_full_paths_play() {
    String text = "customer lost her Northwind card on the train this morning and wants it blocked";

    Matcher.Answer answer = matcher.answer(text);
    MatchResult full = matcher.matchFully(text);

    assertThat(answer.embedded()).isFalse();
    assertThat(answer.result()).isInstanceOf(MatchResult.Matched.class);
    assertThat(full).isInstanceOf(MatchResult.Matched.class);
    MatchResult.Candidate best = ((MatchResult.Matched) answer.result()).best();
    assertThat(best.playId()).isEqualTo(((MatchResult.Matched) full).best().playId());
    assertThat(best.confidence())
        .isGreaterThanOrEqualTo(matcher.cascade().orElseThrow().threshold());
    // No embedding ran, so there is no cosine; the evidence is the closest example in words.
    assertThat(best.signals().similarity()).isNull();
    assertThat(best.signals().nearestExample()).isNotBlank();
    assertThat(matcher.match(text)).isEqualTo(answer.result());
  }

  @Test
  void a_text_mixing_two_situations_goes_through_the_full_path() {
    String text = "the parcel is 4 days late and she also wants to cancel her subscription";

    Matcher.Answer answer = matcher.answer(text);

    assertThat(answer.embedded()).isTrue();
    assertThat(answer.result()).isEqualTo(matcher.matchFully(text));
  }

  @Test
  void a_one_word_text_goes_through_the_full_path() {
    Matcher.Answer answer = matcher.answer("ty");

    assertThat(answer.embedded()).isTrue();
    assertThat(answer.result()).isInstanceOf(MatchResult.NoMatch.class);
  }

  @Test
  void on_agent_texts_the_words_decide_the_full_paths_play() {
    int decided = 0;
    int agreed = 0;
    List<String> inScopeDisagreements = new ArrayList<>();
    for (LabelledText row : agentTexts) {
      Matcher.Answer answer = matcher.answer(row.text());
      if (answer.embedded()) {
        continue;
      }
      decided++;
      MatchResult full = matcher.matchFully(row.text());
      boolean same =
          full instanceof MatchResult.Matched m
              && m.best().playId().equals(((MatchResult.Matched) answer.result()).best().playId());
      agreed += same ? 1 : 0;
      if (!same && !row.label().equals("none")) {
        inScopeDisagreements.add(row.text());
      }
    }

    // Texts the pack was never written against: a good part is decided by words alone.
    assertThat(decided).isGreaterThan(agentTexts.size() / 4);
    assertThat(inScopeDisagreements).isEmpty();
    assertThat((double) agreed / decided).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void the_same_text_gets_the_same_answer_every_time() {
    for (LabelledText row : agentTexts.subList(0, 40)) {
      assertThat(matcher.answer(row.text())).isEqualTo(matcher.answer(row.text()));
    }
  }
}
