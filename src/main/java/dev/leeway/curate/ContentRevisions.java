package dev.leeway.curate;

import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.store.AuditAction;
import dev.leeway.store.ContentRepository;
import dev.leeway.store.ContentRepository.Change;
import dev.leeway.store.ContentRepository.FileChange;
import dev.leeway.store.ContentRepository.FileRow;
import dev.leeway.store.ContentRepository.Kind;
import dev.leeway.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content kept in the store, revision by revision: reading what is published (or was, at an
 * earlier revision), seeding an empty store, replacing it with a folder ({@code leeway import}) and
 * saving single files from a base revision. Every change is validated whole, with the loader's
 * checks, before anything is stored, and stored in one transaction or not at all. Blocking: call it
 * off the event loop.
 */
public final class ContentRevisions {

  /** How often a save whose files were not touched by a concurrent writer is tried again. */
  private static final int ATTEMPTS = 5;

  /**
   * The content at one revision.
   *
   * @param revisions each file's own revision (the one that last wrote it)
   */
  public record Published(long revision, ContentFiles files, Map<String, Long> revisions) {
    public Published {
      Objects.requireNonNull(files, "files");
      revisions = Map.copyOf(revisions);
    }

    /** The version answers record: the revision's number. */
    public String version() {
      return Long.toString(revision);
    }
  }

  /** One file's new text from the revision of it the writer saw. */
  public record Edit(String path, long base, String yaml) {
    public Edit {
      Objects.requireNonNull(path, "path");
    }

    /** Removes the file. */
    public static Edit remove(String path, long base) {
      return new Edit(path, base, null);
    }
  }

  /** What a change came to. */
  public sealed interface Saved permits Stored, Unchanged, Invalid, Conflicted {}

  /** Stored as a new revision; {@code changed} names the files it wrote. */
  public record Stored(long revision, List<String> changed) implements Saved {}

  /** Nothing differed from the published content; no revision was made. */
  public record Unchanged(long revision) implements Saved {}

  /** Refused: the content it would make is invalid; nothing stored. */
  public record Invalid(List<Problem> problems) implements Saved {}

  /**
   * Refused: another writer changed the content first; nothing stored.
   *
   * @param path the file changed since the writer's base, or null when only other files changed
   */
  public record Conflicted(String path, String message) implements Saved {}

  private final Store store;
  private final Clock clock;
  // What checking the last change found: the next one re-checks only the files it changes.
  private final ContentLoader.Memo memo = new ContentLoader.Memo();

  public ContentRevisions(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The latest revision, 0 while the store holds no content. */
  public long head() {
    return store.read(c -> store.content().head(c));
  }

  /** The published content: the latest revision. */
  public Published published() {
    return store.read(
        c -> {
          long head = store.content().head(c);
          return published(store.content().at(c, head), head);
        });
  }

  /** The content as it was at {@code revision}. */
  public Published at(long revision) {
    return store.read(c -> published(store.content().at(c, revision), revision));
  }

  private static Published published(List<FileRow> rows, long revision) {
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, Long> revisions = new HashMap<>();
    for (FileRow row : rows) {
      texts.put(row.path(), row.yaml());
      revisions.put(row.path(), row.revision());
    }
    return new Published(revision, new ContentFiles(texts), revisions);
  }

  /** Validates content kept as text, with the loader's checks; problems name the stored paths. */
  public static LoadResult<Content> load(Published published) {
    return ContentLoader.load(published.files(), published.version());
  }

  /** As {@link #load(Published)}, checking only what changed since the memo's last revision. */
  public static LoadResult<Content> load(Published published, ContentLoader.Memo memo) {
    return ContentLoader.load(published.files(), published.version(), memo);
  }

  /**
   * Stores {@code files} as revision 1 if the store holds no content yet; otherwise changes nothing
   * (another server may have seeded it first).
   */
  public Saved seed(ContentFiles files, String author, String why) {
    Published current = published();
    if (current.revision() > 0) {
      return new Unchanged(current.revision());
    }
    Saved saved = replace(files, author, why);
    return saved instanceof Conflicted ? new Unchanged(head()) : saved;
  }

  /**
   * Makes the published content exactly {@code files}: changed and new files get a new revision,
   * files no longer there are removed, all in one revision. Refused whole if the result is invalid
   * or the content moved while this ran.
   */
  public Saved replace(ContentFiles files, String author, String why) {
    Published current = published();
    List<Edit> edits = new ArrayList<>();
    for (Map.Entry<String, String> file : files.texts().entrySet()) {
      String before = current.files().texts().get(file.getKey());
      if (!file.getValue().equals(before)) {
        edits.add(
            new Edit(
                file.getKey(),
                current.revisions().getOrDefault(file.getKey(), 0L),
                file.getValue()));
      }
    }
    for (String path : current.files().texts().keySet()) {
      if (!files.texts().containsKey(path)) {
        edits.add(Edit.remove(path, current.revisions().get(path)));
      }
    }
    return commit(
        current, edits, author, why, false, AuditAction.CONTENT_IMPORTED, "", (c, r, at) -> {});
  }

  /**
   * Saves edits to single files, each from the revision of that file its writer saw. Another
   * writer's change to a different file is merged (the whole is validated again); a change to the
   * same file since its base is a conflict, and nothing is stored.
   */
  public Saved save(List<Edit> edits, String author, String why) {
    return save(edits, author, why, AuditAction.CONTENT_PUBLISHED, "", (c, revision, at) -> {});
  }

  /**
   * What else a save writes in its transaction once the revision is stored (closing the draft it
   * publishes, say): it commits with the revision or not at all. Throwing undoes the whole save.
   */
  @FunctionalInterface
  public interface Alongside {
    void write(java.sql.Connection c, long revision, java.time.Instant at)
        throws java.sql.SQLException;
  }

  /**
   * As {@link #save(List, String, String)}, recorded in the audit log as {@code action} with {@code
   * note} before the files' changes (e.g. the draft it came from), and writing {@code alongside} in
   * the same transaction.
   */
  public Saved save(
      List<Edit> edits,
      String author,
      String why,
      AuditAction action,
      String note,
      Alongside alongside) {
    Saved last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      last = commit(published(), edits, author, why, true, action, note, alongside);
      if (!(last instanceof Conflicted conflicted) || conflicted.path() != null) {
        return last;
      }
    }
    return last;
  }

  /** Stores the edits as one revision, with its audit record in the same transaction. */
  private Saved commit(
      Published current,
      List<Edit> edits,
      String author,
      String why,
      boolean checkBases,
      AuditAction action,
      String note,
      Alongside alongside) {
    Map<String, String> texts = new LinkedHashMap<>(current.files().texts());
    List<Edit> effective = new ArrayList<>();
    for (Edit edit : edits) {
      long now = current.revisions().getOrDefault(edit.path(), 0L);
      if (checkBases && now != edit.base()) {
        return conflict(edit.path(), now);
      }
      if (!edit.path().equals(ContentFiles.AUTHORITY)
          && !edit.path().equals(ContentFiles.FACTS)
          && !ContentFiles.isPlay(edit.path())) {
        return new Invalid(
            List.of(
                new Problem(
                    java.nio.file.Path.of(edit.path()),
                    0,
                    "",
                    "not a content file: plays are playbooks/<folder>/<name>.yaml, the config is "
                        + ContentFiles.AUTHORITY
                        + " and "
                        + ContentFiles.FACTS)));
      }
      String before = texts.get(edit.path());
      if (Objects.equals(before, edit.yaml())) {
        continue;
      }
      if (edit.yaml() == null) {
        texts.remove(edit.path());
      } else {
        texts.put(edit.path(), edit.yaml());
      }
      effective.add(edit);
    }
    if (effective.isEmpty()) {
      return new Unchanged(current.revision());
    }
    ContentFiles next = new ContentFiles(texts);
    if (ContentLoader.load(next, Long.toString(current.revision() + 1), memo)
        instanceof LoadResult.Invalid<Content> invalid) {
      return new Invalid(invalid.problems());
    }
    List<FileChange> changes = new ArrayList<>();
    for (Edit edit : effective) {
      boolean existed = current.files().texts().containsKey(edit.path());
      Change change =
          edit.yaml() == null ? Change.REMOVED : existed ? Change.CHANGED : Change.ADDED;
      Kind kind =
          edit.path().equals(ContentFiles.AUTHORITY)
              ? Kind.AUTHORITY
              : edit.path().equals(ContentFiles.FACTS) ? Kind.FACTS : Kind.PLAY;
      ContentFiles labelled = change == Change.REMOVED ? current.files() : next;
      changes.add(
          new FileChange(
              edit.path(),
              current.revisions().getOrDefault(edit.path(), 0L),
              kind,
              change,
              kind == Kind.PLAY ? labelled.field(edit.path(), "id") : null,
              kind == Kind.PLAY ? labelled.field(edit.path(), "status") : null,
              edit.yaml()));
    }
    ContentRepository.Outcome outcome;
    try {
      outcome =
          store
              .write(
                  c -> {
                    java.time.Instant at = clock.instant();
                    ContentRepository.Outcome done =
                        store.content().commit(c, current.revision(), changes, author, why, at);
                    if (done instanceof ContentRepository.Committed committed) {
                      store
                          .audit()
                          .append(
                              c,
                              at,
                              author,
                              action,
                              "revision " + committed.revision(),
                              note + auditDetail(changes, why));
                      alongside.write(c, committed.revision(), at);
                    }
                    return done;
                  })
              .join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return switch (outcome) {
      case ContentRepository.Committed committed ->
          new Stored(committed.revision(), effective.stream().map(Edit::path).toList());
      case ContentRepository.Conflict conflict ->
          conflict.path() == null
              ? new Conflicted(
                  null,
                  "the content moved on to revision "
                      + conflict.current()
                      + " while this change was made from revision "
                      + current.revision()
                      + "; nothing was stored -- try again")
              : conflict(conflict.path(), conflict.current());
    };
  }

  private static Conflicted conflict(String path, long now) {
    return new Conflicted(
        path,
        "file "
            + path
            + " was changed by someone else (now at revision "
            + now
            + "); nothing was stored -- take their version and apply your change to it");
  }

  /** What an audit record says of a revision: each file's change, then why. */
  private static String auditDetail(List<FileChange> changes, String why) {
    StringBuilder detail = new StringBuilder();
    for (FileChange change : changes) {
      detail.append(change.change().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
      detail.append(change.path()).append("; ");
    }
    return detail.append(why == null || why.isBlank() ? "no reason given" : why).toString();
  }
}
