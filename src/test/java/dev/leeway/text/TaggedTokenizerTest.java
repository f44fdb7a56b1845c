package dev.leeway.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.match.LabelledCsv;
import dev.leeway.match.LabelledText;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.opennlp.OpenNLPPOSFilterFactory;
import org.apache.lucene.analysis.opennlp.OpenNLPTokenizerFactory;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.SentenceAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.junit.jupiter.api.Test;

/** The analysis chain's tokens come from the facts reader's tagger; they must be Lucene's own. */
class TaggedTokenizerTest {

  @Test
  void gives_what_lucenes_opennlp_tokenizer_and_tagger_give() throws IOException {
    ClasspathResourceLoader models =
        new ClasspathResourceLoader(TaggedTokenizerTest.class.getClassLoader());
    OpenNLPTokenizerFactory tokenizer =
        new OpenNLPTokenizerFactory(
            new java.util.HashMap<>(
                Map.of(
                    "sentenceModel",
                    EnglishAnalyzer.SENTENCE_MODEL,
                    "tokenizerModel",
                    EnglishAnalyzer.TOKEN_MODEL)));
    tokenizer.inform(models);
    OpenNLPPOSFilterFactory tagger =
        new OpenNLPPOSFilterFactory(
            new java.util.HashMap<>(Map.of("posTaggerModel", EnglishAnalyzer.POS_MODEL)));
    tagger.inform(models);

    List<String> texts = new ArrayList<>();
    for (Sentence sentence : GreedyLemmatizerTest.starterPackSentences()) {
      texts.add(String.join(" ", List.of(GreedyLemmatizerTest.words(sentence))));
    }
    for (LabelledText row :
        LabelledCsv.read(Path.of("src/test/resources/eval/held-out-agent-texts.csv"))) {
      texts.add(row.text());
    }
    texts.add("Order shipped, tracking updated; parcel delayed. She called twice!  Refund £25.50?");
    int tokens = 0;
    for (String text : texts) {
      Tokenizer stock = tokenizer.create();
      List<String> expected = tokens(tagger.create(stock), stock, text);
      Tokenizer ours = new TaggedTokenizer(SentenceTagger.english());
      assertThat(tokens(ours, ours, text)).as(text).isEqualTo(expected);
      tokens += expected.size();
    }
    assertThat(tokens).isGreaterThan(10_000);
  }

  private static List<String> tokens(TokenStream stream, Tokenizer source, String text)
      throws IOException {
    source.setReader(new StringReader(text));
    CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
    OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
    TypeAttribute type = stream.addAttribute(TypeAttribute.class);
    SentenceAttribute sentence = stream.addAttribute(SentenceAttribute.class);
    List<String> out = new ArrayList<>();
    stream.reset();
    while (stream.incrementToken()) {
      out.add(
          term
              + "/"
              + type.type()
              + "@"
              + offset.startOffset()
              + "-"
              + offset.endOffset()
              + "#"
              + sentence.getSentenceIndex());
    }
    stream.end();
    out.add("end@" + offset.endOffset());
    stream.close();
    return out;
  }
}
