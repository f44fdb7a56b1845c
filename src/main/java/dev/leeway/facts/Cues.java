package dev.leeway.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named cue phrases ("charged", "order total", "late fee") found in a message. Where one cue lies
 * inside a longer one ("charge" in "late charge") only the longer counts, so the more specific
 * reading wins.
 */
final class Cues {

  /** A cue found in a message: the name it points to and where it is. */
  record Hit(String name, int start, int end) {
    int distanceTo(Message message, int from, int to) {
      return message.tokensBetween(start, end, from, to);
    }
  }

  private final List<String> names;
  private final List<Pattern> patterns;

  private Cues(List<String> names, List<Pattern> patterns) {
    this.names = List.copyOf(names);
    this.patterns = List.copyOf(patterns);
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * A pattern matching any of the alternatives as whole words (a cue that starts with a sign, such
   * as "/mo", may follow a digit). Agents often type "didnt" for "didn't", so every "n't" in a cue
   * also matches without its apostrophe.
   */
  static Pattern words(String alternatives) {
    return Pattern.compile("(?:(?<![\\w'])|(?![\\w']))(?:" + loose(alternatives) + ")(?!\\w)");
  }

  /** The pattern text with each "n't" (and "'s", "'re") also matching without the apostrophe. */
  static String loose(String pattern) {
    return pattern.replace("n't", "n'?t").replace("'s", "'?s").replace("'re", "'?re");
  }

  /** Every cue in the message, in order, with cues inside longer cues dropped. */
  List<Hit> find(Message message) {
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      Matcher m = patterns.get(i).matcher(message.lower);
      while (m.find()) {
        if (m.end() > m.start()) {
          hits.add(new Hit(names.get(i), m.start(), m.end()));
        }
      }
    }
    hits.sort(Comparator.comparingInt(Hit::start).thenComparingInt(h -> -h.end()));
    List<Hit> kept = new ArrayList<>(hits.size());
    for (Hit hit : hits) {
      boolean inside =
          kept.stream()
              .anyMatch(
                  k ->
                      k.start() <= hit.start()
                          && hit.end() <= k.end()
                          && k.end() - k.start() > hit.end() - hit.start());
      if (!inside) {
        kept.add(hit);
      }
    }
    return kept;
  }

  /** The cues that lie in the same clause as the offset. */
  static List<Hit> inClauseOf(Message message, List<Hit> hits, int offset) {
    Clause clause = message.clauseAt(offset);
    List<Hit> in = new ArrayList<>();
    for (Hit hit : hits) {
      if (hit.start() >= clause.start() && hit.end() <= clause.end()) {
        in.add(hit);
      }
    }
    return in;
  }

  /** Collects cue patterns by name; each pattern is matched as whole words in lower case. */
  static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();

    Builder add(String name, String alternatives) {
      names.add(name);
      patterns.add(words(alternatives));
      return this;
    }

    Cues build() {
      return new Cues(names, patterns);
    }
  }
}
