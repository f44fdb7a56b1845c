package dev.leeway.match;

import dev.leeway.playbook.Play;
import dev.leeway.text.AnalysedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Lucene index of one pack version: a document per play (title, situation, examples, tags)
 * ranked with BM25, and, for packs too large for the classifier, a document per example with its
 * embedding for nearest-neighbour search. Immutable once built: a new pack version gets a new index
 * and is swapped in whole.
 */
final class PlayIndex implements AutoCloseable {
  static final String ID = "id";
  static final String KIND = "kind";
  static final String PLAY_ORDINAL = "play";
  static final String TITLE = "title";
  static final String SITUATION = "situation";
  static final String EXAMPLES = "examples";
  static final String TAGS = "tags";
  static final String VECTOR = "vector";

  private static final String KIND_PLAY = "play";
  private static final String KIND_EXAMPLE = "example";
  // Titles are the supervisor's own summary, so a title hit counts most.
  private static final Map<String, Float> FIELD_BOOSTS =
      Map.of(TITLE, 2f, EXAMPLES, 1f, SITUATION, 0.5f, TAGS, 1f);
  private static final int MAX_TERMS = 64;

  private final ByteBuffersDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int[] ordinalOfDoc;

  private PlayIndex(ByteBuffersDirectory directory, DirectoryReader reader) throws IOException {
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    // Play ordinals are read once here so a search never touches stored fields.
    this.ordinalOfDoc = new int[reader.maxDoc()];
    StoredFields stored = reader.storedFields();
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      ordinalOfDoc[doc] = stored.document(doc).getField(PLAY_ORDINAL).numericValue().intValue();
    }
  }

  /**
   * Indexes {@code plays} from their fields' analysed terms ({@code analysed} knows every field
   * value, stripped); {@code exampleVectors}, when not null, holds per play the embeddings of its
   * examples for nearest-neighbour search.
   */
  static PlayIndex build(
      List<Play> plays, Function<String, AnalysedText> analysed, float[][][] exampleVectors) {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig();
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int p = 0; p < plays.size(); p++) {
        Play play = plays.get(p);
        Document doc = new Document();
        doc.add(new StringField(ID, play.id(), Field.Store.NO));
        doc.add(new StringField(KIND, KIND_PLAY, Field.Store.NO));
        doc.add(new StoredField(PLAY_ORDINAL, p));
        doc.add(text(TITLE, play.title(), analysed));
        doc.add(text(SITUATION, play.situation(), analysed));
        for (String example : play.examples()) {
          doc.add(text(EXAMPLES, example, analysed));
        }
        for (String tag : play.tags()) {
          doc.add(text(TAGS, tag, analysed));
        }
        writer.addDocument(doc);
        if (exampleVectors != null) {
          for (float[] vector : exampleVectors[p]) {
            Document ex = new Document();
            ex.add(new StringField(KIND, KIND_EXAMPLE, Field.Store.NO));
            ex.add(new StoredField(PLAY_ORDINAL, p));
            ex.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
            writer.addDocument(ex);
          }
        }
      }
      writer.forceMerge(1);
      writer.commit();
      return new PlayIndex(directory, DirectoryReader.open(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("could not build the play index", e);
    }
  }

  /** The texts whose analysis {@link #build} needs, as it will look them up. */
  static List<String> fieldTexts(Play play) {
    List<String> texts = new java.util.ArrayList<>();
    texts.add(play.title().strip());
    texts.add(play.situation().strip());
    play.examples().forEach(e -> texts.add(e.strip()));
    play.tags().forEach(t -> texts.add(t.strip()));
    return texts;
  }

  private static Field text(String name, String value, Function<String, AnalysedText> analysed) {
    return new Field(
        name, new AnalysedTokens(analysed.apply(value.strip())), TextField.TYPE_NOT_STORED);
  }

  /** BM25 scores of the best {@code n} plays for already-analysed query terms, by play ordinal. */
  Map<Integer, Float> bm25(List<String> terms, int n) {
    if (terms.isEmpty()) {
      return Map.of();
    }
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    // Very long texts are cut to their first distinct terms rather than failing the search.
    List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(terms));
    for (String term : distinct.subList(0, Math.min(distinct.size(), MAX_TERMS))) {
      for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
        Query q = new TermQuery(new Term(field.getKey(), term));
        text.add(new BoostQuery(q, field.getValue()), BooleanClause.Occur.SHOULD);
      }
    }
    Query query =
        new BooleanQuery.Builder()
            .add(text.build(), BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(KIND, KIND_PLAY)), BooleanClause.Occur.FILTER)
            .build();
    return collect(query, n, false);
  }

  /** The best cosine similarity of any example of each of the nearest plays, by play ordinal. */
  Map<Integer, Float> nearestExamples(float[] vector, int k) {
    Query query = new KnnFloatVectorQuery(VECTOR, vector, k);
    return collect(query, k, true);
  }

  private Map<Integer, Float> collect(Query query, int n, boolean cosine) {
    try {
      Map<Integer, Float> byPlay = new HashMap<>();
      for (ScoreDoc hit : searcher.search(query, n).scoreDocs) {
        // Lucene reports dot-product similarity as (1 + dot) / 2; undo it to get the cosine back.
        float score = cosine ? 2 * hit.score - 1 : hit.score;
        byPlay.merge(ordinalOfDoc[hit.doc], score, Math::max);
      }
      return byPlay;
    } catch (IOException e) {
      throw new UncheckedIOException("play index search failed", e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
