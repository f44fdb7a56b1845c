package dev.leeway.curate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.leeway.json.Problem;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.store.AuditAction;
import dev.leeway.store.ContentRepository.Change;
import dev.leeway.store.ContentRepository.HistoryRow;
import dev.leeway.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One content file's past: its revisions with who, when and why, a readable diff between any two,
 * rolling back to an earlier one (stored as a new revision, validated against today's content) and
 * retiring a play. Blocking: call it off the event loop.
 */
public final class ContentHistory {

  /** What a change to the published content came to. */
  public sealed interface Outcome permits Saved, Invalid, NotFound, Refused, Conflict {}

  /** Stored as content revision {@code revision}. */
  public record Saved(long revision) implements Outcome {}

  /** The content it would make is invalid; nothing changed. */
  public record Invalid(List<Problem> problems, String message) implements Outcome {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /** No such play, file or revision. */
  public record NotFound(String message) implements Outcome {}

  /** Refused for what it asks (the play is already retired, the revision is the same). */
  public record Refused(String message) implements Outcome {}

  /** Someone changed the file meanwhile; nothing changed. */
  public record Conflict(String message) implements Outcome {}

  /** How one line fared between two revisions. */
  public enum LineKind {
    SAME,
    ADDED,
    REMOVED
  }

  /**
   * One line of a diff.
   *
   * @param oldLine its number in the older text (null for an added line)
   * @param newLine its number in the newer text (null for a removed line)
   */
  public record Line(LineKind kind, String text, Integer oldLine, Integer newLine) {}

  /** The difference between revisions {@code from} and {@code to} of one file. */
  public record Diff(long from, long to, String unified, List<Line> lines) {
    public Diff {
      lines = List.copyOf(lines);
    }
  }

  /** A diff, or the revision that does not exist. */
  public sealed interface DiffOutcome permits Diffed, UnknownRevision {}

  public record Diffed(Diff diff) implements DiffOutcome {}

  public record UnknownRevision(String message) implements DiffOutcome {}

  private final Store store;
  private final ContentRevisions revisions;
  private final PlayFiles playFiles = new PlayFiles();

  public ContentHistory(Store store, ContentRevisions revisions) {
    this.store = store;
    this.revisions = revisions;
  }

  /** Where play {@code id} is published, or where it last was. */
  public Optional<String> playPath(String id) {
    Optional<String> published = playFiles.pathOf(revisions.published(), id);
    return published.isPresent() ? published : store.read(c -> store.content().pathOfPlay(c, id));
  }

  /** Every revision of one file, newest first. */
  public List<HistoryRow> history(String path) {
    List<HistoryRow> rows = new ArrayList<>(store.read(c -> store.content().history(c, path)));
    java.util.Collections.reverse(rows);
    return rows;
  }

  /**
   * The file's text at content revision {@code revision}: the latest of its rows at or before it;
   * empty when the file did not exist then.
   */
  private static Optional<String> textAt(List<HistoryRow> newestFirst, long revision) {
    for (HistoryRow row : newestFirst) {
      if (row.revision() <= revision) {
        return row.change() == Change.REMOVED ? Optional.empty() : Optional.of(row.yaml());
      }
    }
    return Optional.empty();
  }

  /**
   * The difference between the file at content revision {@code from} and at {@code to} (the
   * published revision when null).
   */
  public DiffOutcome diff(String path, long from, Long to) {
    long head = revisions.head();
    long until = to == null ? head : to;
    for (long revision : new long[] {from, until}) {
      if (revision < 1 || revision > head) {
        return new UnknownRevision(
            "no revision " + revision + " (the content's revisions are 1 to " + head + ")");
      }
    }
    List<HistoryRow> rows = history(path);
    String before = textAt(rows, from).orElse("");
    String after = textAt(rows, until).orElse("");
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    Patch<String> patch = DiffUtils.diff(a, b);
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(path + "@" + from, path + "@" + until, a, patch, 3);
    List<Line> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      int start = delta.getSource().getPosition();
      while (i < start) {
        lines.add(new Line(LineKind.SAME, a.get(i), i + 1, j + 1));
        i++;
        j++;
      }
      for (String removed : delta.getSource().getLines()) {
        lines.add(new Line(LineKind.REMOVED, removed, i + 1, null));
        i++;
      }
      for (String added : delta.getTarget().getLines()) {
        lines.add(new Line(LineKind.ADDED, added, null, j + 1));
        j++;
      }
    }
    while (i < a.size()) {
      lines.add(new Line(LineKind.SAME, a.get(i), i + 1, j + 1));
      i++;
      j++;
    }
    String text = unified.isEmpty() ? "" : String.join("\n", unified) + "\n";
    return new Diffed(new Diff(from, until, text, lines));
  }

  /**
   * Stores the file's text at {@code revision} as a new revision, if the content it makes is valid
   * today (the authority matrix may have changed since).
   */
  public Outcome rollback(String path, long revision, String user, String why) {
    List<HistoryRow> rows = history(path);
    Optional<HistoryRow> target = rows.stream().filter(r -> r.revision() == revision).findFirst();
    if (target.isEmpty()) {
      return new NotFound(
          "revision "
              + revision
              + " is not a revision of "
              + path
              + " (its revisions: "
              + String.join(", ", rows.stream().map(r -> Long.toString(r.revision())).toList())
              + ")");
    }
    if (target.get().change() == Change.REMOVED) {
      return new Refused("revision " + revision + " removed " + path + "; pick one that wrote it");
    }
    ContentRevisions.Published published = revisions.published();
    long base = published.revisions().getOrDefault(path, 0L);
    if (Objects.equals(published.files().texts().get(path), target.get().yaml())) {
      return new Refused(path + " is already as it was at revision " + revision);
    }
    return save(
        path,
        base,
        target.get().yaml(),
        user,
        why == null || why.isBlank() ? "rolled back to revision " + revision : why,
        AuditAction.CONTENT_ROLLED_BACK,
        "to revision " + revision + "; ");
  }

  /** Stores a play's text with {@code status: retired} as a new revision. */
  public Outcome retire(String playId, String user, String why) {
    ContentRevisions.Published published = revisions.published();
    Optional<String> path = playFiles.pathOf(published, playId);
    if (path.isEmpty()) {
      return new NotFound("no play '" + playId + "' in the published content");
    }
    String yaml = published.files().texts().get(path.get());
    if ("retired".equals(published.files().field(path.get(), "status"))) {
      return new Refused("play '" + playId + "' is already retired");
    }
    return save(
        path.get(),
        published.revisions().get(path.get()),
        YamlEdits.withStatus(yaml, "retired"),
        user,
        why == null || why.isBlank() ? "retired " + playId : why,
        AuditAction.PLAY_RETIRED,
        "");
  }

  private Outcome save(
      String path,
      long base,
      String yaml,
      String user,
      String why,
      AuditAction action,
      String note) {
    ContentRevisions.Saved saved =
        revisions.save(
            List.of(new ContentRevisions.Edit(path, base, yaml)),
            user,
            why,
            action,
            note,
            (c, r, at) -> {});
    return switch (saved) {
      case ContentRevisions.Stored stored -> new Saved(stored.revision());
      case ContentRevisions.Unchanged unchanged ->
          new Refused(path + " is already this text (revision " + unchanged.revision() + ")");
      case ContentRevisions.Invalid invalid ->
          new Invalid(
              invalid.problems(),
              "it no longer validates against today's content; nothing was changed");
      case ContentRevisions.Conflicted conflicted -> new Conflict(conflicted.message());
    };
  }

  /** Whether a path is the authority matrix. */
  public static boolean isAuthority(String path) {
    return ContentFiles.AUTHORITY.equals(path);
  }
}
