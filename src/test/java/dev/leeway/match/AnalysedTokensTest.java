package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.text.EnglishAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index is built from replayed terms, so a replay must give the index what analysis would. */
class AnalysedTokensTest {
  @TempDir static Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "The parcels arrived yesterday.",
        "I want a refund, not my money back",
        "can't log in since the 3rd; card declined twice",
        ""
      })
  void replaying_an_analysis_gives_the_same_terms_at_the_same_positions(String text)
      throws IOException {
    Path synonyms = dir.resolve("synonyms.txt");
    Files.writeString(synonyms, "parcel, package, shipment\nrefund, money back\n");
    EnglishAnalyzer analysis = EnglishAnalyzer.withSynonyms(synonyms);

    List<String> analysed = tokens(analysis.analyzer().tokenStream("text", text));
    List<String> replayed = tokens(new AnalysedTokens(analysis.analyse(text)));

    assertThat(replayed).isEqualTo(analysed);
  }

  /**
   * Each term with its position increment, e.g. "shipment+0" for a synonym stacked on the term
   * before.
   */
  private static List<String> tokens(TokenStream stream) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (stream) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term + "+" + increment.getPositionIncrement());
      }
      stream.end();
    }
    return tokens;
  }
}
