package dev.leeway.insights;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Similar things agents asked, grouped.
 *
 * @param count how many items the group holds
 * @param latest when the newest of them was asked
 * @param examples the newest items, newest first (at most {@link GapGrouping#EXAMPLES})
 * @param sources how many came from each source
 * @param plays the plays the items name (nearest, marked wrong, or named right), most named first,
 *     with how often
 */
public record GapGroup(
    int count,
    Instant latest,
    List<GapItem> examples,
    Map<GapItem.Source, Integer> sources,
    List<Map.Entry<String, Integer>> plays) {

  public GapGroup {
    examples = List.copyOf(examples);
    sources = Map.copyOf(sources);
    plays = List.copyOf(plays);
  }
}
