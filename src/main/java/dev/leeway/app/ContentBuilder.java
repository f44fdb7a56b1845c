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
 * the decisions are rebuilt; otherwise the matcher is built again, embedding only texts the
 * embedding cache has not seen.
 */
public final class ContentBuilder {

  /**
   * A snapshot and how it was made.
   *
   * @param provisional the matcher was kept although plays left the published set (retired or
   *     removed): answers skip them now, and a matcher built without them should follow
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
    return new Built(
        new Advisor(matcher(content), Decider.build(content, previous.decider()), extractor),
        false,
        false);
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
    Matcher matcher =
        Matcher.build(
            content.playbook().published(), setup.analysis(), setup.embedder(), settings, offTopic);
    return new Built(
        new Advisor(matcher, Decider.build(content, current.decider()), extractor), false, false);
  }

  /** The snapshot for {@code content} with a matcher built for it, after a provisional one. */
  public Built rebuilt(Content content, Advisor provisional) {
    return new Built(
        new Advisor(matcher(content), Decider.build(content, provisional.decider()), extractor),
        false,
        false);
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

  Matcher matcher(Content content) {
    List<Play> published = content.playbook().published();
    Matcher matcher =
        Matcher.build(published, setup.analysis(), setup.embedder(), settings, offTopic);
    if (setup.embedder() != null) {
      List<String> cached = new ArrayList<>(MatchingSetup.cachedTexts(published));
      cached.addAll(offTopic);
      setup.embedder().cache().retainOnly(cached);
    }
    setup.close(); // writes the embedding cache; the models stay usable
    return matcher;
  }

  /** What the matcher is built from: the published plays' matching fields, in order. */
  static List<List<Object>> matchKey(Content content) {
    return content.playbook().published().stream()
        .map(
            p ->
                List.<Object>of(
                    p.id(), p.title(), p.situation(), p.examples(), p.tags(), p.version()))
        .toList();
  }
}
