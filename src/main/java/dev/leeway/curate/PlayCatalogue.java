package dev.leeway.curate;

import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PlayStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The published plays as supervisors look for them: every play file in the published content
 * (retired and draft ones too), filtered by text, domain, status, owner and review date. Blocking:
 * call it off the event loop.
 */
public final class PlayCatalogue {

  /**
   * What to look for; empty parts match everything.
   *
   * @param text searched in the id, title, situation and examples, in any case
   * @param overdue only plays whose review-by date has passed
   */
  public record Filter(
      Optional<String> text,
      Optional<String> domain,
      Optional<PlayStatus> status,
      Optional<String> owner,
      boolean overdue) {
    public static final Filter ALL =
        new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /**
   * One play in the list.
   *
   * @param revision the revision that last wrote its file
   * @param openDrafts the ids of its open drafts
   */
  public record Entry(
      Play play,
      String domain,
      String path,
      long revision,
      boolean overdue,
      List<String> openDrafts) {
    public Entry {
      openDrafts = List.copyOf(openDrafts);
    }
  }

  /** The plays that fit, in path order, and the content revision they were read at. */
  public record Listing(long revision, List<Entry> plays) {
    public Listing {
      plays = List.copyOf(plays);
    }
  }

  /** One play's file as published. */
  public record PlayFile(Play play, String path, long revision, String yaml, int history) {}

  private final ContentRevisions revisions;
  private final Drafts drafts;
  private final ContentHistory history;
  private final PlayFiles playFiles = new PlayFiles();
  private final ContentLoader.Memo memo = new ContentLoader.Memo();

  public PlayCatalogue(ContentRevisions revisions, Drafts drafts, ContentHistory history) {
    this.revisions = revisions;
    this.drafts = drafts;
    this.history = history;
  }

  /** The plays that fit {@code filter}; {@code today} decides which are overdue. */
  public Listing list(Filter filter, LocalDate today) {
    ContentRevisions.Published published = revisions.published();
    Content content = content(published);
    Map<String, String> paths = playFiles.paths(published);
    Map<String, List<String>> open = drafts.openByPath();
    List<Entry> entries = new ArrayList<>();
    for (Play play : content.playbook().plays()) {
      String path = paths.get(play.id());
      if (path == null) {
        continue;
      }
      boolean overdue = play.reviewBy() != null && play.reviewBy().isBefore(today);
      String domain = PlayFiles.domainOf(path);
      if (filter.domain().isPresent() && !filter.domain().get().equals(domain)
          || filter.status().isPresent() && filter.status().get() != play.status()
          || filter.owner().isPresent() && !filter.owner().get().equals(play.owner())
          || filter.overdue() && !overdue
          || filter.text().isPresent() && !mentions(play, filter.text().get())) {
        continue;
      }
      entries.add(
          new Entry(
              play,
              domain,
              path,
              published.revisions().get(path),
              overdue,
              open.getOrDefault(path, List.of())));
    }
    entries.sort(java.util.Comparator.comparing(Entry::path));
    return new Listing(published.revision(), entries);
  }

  /** One published play with its file. */
  public Optional<PlayFile> get(String id) {
    ContentRevisions.Published published = revisions.published();
    Optional<String> path = playFiles.pathOf(published, id);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    Optional<Play> play = content(published).playbook().play(id);
    return play.map(
        p ->
            new PlayFile(
                p,
                path.get(),
                published.revisions().get(path.get()),
                published.files().texts().get(path.get()),
                history.history(path.get()).size()));
  }

  private Content content(ContentRevisions.Published published) {
    return switch (ContentRevisions.load(published, memo)) {
      case LoadResult.Loaded<Content> loaded -> loaded.value();
      case LoadResult.Invalid<Content> invalid ->
          throw new IllegalStateException(
              "the published content does not validate: " + invalid.problems().get(0).format());
    };
  }

  private static boolean mentions(Play play, String text) {
    String needle = text.strip().toLowerCase(Locale.ROOT);
    if (needle.isEmpty()) {
      return true;
    }
    if (play.id().toLowerCase(Locale.ROOT).contains(needle)
        || play.title().toLowerCase(Locale.ROOT).contains(needle)
        || play.situation().toLowerCase(Locale.ROOT).contains(needle)) {
      return true;
    }
    return play.examples().stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains(needle));
  }
}
