package dev.leeway.app;

import dev.leeway.chat.Advisor;
import dev.leeway.decide.Decider;
import dev.leeway.facts.FactExtractor;
import dev.leeway.match.MatchSettings;
import dev.leeway.match.Matcher;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.Play;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds answer snapshots ({@link Advisor}s) for content, with the models loaded once per process.
 * For a new revision it rebuilds only what changed: when no published play's matching text (id,
 * title, situation, examples, tags, version, order) changed, the previous matcher is kept and only
 * the decisions are rebuilt; otherwise the classifiers are trained again, embedding only texts the
 * embedding cache has not seen, with the previous matcher's calibration kept. Both shortcuts give a
 * provisional snapshot; {@link #matcher(Content)} then builds the matcher a fresh start would.
 */
public final class ContentBuilder {

  /**
   * A snapshot and how it was made.
   *
   * @param matcherKept the previous matcher answers on
   * @param provisional a matcher built in full for this content should follow: plays left the
   *     published set (retired or removed) and answers only skip them, or the classifiers were
   *     trained with the previous calibration kept
   */
  public record Built(Advisor advisor, boolean matcherKept, boolean provisional) {}

  private final MatchingSetup setup;
  private final FactExtractor extractor;
  private final MatchSettings settings;
  private final List<String> offTopic;

  ContentBuilder(
      MatchingSetup setup, FactExtractor extractor, MatchSettings settings, List<String> offTopic) {
    this.setup = setup;
    this.extractor = extractor;
    this.settings = settings;
    this.offTopic = List.copyOf(offTopic);
  }

  /** A snapshot built from nothing: the matcher trained (from the caches where they hold). */
  public Advisor build(Content content) {
    return new Advisor(matcher(content), Decider.build(content), extractor);
  }

  /** The snapshot for {@code content}, keeping what it can of {@code previous}. */
  public Built next(Content content, Advisor previous) {
    List<List<Object>> next = matchKey(content);
    List<List<Object>> before = matchKey(previous.content());
    if (next.equals(before) || isOrderedSubset(next, before)) {
      return new Built(
          new Advisor(previous.matcher(), Decider.build(content, previous.decider()), extractor),
          true,
          !next.equals(before));
    }
    Matcher matcher = matcher(content, previous.matcher());
    return new Built(
        new Advisor(matcher, Decider.build(content, previous.decider()), extractor),
        false,
        matcher.calibrationKept());
  }

  /**
   * A snapshot for content that is only tried (a draft's), keeping what it can of {@code current}.
   * Unlike {@link #next} it leaves the embedding cache as it is, so trying a draft does not evict
   * what the published content needs from it.
   */
  public Built trial(Content content, Advisor current) {
    List<List<Object>> next = matchKey(content);
    if (next.equals(matchKey(current.content()))) {
      return new Built(
          new Advisor(current.matcher(), Decider.build(content, current.decider()), extractor),
          true,
          false);
    }
    // The calibration is kept as a live change's first swap keeps it: what an agent would get in
    // the seconds after publishing, and a quarter of a full build.
    Matcher matcher =
        Matcher.calibratedLike(
            content.playbook().published(),
            setup.analysis(),
            setup.embedder(),
            settings,
            offTopic,
            current.matcher());
    return new Built(
        new Advisor(matcher, Decider.build(content, current.decider()), extractor),
        false,
        matcher.calibrationKept());
  }

  /**
   * {@code current} with {@code matcher} in place of its own (built in full for the same matching
   * text), the content and decisions as they are.
   */
  public Advisor withMatcher(Advisor current, Matcher matcher) {
    return new Advisor(matcher, current.decider(), extractor);
  }

  /** Whether {@code next} is {@code before} with some entries left out and none added. */
  static boolean isOrderedSubset(List<List<Object>> next, List<List<Object>> before) {
    int i = 0;
    for (List<Object> entry : before) {
      if (i < next.size() && next.get(i).equals(entry)) {
        i++;
      }
    }
    return i == next.size() && !next.isEmpty();
  }

  /** The matcher for {@code content}, built in full. */
  Matcher matcher(Content content) {
    return matcher(content, null);
  }

  /**
   * The matcher for {@code content}; with {@code calibratedLike}, that matcher's calibration is
   * kept instead of fitted. Builds may overlap (a live change's first swap must not wait for the
   * full build of an earlier one): the cache files they share are each written whole and moved in
   * place, and only the embedding cache's trimming and saving take turns.
   */
  private Matcher matcher(Content content, Matcher calibratedLike) {
    List<Play> published = content.playbook().published();
    Matcher matcher =
        calibratedLike == null
            ? Matcher.build(published, setup.analysis(), setup.embedder(), settings, offTopic)
            : Matcher.calibratedLike(
                published, setup.analysis(), setup.embedder(), settings, offTopic, calibratedLike);
    keepCacheFor(published);
    return matcher;
  }

  /**
   * Trims the embedding cache to what {@code published} and the off-topic texts need, and saves it.
   */
  private synchronized void keepCacheFor(List<Play> published) {
    if (setup.embedder() != null) {
      List<String> cached = new ArrayList<>(MatchingSetup.cachedTexts(published));
      cached.addAll(offTopic);
      setup.embedder().cache().retainOnly(cached);
    }
    setup.close(); // writes the embedding cache; the models stay usable
  }

  /** What the matcher is built from: the published plays' matching fields, in order. */
  static List<List<Object>> matchKey(Content content) {
    return matchKey(content.playbook().published());
  }

  /**
   * The matching fields of {@code plays}, their texts as matching reads them (stripped): a folded
   * YAML block's final newline, or a space a form trims, is no matching change.
   */
  static List<List<Object>> matchKey(List<Play> plays) {
    return plays.stream()
        .map(
            p ->
                List.<Object>of(
                    p.id(),
                    p.title().strip(),
                    p.situation().strip(),
                    p.examples().stream().map(String::strip).toList(),
                    p.tags(),
                    p.version()))
        .toList();
  }
}
