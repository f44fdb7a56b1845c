package dev.leeway.match;

import dev.leeway.text.EnglishAnalyzer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which plays' examples use a text's word. A text of one word that the examples of many plays use
 * ("refund", "cancel", "delivery") names a topic, not a situation: the classifier still picks one
 * play for it, and with high confidence, because nothing else in the text pulls the other way.
 * Counting the plays that use the word is what tells such a text apart from one word that does pin
 * a play down ("outage"). Two words ("card declined", "charged twice") are left to the classifier:
 * measured on cut-down examples, asking about them cost more right answers than it saved wrong
 * ones.
 */
final class WordSpread {

  /** A word that this many plays' examples use is too vague to choose between them. */
  static final int VAGUE_PLAYS = 3;

  private final Map<String, int[]> examplesByTerm;
  private final int[] playOfExample;
  private final int plays;

  private WordSpread(Map<String, int[]> examplesByTerm, int[] playOfExample, int plays) {
    this.examplesByTerm = examplesByTerm;
    this.playOfExample = playOfExample;
    this.plays = plays;
  }

  /**
   * @param exampleTerms each example's content terms
   * @param playOfExample each example's play, as an index below {@code plays}
   */
  static WordSpread of(List<List<String>> exampleTerms, int[] playOfExample, int plays) {
    Map<String, List<Integer>> postings = new HashMap<>();
    for (int e = 0; e < exampleTerms.size(); e++) {
      for (String term : new LinkedHashSet<>(exampleTerms.get(e))) {
        postings.computeIfAbsent(term, t -> new ArrayList<>()).add(e);
      }
    }
    Map<String, int[]> examplesByTerm = new HashMap<>();
    postings.forEach(
        (term, examples) ->
            examplesByTerm.put(term, examples.stream().mapToInt(Integer::intValue).toArray()));
    return new WordSpread(examplesByTerm, playOfExample.clone(), plays);
  }

  /**
   * The plays a text of one word could mean, when that word is too widely shared to pick one;
   * otherwise none. Stop words do not count. A text of more words is a description, however short,
   * and is left to the classifier: with a hundred examples a play, as in BANKING77, almost every
   * word of a short question ("my card has been stolen") is used by a few plays' examples, yet
   * points to one. A word the examples of most plays use ("customer", "hello") says nothing and is
   * not asked about either.
   *
   * @param words the text's analysed terms, grouped by the word they come from (a lemma and the
   *     synonyms stacked on it; an example uses the word when it has every one of them)
   */
  BitSet vaguePlays(List<List<String>> words) {
    List<String> only = null;
    for (List<String> word : words) {
      List<String> content =
          word.stream().filter(t -> !EnglishAnalyzer.isStopWord(t)).distinct().toList();
      if (content.isEmpty()) {
        continue;
      }
      if (only != null) {
        return new BitSet();
      }
      only = content;
    }
    if (only == null) {
      return new BitSet();
    }
    BitSet using = playsOf(examplesUsing(only));
    return using.cardinality() >= VAGUE_PLAYS && using.cardinality() * 2 <= plays
        ? using
        : new BitSet();
  }

  private int[] examplesUsing(List<String> terms) {
    int[] examples = null;
    for (String term : terms) {
      int[] using = examplesByTerm.get(term);
      if (using == null) {
        return new int[0];
      }
      examples = examples == null ? using : intersection(examples, using);
    }
    return examples;
  }

  private BitSet playsOf(int[] examples) {
    BitSet of = new BitSet(plays);
    for (int e : examples) {
      of.set(playOfExample[e]);
    }
    return of;
  }

  private static int[] intersection(int[] a, int[] b) {
    int[] both = new int[Math.min(a.length, b.length)];
    int n = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] == b[j]) {
        both[n++] = a[i];
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return Arrays.copyOf(both, n);
  }
}
