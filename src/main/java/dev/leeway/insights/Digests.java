package dev.leeway.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code answer_digests} table: one narrow row per stored answer with what the figures count.
 * Written with the answer, in the same transaction; same SQL on SQLite and PostgreSQL.
 */
public final class Digests {

  private Digests() {}

  /**
   * Writes the digest of the answer {@code answerId} (in the caller's transaction, after the
   * answer's own row); a digest already there is kept.
   */
  public static void insert(Connection c, String answerId, AnswerDigest digest)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO answer_digests (answer_id, at_ms, role, outcome, plays, actions)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id) DO NOTHING")) {
      bind(ps, answerId, digest);
      ps.executeUpdate();
    }
  }

  /** Writes several digests in one statement batch (a backfill). */
  static void insertAll(Connection c, List<Missing> digests) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO answer_digests (answer_id, at_ms, role, outcome, plays, actions)"
                + " SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM answers WHERE id = ?)"
                + " ON CONFLICT (answer_id) DO NOTHING")) {
      for (Missing m : digests) {
        bind(ps, m.answerId(), m.digest());
        // An answer removed meanwhile (retention) is skipped rather than failing the batch.
        ps.setString(7, m.answerId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void bind(PreparedStatement ps, String answerId, AnswerDigest digest)
      throws SQLException {
    ps.setString(1, answerId);
    ps.setLong(2, digest.at().toEpochMilli());
    ps.setString(3, digest.role());
    ps.setString(4, digest.outcome());
    ps.setString(5, DigestText.plays(digest.plays()));
    ps.setString(6, DigestText.actions(digest.actions()));
  }

  /** Reads the digests of answers given in [{@code fromMs}, {@code toMs}), oldest first. */
  static void read(Connection c, long fromMs, long toMs, int fetch, Consumer<AnswerDigest> each)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT at_ms, role, outcome, plays, actions FROM answer_digests"
                + " WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms")) {
      ps.setLong(1, fromMs);
      ps.setLong(2, toMs);
      ps.setFetchSize(fetch);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          each.accept(
              new AnswerDigest(
                  Instant.ofEpochMilli(rs.getLong(1)),
                  rs.getString(2),
                  rs.getString(3),
                  DigestText.plays(rs.getString(4)),
                  DigestText.actions(rs.getString(5))));
        }
      }
    }
  }

  /** An answer stored without a digest, digested from its JSON. */
  record Missing(String answerId, AnswerDigest digest) {}

  /**
   * Up to {@code limit} answers in [{@code fromMs}, {@code toMs}) that have no digest, after the
   * answer ({@code afterMs}, {@code afterId}) in (time, id) order, digested from their JSON (the
   * caps in force then are not known). An answer whose JSON does not parse gets an empty digest
   * with its outcome, so it is counted and not read again.
   */
  static List<Missing> missing(
      Connection c, long fromMs, long toMs, long afterMs, String afterId, int limit)
      throws SQLException {
    List<Missing> found = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.id, a.at_ms, a.role, a.outcome, a.answer FROM answers a"
                + " LEFT JOIN answer_digests d ON d.answer_id = a.id"
                + " WHERE d.answer_id IS NULL AND a.at_ms >= ? AND a.at_ms < ?"
                + " AND (a.at_ms > ? OR (a.at_ms = ? AND a.id > ?))"
                + " ORDER BY a.at_ms, a.id LIMIT ?")) {
      ps.setLong(1, fromMs);
      ps.setLong(2, toMs);
      ps.setLong(3, afterMs);
      ps.setLong(4, afterMs);
      ps.setString(5, afterId);
      ps.setInt(6, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant at = Instant.ofEpochMilli(rs.getLong(2));
          String role = rs.getString(3);
          String outcome = rs.getString(4);
          AnswerDigest digest;
          try {
            digest = AnswerDigest.of(at, role, outcome, rs.getString(5));
          } catch (IllegalArgumentException e) {
            digest = new AnswerDigest(at, role, outcome, List.of(), List.of());
          }
          found.add(new Missing(rs.getString(1), digest));
        }
      }
    }
    return found;
  }
}
