package dev.leeway.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.Play;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import org.apache.lucene.analysis.opennlp.tools.OpenNLPOpsFactory;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.junit.jupiter.api.Test;

class GreedyLemmatizerTest {

  private static LemmatizerModel model() throws Exception {
    return OpenNLPOpsFactory.getLemmatizerModel(
        EnglishAnalyzer.LEMMA_MODEL,
        new ClasspathResourceLoader(GreedyLemmatizerTest.class.getClassLoader()));
  }

  static List<Sentence> starterPackSentences() {
    Content content =
        switch (ContentLoader.load(
            Path.of("playbooks"), Path.of("config/authority.yaml"), Path.of("config/facts.yaml"))) {
          case LoadResult.Loaded<Content> loaded -> loaded.value();
          case LoadResult.Invalid<Content> invalid -> throw new AssertionError(invalid.problems());
        };
    List<Sentence> sentences = new ArrayList<>();
    for (Play play : content.playbook().plays()) {
      for (String example : play.examples()) {
        sentences.addAll(SentenceTagger.english().sentences(example));
      }
    }
    return sentences;
  }

  static String[] words(Sentence sentence) {
    return sentence.tokens().stream().map(Token::text).toArray(String[]::new);
  }

  private static String[] tags(Sentence sentence) {
    return sentence.tokens().stream().map(Token::tag).toArray(String[]::new);
  }

  @Test
  void agrees_with_the_beam_search_on_the_starter_pack() throws Exception {
    LemmatizerModel model = model();
    LemmatizerME beam = new LemmatizerME(model);
    GreedyLemmatizer greedy = GreedyLemmatizer.factory(model).create();
    int tokens = 0;
    List<String> differences = new ArrayList<>();
    for (Sentence sentence : starterPackSentences()) {
      String[] words = words(sentence);
      String[] expected = beam.lemmatize(words, tags(sentence));
      String[] actual = greedy.lemmatize(words, tags(sentence));
      for (int i = 0; i < words.length; i++) {
        tokens++;
        String stock = "_".equals(expected[i]) ? words[i] : expected[i];
        if (!stock.equals(actual[i])) {
          differences.add(words[i] + ": " + stock + " vs " + actual[i]);
        }
      }
    }
    assertThat(tokens).isGreaterThan(10_000);
    // Greedy decoding may part from the beam on a rare ambiguous token, never more.
    assertThat(differences).hasSizeLessThanOrEqualTo(tokens / 2_000);
  }

  @Test
  void what_it_remembers_stays_bounded_for_a_lemmatizer_that_lives_long() throws Exception {
    // Lucene keeps one token stream, so one lemmatizer, per thread for good: the bound must hold
    // while it lemmatizes, not only when it is made.
    GreedyLemmatizer.Factory shared = GreedyLemmatizer.factory(model(), 50);
    GreedyLemmatizer lemmatizer = shared.create();
    for (int i = 0; i < 300; i++) {
      lemmatizer.lemmatize(new String[] {"parcel" + i, "arrived"}, new String[] {"NOUN", "VERB"});
    }
    assertThat(shared.classes().size()).isLessThanOrEqualTo(50);
  }

  @Test
  void remembered_classes_give_the_same_lemmas_as_working_them_out() throws Exception {
    GreedyLemmatizer.Factory shared = GreedyLemmatizer.factory(model());
    List<Sentence> sentences =
        SentenceTagger.english()
            .sentences("The parcels were stolen. She has been charged twice for cancelled orders.");
    List<List<String>> first = new ArrayList<>();
    for (Sentence sentence : sentences) {
      first.add(List.of(shared.create().lemmatize(words(sentence), tags(sentence))));
    }
    assertThat(shared.classes()).isNotEmpty();
    for (int i = 0; i < sentences.size(); i++) {
      Sentence sentence = sentences.get(i);
      assertThat(shared.create().lemmatize(words(sentence), tags(sentence)))
          .containsExactlyElementsOf(first.get(i));
      assertThat(
              GreedyLemmatizer.factory(model()).create().lemmatize(words(sentence), tags(sentence)))
          .containsExactlyElementsOf(first.get(i));
    }
    assertThat(first.get(0)).containsExactly("the", "parcel", "be", "steal", ".");
  }
}
