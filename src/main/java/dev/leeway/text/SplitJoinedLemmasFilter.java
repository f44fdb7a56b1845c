package dev.leeway.text;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits the joined lemmas the English UD models give contracted tokens ("customer's" becomes
 * {@code customer+'s}, "don't" {@code do+not}) into one term per part, so "customer" matches and
 * "not" stays visible for negation.
 */
final class SplitJoinedLemmasFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute position =
      addAttribute(PositionIncrementAttribute.class);
  private final Deque<String> pending = new ArrayDeque<>();
  private State state;

  SplitJoinedLemmasFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!pending.isEmpty()) {
      restoreState(state);
      term.setEmpty().append(pending.removeFirst());
      position.setPositionIncrement(1);
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    String text = term.toString();
    int plus = text.indexOf('+');
    if (plus <= 0 || plus == text.length() - 1) {
      return true;
    }
    String[] parts = text.split("\\+");
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        pending.addLast(parts[i]);
      }
    }
    state = captureState();
    term.setEmpty().append(parts[0]);
    return true;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
    state = null;
  }
}
