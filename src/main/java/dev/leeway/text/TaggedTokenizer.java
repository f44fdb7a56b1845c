package dev.leeway.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.SentenceAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The {@link SentenceTagger}'s sentences, tokens and tags (in Penn Treebank form) as a Lucene token
 * stream: what Lucene's OpenNLP tokenizer and part-of-speech filter produce from the same models,
 * but computed by the tagger the facts reader uses, so a message read for facts and then matched is
 * tagged once.
 */
final class TaggedTokenizer extends Tokenizer {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);
  private final SentenceAttribute sentence = addAttribute(SentenceAttribute.class);
  private final SentenceTagger tagger;
  private final List<Token> tokens = new ArrayList<>();
  private final List<Integer> sentenceOf = new ArrayList<>();
  private int next;
  private int length;

  TaggedTokenizer(SentenceTagger tagger) {
    this.tagger = tagger;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[1024];
    for (int n = input.read(buffer); n != -1; n = input.read(buffer)) {
      text.append(buffer, 0, n);
    }
    length = text.length();
    tokens.clear();
    sentenceOf.clear();
    next = 0;
    List<Sentence> sentences = tagger.sentences(text.toString());
    for (int s = 0; s < sentences.size(); s++) {
      for (Token token : sentences.get(s).tokens()) {
        tokens.add(token);
        sentenceOf.add(s);
      }
    }
  }

  @Override
  public boolean incrementToken() {
    if (next >= tokens.size()) {
      return false;
    }
    clearAttributes();
    Token token = tokens.get(next);
    term.setEmpty().append(token.text());
    offset.setOffset(correctOffset(token.start()), correctOffset(token.end()));
    type.setType(tagger.pennTag(token.tag()));
    sentence.setSentenceIndex(sentenceOf.get(next));
    next++;
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    int end = correctOffset(length);
    offset.setOffset(end, end);
  }
}
