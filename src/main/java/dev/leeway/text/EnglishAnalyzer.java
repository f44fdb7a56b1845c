package dev.leeway.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.AbstractAnalysisFactory;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.opennlp.OpenNLPLemmatizerFilter;
import org.apache.lucene.analysis.opennlp.tools.OpenNLPOpsFactory;
import org.apache.lucene.analysis.synonym.SynonymGraphFilterFactory;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.FilesystemResourceLoader;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.apache.lucene.util.ResourceLoader;
import org.apache.lucene.util.ResourceLoaderAware;

/**
 * English analysis for matching: OpenNLP sentences, tokens, part-of-speech tags and lemmas,
 * punctuation dropped, joined lemmas split, lower case, then the supervisor-editable synonym list.
 *
 * <p>Sentences, tokens and tags come from the shared {@link SentenceTagger} (which pools its
 * OpenNLP tools), the lemmatizer is one per token stream, so one instance is safe to share across
 * threads.
 */
public final class EnglishAnalyzer {
  static final String SENTENCE_MODEL = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
  static final String TOKEN_MODEL = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
  static final String POS_MODEL = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
  static final String LEMMA_MODEL = "opennlp-en-ud-ewt-lemmas-1.3-2.5.4.bin";

  // OpenNLP's tagger reports Penn Treebank tags; these are the punctuation ones (UD's too).
  private static final Set<String> PUNCTUATION_TAGS =
      Set.of(".", ",", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "PUNCT");

  // Bump when the filter chain changes, so terms cached by an older chain are not reused.
  // 2: greedy lemmatizer decoding. 3: greedy tagging (the same tags on every text measured).
  // 4: sentences, tokens and tags from SentenceTagger, over the whole text at once.
  private static final int CHAIN_VERSION = 4;

  private final Analyzer analyzer;
  private final String fingerprint;

  private EnglishAnalyzer(Analyzer analyzer, String fingerprint) {
    this.analyzer = analyzer;
    this.fingerprint = fingerprint;
  }

  /** Analysis without synonyms. */
  public static EnglishAnalyzer plain() {
    return build(null);
  }

  /**
   * Analysis with a synonym file in Solr format; the file is read from disk so supervisors can edit
   * it without rebuilding.
   */
  public static EnglishAnalyzer withSynonyms(Path synonyms) {
    if (!Files.isRegularFile(synonyms)) {
      throw new IllegalArgumentException("synonym file not found: " + synonyms);
    }
    return build(synonyms);
  }

  private static EnglishAnalyzer build(Path synonyms) {
    try {
      ResourceLoader models = new ClasspathResourceLoader(EnglishAnalyzer.class.getClassLoader());
      // Lucene caches the lemmatizer model by name, so the tagger and every analyzer share models.
      SentenceTagger tagger = SentenceTagger.english();
      GreedyLemmatizer.Factory lemmas =
          GreedyLemmatizer.factory(OpenNLPOpsFactory.getLemmatizerModel(LEMMA_MODEL, models));
      SynonymGraphFilterFactory synonymFilter = null;
      if (synonyms != null) {
        ResourceLoader files =
            new FilesystemResourceLoader(
                synonyms.toAbsolutePath().getParent(), EnglishAnalyzer.class.getClassLoader());
        synonymFilter =
            inform(
                new SynonymGraphFilterFactory(
                    args(
                        "synonyms",
                        synonyms.getFileName().toString(),
                        "ignoreCase",
                        "true",
                        "expand",
                        "true")),
                files);
      }
      SynonymGraphFilterFactory synonymStage = synonymFilter;
      Analyzer analyzer =
          new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
              Tokenizer source = new TaggedTokenizer(tagger);
              TokenStream stream = new OpenNLPLemmatizerFilter(source, lemmatizer(lemmas));
              // Punctuation carries no meaning for matching; the POS tagger marks it reliably.
              stream = new TypeTokenFilter(stream, PUNCTUATION_TAGS);
              stream = new SplitJoinedLemmasFilter(stream);
              stream = new LowerCaseFilter(stream);
              if (synonymStage != null) {
                // Synonyms apply to lemmas, so "parcels" and "parcel" both reach the "package"
                // group.
                stream = new FlattenGraphFilter(synonymStage.create(stream));
              }
              return new TokenStreamComponents(source, stream);
            }
          };
      return new EnglishAnalyzer(analyzer, fingerprint(synonyms));
    } catch (IOException e) {
      throw new UncheckedIOException("could not load English analysis models", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("synonym file " + synonyms + ": " + e.getMessage(), e);
    }
  }

  private static String fingerprint(Path synonyms) throws IOException {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      String chain =
          String.join(
              "|",
              SENTENCE_MODEL,
              TOKEN_MODEL,
              POS_MODEL,
              LEMMA_MODEL,
              String.valueOf(CHAIN_VERSION));
      digest.update(chain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (synonyms != null) {
        digest.update(Files.readAllBytes(synonyms));
      }
      return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static GreedyLemmatizer lemmatizer(GreedyLemmatizer.Factory lemmas) {
    try {
      return lemmas.create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T extends AbstractAnalysisFactory & ResourceLoaderAware> T inform(
      T factory, ResourceLoader loader) throws IOException {
    factory.inform(loader);
    return factory;
  }

  private static Map<String, String> args(String... keyValues) {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      args.put(keyValues[i], keyValues[i + 1]);
    }
    return args;
  }

  /** Whether an analysed term is a common English function word ("the", "of", "and"...). */
  public static boolean isStopWord(String term) {
    return org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(term);
  }

  /** The Lucene analyzer, for index writers and query building. */
  public Analyzer analyzer() {
    return analyzer;
  }

  /** The analysed terms of a text, in order (synonyms follow the term they expand). */
  public List<String> terms(String text) {
    return analyse(text).terms();
  }

  /** The analysed terms of a text with the positions synonyms share, as an index would see them. */
  public AnalysedText analyse(String text) {
    List<String> terms = new ArrayList<>();
    List<Integer> increments = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
        increments.add(increment.getPositionIncrement());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AnalysedText(terms, increments.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The analysed terms of a text grouped by the word they come from: its lemma with the synonyms
   * stacked on it, all of which start where the word does ("refund" gives one word of six terms,
   * money, reimburse, …, back). Flattened in order, the same terms as {@link #terms}.
   */
  public List<List<String>> words(String text) {
    List<List<String>> words = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int start = -1;
      while (stream.incrementToken()) {
        if (words.isEmpty() || offset.startOffset() != start) {
          words.add(new ArrayList<>());
          start = offset.startOffset();
        }
        words.get(words.size() - 1).add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words.stream().map(List::copyOf).toList();
  }

  /**
   * A digest of everything analysis depends on (the models, the synonym list, the filter chain), so
   * analysed terms cached under it are never reused after any of them changes.
   */
  public String fingerprint() {
    return fingerprint;
  }
}
