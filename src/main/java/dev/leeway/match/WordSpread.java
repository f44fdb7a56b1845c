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
 * Which plays' examples use a text's words. A text of one telling word that the examples of many
 * plays use ("refund", "cancel", "delivery") names a topic, not a situation: the classifier still
 * picks one play for it, and with high confidence, because nothing else in the text pulls the other
 * way. Counting the plays that use the word is what tells such a text apart from one word that
 * does pin a play down ("outage"). Two telling words ("card declined", "charged twice") are left to
 * the classifier: measured on cut-down examples, asking about them cost more right answers than it
 * saved wrong ones.
 */
final class WordSpread {

  /** A telling word that this many plays' examples use is too vague to choose between them. */
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
    postings.forEach((term, examples) -> examplesByTerm.put(term, examples.stream().mapToInt(Integer::intValue).toArray()));
    return new WordSpread(examplesByTerm, playOfExample.clone(), plays);
  }

  /**
   * The plays a text could mean when it has a single telling word and too many plays use it;
   * otherwise none. Stop words and words the examples of most plays use ("customer", "she",
   * "wants") tell no play from another and are passed over; a word no example uses still counts as
   * one (the agent said something Leeway does not know, which is not nothing).
   *
   * @param words the text's analysed terms, grouped by the word they come from (a lemma and the
   *     synonyms stacked on it; an example uses the word when it has every one of them)
   */
  BitSet vaguePlays(List<List<String>> words) {
    BitSet only = null;
    for (List<String> word : words) {
      List<String> content = word.stream().filter(t -> !EnglishAnalyzer.isStopWord(t)).distinct().toList();
      if (content.isEmpty()) {
        continue;
      }
      BitSet using = playsOf(examplesUsing(content));
      if (using.cardinality() * 2 > plays) {
        continue;
      }
      if (only != null) {
        return new BitSet();
      }
      only = using;
    }
    return only != null && only.cardinality() >= VAGUE_PLAYS ? only : new BitSet();
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
