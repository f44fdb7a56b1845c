package dev.leeway.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormatMapper;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.apache.lucene.analysis.opennlp.tools.OpenNLPOpsFactory;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.apache.lucene.util.ResourceLoader;

/**
 * OpenNLP sentences, tokens and part-of-speech tags, each with its character offsets in the
 * original text, for readers that must point back at the exact words.
 *
 * <p>The models are loaded once and shared. OpenNLP's {@code *ME} tools are not thread-safe, so
 * each call borrows a set of tools from a pool and gives it back: building fresh tools per call
 * would cost more than the tagging itself, and a pool (unlike a thread-local) also serves virtual
 * threads well.
 */
public final class SentenceTagger {

  private final SentenceModel sentenceModel;
  private final TokenizerModel tokenModel;
  private final POSModel posModel;
  private final ConcurrentLinkedQueue<Tools> pool = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Tagged> lastTagged = new ThreadLocal<>();
  private final POSTagFormatMapper toPenn;

  private SentenceTagger(SentenceModel sentences, TokenizerModel tokens, POSModel pos) {
    this.sentenceModel = sentences;
    this.tokenModel = tokens;
    this.posModel = pos;
    // The constructor is protected; the mapper itself is the one OpenNLP's tagger uses.
    this.toPenn = new POSTagFormatMapper(new POSTaggerME(pos).getAllPosTags()) {};
  }

  /** The shared English tagger; the first call loads the models from the classpath. */
  public static SentenceTagger english() {
    return Shared.INSTANCE;
  }

  // Lazy holder: the models load on first use, once, without locking afterwards.
  private static final class Shared {
    static final SentenceTagger INSTANCE = load();
  }

  // Lucene's OpenNLP module caches models by name, so the matcher's analyzer and this tagger
  // share one copy of each model.
  private static SentenceTagger load() {
    ResourceLoader classpath = new ClasspathResourceLoader(SentenceTagger.class.getClassLoader());
    try {
      return new SentenceTagger(
          OpenNLPOpsFactory.getSentenceModel(EnglishAnalyzer.SENTENCE_MODEL, classpath),
          OpenNLPOpsFactory.getTokenizerModel(EnglishAnalyzer.TOKEN_MODEL, classpath),
          GreedyPosModel.of(
              OpenNLPOpsFactory.getPOSTaggerModel(EnglishAnalyzer.POS_MODEL, classpath)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not load English tagging models", e);
    }
  }

  /**
   * The sentences of a text, with tokens and tags; offsets index into {@code text}. An answer reads
   * a message for facts and then analyses it for matching, on one thread: the thread's last text is
   * remembered, so the second asks for nothing new.
   */
  public List<Sentence> sentences(String text) {
    Tagged last = lastTagged.get();
    if (last != null && last.text().equals(text)) {
      return last.sentences();
    }
    List<Sentence> sentences = tag(text);
    lastTagged.set(new Tagged(text, sentences));
    return sentences;
  }

  private record Tagged(String text, List<Sentence> sentences) {}

  /**
   * The Penn Treebank tag for one of this tagger's Universal Dependencies tags, as OpenNLP maps
   * them: what Lucene's part-of-speech filter reports, and what the lemmatizer model expects.
   */
  String pennTag(String tag) {
    return toPenn.convertTag(tag);
  }

  private List<Sentence> tag(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    Tools tools = pool.poll();
    if (tools == null) {
      tools = new Tools();
    }
    try {
      List<Sentence> sentences = new ArrayList<>();
      for (Span sentence : tools.sentences.sentPosDetect(text)) {
        sentences.add(tag(tools, text, sentence.getStart(), sentence.getEnd()));
      }
      return List.copyOf(sentences);
    } finally {
      pool.offer(tools);
    }
  }

  private static Sentence tag(Tools tools, String text, int start, int end) {
    String sentence = text.substring(start, end);
    Span[] spans = tools.tokens.tokenizePos(sentence);
    String[] words = Span.spansToStrings(spans, sentence);
    String[] tags = tools.pos.tag(words);
    List<Token> tokens = new ArrayList<>(spans.length);
    for (int i = 0; i < spans.length; i++) {
      tokens.add(
          new Token(words[i], start + spans[i].getStart(), start + spans[i].getEnd(), tags[i]));
    }
    return new Sentence(start, end, tokens);
  }

  /** One thread's worth of OpenNLP tools over the shared models. */
  private final class Tools {
    final SentenceDetectorME sentences = new SentenceDetectorME(sentenceModel);
    final TokenizerME tokens = new TokenizerME(tokenModel);
    final POSTaggerME pos = new POSTaggerME(posModel);
  }
}
