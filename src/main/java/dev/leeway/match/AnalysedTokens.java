package dev.leeway.match;

import dev.leeway.text.AnalysedText;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Replays terms analysed earlier (possibly in an earlier process, from the cache) into an index
 * field, so indexing does not run OpenNLP over every field again.
 */
final class AnalysedTokens extends TokenStream {
  private final AnalysedText text;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private int next;

  AnalysedTokens(AnalysedText text) {
    this.text = text;
  }

  @Override
  public boolean incrementToken() {
    if (next >= text.terms().size()) {
      return false;
    }
    clearAttributes();
    term.append(text.terms().get(next));
    increment.setPositionIncrement(text.increment(next));
    next++;
    return true;
  }

  @Override
  public void reset() throws java.io.IOException {
    super.reset();
    next = 0;
  }
}
