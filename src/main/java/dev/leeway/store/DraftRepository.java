package dev.leeway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drafts: supervisors' working copies of content files, kept whether or not they are valid. A
 * change names the draft version it was made from and is stored only if the draft is still at it.
 */
public final class DraftRepository {

  /** Where a draft is in its workflow. Stored as its {@link #label()}. */
  public enum State {
    DRAFT,
    IN_REVIEW,
    APPROVED,
    PUBLISHED,
    DISCARDED;

    /** Open drafts can still change; published and discarded ones are kept for history. */
    public static final Set<State> OPEN = Set.of(DRAFT, IN_REVIEW, APPROVED);

    /** The name as stored and shown: {@code draft}, {@code in_review}... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The state a label names, if any. */
    public static Optional<State> parse(String label) {
      String name = label.strip().toUpperCase(Locale.ROOT);
      return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
  }

  /**
   * One draft as stored.
   *
   * @param playId the play's id for a play's draft, null for the authority matrix
   * @param baseRevision the file's revision it was made from; 0 for a new play
   * @param version raised by one with every change (the draft's ETag)
   * @param why the reason given with the latest step, if any
   * @param publishedRevision the content revision publishing made, once published
   */
  public record DraftRow(
      String id,
      String path,
      String playId,
      long baseRevision,
      State state,
      long version,
      String yaml,
      String author,
      Instant createdAt,
      Instant updatedAt,
      String submittedBy,
      String approvedBy,
      String why,
      Long publishedRevision) {
    public DraftRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(yaml, "yaml");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** This draft one version on: new state, text and who, at {@code at}. */
    public DraftRow next(
        State state,
        String yaml,
        Instant at,
        String submittedBy,
        String approvedBy,
        String why,
        Long publishedRevision) {
      return new DraftRow(
          id,
          path,
          playId,
          baseRevision,
          state,
          version + 1,
          yaml,
          author,
          createdAt,
          at,
          submittedBy,
          approvedBy,
          why,
          publishedRevision);
    }
  }

  private static final String COLUMNS =
      "id, path, play_id, base_revision, state, version, yaml, author, created_ms, updated_ms,"
          + " submitted_by, approved_by, why, published_revision";

  DraftRepository() {}

  /** Stores a new draft. */
  public void insert(Connection c, DraftRow draft) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO drafts ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, draft.id());
      ps.setString(2, draft.path());
      Rows.text(ps, 3, draft.playId());
      ps.setLong(4, draft.baseRevision());
      ps.setString(5, draft.state().label());
      ps.setLong(6, draft.version());
      ps.setString(7, draft.yaml());
      ps.setString(8, draft.author());
      ps.setLong(9, draft.createdAt().toEpochMilli());
      ps.setLong(10, draft.updatedAt().toEpochMilli());
      Rows.text(ps, 11, draft.submittedBy());
      Rows.text(ps, 12, draft.approvedBy());
      Rows.text(ps, 13, draft.why());
      if (draft.publishedRevision() == null) {
        ps.setNull(14, Types.BIGINT);
      } else {
        ps.setLong(14, draft.publishedRevision());
      }
      ps.executeUpdate();
    }
  }

  /**
   * Replaces a draft with {@code next} if it is still at {@code next.version() - 1}; returns
   * whether it was (false: someone changed it first, and nothing was written).
   */
  public boolean update(Connection c, DraftRow next) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE drafts SET state = ?, version = ?, yaml = ?, updated_ms = ?, submitted_by = ?,"
                + " approved_by = ?, why = ?, published_revision = ? WHERE id = ? AND version = ?")) {
      ps.setString(1, next.state().label());
      ps.setLong(2, next.version());
      ps.setString(3, next.yaml());
      ps.setLong(4, next.updatedAt().toEpochMilli());
      Rows.text(ps, 5, next.submittedBy());
      Rows.text(ps, 6, next.approvedBy());
      Rows.text(ps, 7, next.why());
      if (next.publishedRevision() == null) {
        ps.setNull(8, Types.BIGINT);
      } else {
        ps.setLong(8, next.publishedRevision());
      }
      ps.setString(9, next.id());
      ps.setLong(10, next.version() - 1);
      return ps.executeUpdate() == 1;
    }
  }

  /** One draft by id. */
  public Optional<DraftRow> find(Connection c, String id) throws SQLException {
    List<DraftRow> rows = select(c, "WHERE id = ?", List.of(id));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Drafts in any of {@code states}, most recently changed first. */
  public List<DraftRow> inStates(Connection c, Set<State> states) throws SQLException {
    if (states.isEmpty()) {
      return List.of();
    }
    String marks = states.stream().map(s -> "?").collect(Collectors.joining(", "));
    return select(
        c,
        "WHERE state IN (" + marks + ") ORDER BY updated_ms DESC, id",
        states.stream().map(State::label).toList());
  }

  /** The open drafts of one file, oldest first. */
  public List<DraftRow> openFor(Connection c, String path) throws SQLException {
    List<String> args = new ArrayList<>(List.of(path));
    State.OPEN.stream().map(State::label).sorted().forEach(args::add);
    return select(c, "WHERE path = ? AND state IN (?, ?, ?) ORDER BY created_ms, id", args);
  }

  private static List<DraftRow> select(Connection c, String where, List<String> args)
      throws SQLException {
    List<DraftRow> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM drafts " + where)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setString(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String label = rs.getString("state");
          State state =
              State.parse(label)
                  .orElseThrow(
                      () ->
                          new SQLException(
                              "draft names a state this version does not know: '" + label + "'"));
          long published = rs.getLong("published_revision");
          Long publishedRevision = rs.wasNull() ? null : published;
          rows.add(
              new DraftRow(
                  rs.getString("id"),
                  rs.getString("path"),
                  rs.getString("play_id"),
                  rs.getLong("base_revision"),
                  state,
                  rs.getLong("version"),
                  rs.getString("yaml"),
                  rs.getString("author"),
                  Instant.ofEpochMilli(rs.getLong("created_ms")),
                  Instant.ofEpochMilli(rs.getLong("updated_ms")),
                  rs.getString("submitted_by"),
                  rs.getString("approved_by"),
                  rs.getString("why"),
                  publishedRevision));
        }
      }
    }
    return rows;
  }
}
