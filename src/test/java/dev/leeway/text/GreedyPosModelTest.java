package dev.leeway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import org.apache.lucene.analysis.opennlp.tools.OpenNLPOpsFactory;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.junit.jupiter.api.Test;

class GreedyPosModelTest {

  private static POSModel stock() throws Exception {
    return OpenNLPOpsFactory.getPOSTaggerModel(
        EnglishAnalyzer.POS_MODEL,
        new ClasspathResourceLoader(GreedyPosModelTest.class.getClassLoader()));
  }

  @Test
  void decodes_with_a_beam_of_one() throws Exception {
    assertThat(stock().getManifestProperty("BeamSize")).isNotEqualTo("1");
    assertThat(GreedyPosModel.of(stock()).getManifestProperty("BeamSize")).isEqualTo("1");
  }

  @Test
  void agrees_with_the_beam_search_on_the_starter_pack() throws Exception {
    POSTaggerME beam = new POSTaggerME(stock());
    POSTaggerME greedy = new POSTaggerME(GreedyPosModel.of(stock()));
    int tokens = 0;
    List<String> differences = new ArrayList<>();
    for (Sentence sentence : GreedyLemmatizerTest.starterPackSentences()) {
      String[] words = GreedyLemmatizerTest.words(sentence);
      String[] expected = beam.tag(words);
      String[] actual = greedy.tag(words);
      for (int i = 0; i < words.length; i++) {
        tokens++;
        if (!expected[i].equals(actual[i])) {
          differences.add(words[i] + ": " + expected[i] + " vs " + actual[i]);
        }
      }
    }
    assertThat(tokens).isGreaterThan(10_000);
    // Greedy decoding may part from the beam on a rare ambiguous token, never more.
    assertThat(differences).hasSizeLessThanOrEqualTo(tokens / 2_000);
  }
}
