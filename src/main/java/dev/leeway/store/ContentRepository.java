package dev.leeway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The content's revisions: every content file (a play's YAML, the authority matrix, the shared
 * facts) with every revision, who made it, when and why. A change set raises the revision counter
 * by one, and only from the value its writer read, so two writers from the same revision cannot
 * both win.
 */
public final class ContentRepository {

  /** What a file is. */
  public enum Kind {
    PLAY,
    AUTHORITY,
    FACTS
  }

  /** What a revision did to a file. */
  public enum Change {
    ADDED,
    CHANGED,
    REMOVED
  }

  /**
   * One file as stored.
   *
   * @param revision the revision that wrote this text
   */
  public record FileRow(String path, long revision, Kind kind, String yaml) {
    public FileRow {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(yaml, "yaml");
    }
  }

  /**
   * One change to one file.
   *
   * @param base the file's revision the change was made from; 0 for a file that is new
   * @param yaml the new text, or null when {@code change} is {@link Change#REMOVED}
   * @param playId the play's id, for plays (null otherwise)
   * @param playStatus the play's status as its YAML says (draft, published, ...), for plays
   */
  public record FileChange(
      String path,
      long base,
      Kind kind,
      Change change,
      String playId,
      String playStatus,
      String yaml) {
    public FileChange {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(change, "change");
      if ((yaml == null) != (change == Change.REMOVED)) {
        throw new IllegalArgumentException("a removal has no text, any other change has one");
      }
    }
  }

  /** Who made a revision, when and why. */
  public record RevisionRow(long revision, Instant at, String author, String why) {}

  /** One file's revision in its history. */
  public record HistoryRow(
      long revision,
      long base,
      Change change,
      String playStatus,
      Instant at,
      String author,
      String why,
      String yaml) {}

  /** What committing a change set came to. */
  public sealed interface Outcome permits Committed, Conflict {}

  /** Stored as {@code revision}. */
  public record Committed(long revision) implements Outcome {}

  /**
   * Nothing stored: the content moved on since the writer read it.
   *
   * @param path the file another writer changed first, or null when only the revision counter moved
   * @param current that file's revision now (0 when it no longer exists), or the counter's
   */
  public record Conflict(String path, long current) implements Outcome {}

  ContentRepository() {}

  /** The latest revision; 0 while the store holds no content. */
  public long head(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT revision FROM content_head WHERE id = 1")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** The content as it was at {@code revision}: every file present then, by path. */
  public List<FileRow> at(Connection c, long revision) throws SQLException {
    List<FileRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT f.path, f.revision, f.kind, f.yaml FROM content_files f"
                + " WHERE f.revision = (SELECT MAX(g.revision) FROM content_files g"
                + " WHERE g.path = f.path AND g.revision <= ?)"
                + " AND f.change <> 'REMOVED' ORDER BY f.path")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new FileRow(
                  rs.getString(1), rs.getLong(2), Kind.valueOf(rs.getString(3)), rs.getString(4)));
        }
      }
    }
    return rows;
  }

  /** Who made {@code revision}, when and why; empty for a revision that does not exist. */
  public java.util.Optional<RevisionRow> revision(Connection c, long revision) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT revision, at_ms, author, why FROM content_revisions WHERE revision = ?")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? java.util.Optional.of(
                new RevisionRow(
                    rs.getLong(1),
                    Instant.ofEpochMilli(rs.getLong(2)),
                    rs.getString(3),
                    rs.getString(4)))
            : java.util.Optional.empty();
      }
    }
  }

  /** Every revision of one file, oldest first. */
  public List<HistoryRow> history(Connection c, String path) throws SQLException {
    List<HistoryRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT f.revision, f.base_revision, f.change, f.play_status, r.at_ms, r.author, r.why,"
                + " f.yaml FROM content_files f JOIN content_revisions r"
                + " ON r.revision = f.revision WHERE f.path = ? ORDER BY f.revision")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new HistoryRow(
                  rs.getLong(1),
                  rs.getLong(2),
                  Change.valueOf(rs.getString(3)),
                  rs.getString(4),
                  Instant.ofEpochMilli(rs.getLong(5)),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8)));
        }
      }
    }
    return rows;
  }

  /** The path of the latest file that held play {@code playId}, removed or not. */
  public java.util.Optional<String> pathOfPlay(Connection c, String playId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT path FROM content_files WHERE play_id = ? ORDER BY revision DESC LIMIT 1")) {
      ps.setString(1, playId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
      }
    }
  }

  /**
   * Stores {@code changes} as revision {@code expectedHead + 1}, if the content is still at {@code
   * expectedHead} and every changed file is still at its change's base. Run it in the writer's
   * transaction: a conflict writes nothing.
   */
  public Outcome commit(
      Connection c,
      long expectedHead,
      List<FileChange> changes,
      String author,
      String why,
      Instant at)
      throws SQLException {
    long next = expectedHead + 1;
    // First, so that on PostgreSQL the row lock orders concurrent writers: the second one waits,
    // then finds the counter moved.
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE content_head SET revision = ? WHERE id = 1 AND revision = ?")) {
      ps.setLong(1, next);
      ps.setLong(2, expectedHead);
      if (ps.executeUpdate() != 1) {
        for (FileChange change : changes) {
          long current = current(c, change.path());
          if (current != change.base()) {
            return new Conflict(change.path(), current);
          }
        }
        return new Conflict(null, head(c));
      }
    }
    for (FileChange change : changes) {
      long current = current(c, change.path());
      if (current != change.base()) {
        // Undo the counter: the batch's other writes must not be rolled back with it.
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE content_head SET revision = ? WHERE id = 1")) {
          ps.setLong(1, expectedHead);
          ps.executeUpdate();
        }
        return new Conflict(change.path(), current);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO content_revisions (revision, at_ms, author, why) VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, next);
      ps.setLong(2, at.toEpochMilli());
      ps.setString(3, author);
      ps.setString(4, why);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO content_files (path, revision, base_revision, kind, change, play_id,"
                + " play_status, yaml) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (FileChange change : changes) {
        ps.setString(1, change.path());
        ps.setLong(2, next);
        ps.setLong(3, change.base());
        ps.setString(4, change.kind().name());
        ps.setString(5, change.change().name());
        Rows.text(ps, 6, change.playId());
        Rows.text(ps, 7, change.playStatus());
        Rows.text(ps, 8, change.yaml());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return new Committed(next);
  }

  /** The revision of a file's latest row, 0 when it has none or the latest removed it. */
  private static long current(Connection c, String path) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT revision, change FROM content_files WHERE path = ?"
                + " ORDER BY revision DESC LIMIT 1")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || Change.REMOVED.name().equals(rs.getString(2))) {
          return 0;
        }
        return rs.getLong(1);
      }
    }
  }
}
