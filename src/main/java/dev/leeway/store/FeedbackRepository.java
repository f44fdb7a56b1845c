package dev.leeway.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What agents said about answers: one verdict per user, answer and subject, changeable. */
public final class FeedbackRepository {

  /**
   * One verdict.
   *
   * @param playId the play it is about, or null for the answer as a whole
   * @param actionId the action it is about, or null
   * @param verdict "used", "helpful" or "wrong"
   * @param rightPlayId for "wrong": the play that fitted, or null
   * @param amount what was given, for a monetary action marked used, or null
   */
  public record FeedbackRow(
      Instant at,
      String user,
      String answerId,
      String playId,
      String actionId,
      String verdict,
      String rightPlayId,
      String note,
      BigDecimal amount) {
    public FeedbackRow {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(answerId, "answerId");
      Objects.requireNonNull(verdict, "verdict");
    }

    /** What the verdict is about: the answer (""), a play, or a play's action. */
    public String subject() {
      return playId == null ? "" : actionId == null ? playId : playId + "/" + actionId;
    }
  }

  FeedbackRepository() {}

  /** Records the verdict, replacing this user's earlier one on the same subject. */
  public void upsert(Connection c, FeedbackRow row) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO feedback (user_name, answer_id, subject, at_ms, play_id, action_id, verdict, right_play_id, note, amount)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (user_name, answer_id, subject) DO UPDATE SET at_ms = excluded.at_ms, verdict = excluded.verdict,"
                + " right_play_id = excluded.right_play_id, note = excluded.note, amount = excluded.amount")) {
      ps.setString(1, row.user());
      ps.setString(2, row.answerId());
      ps.setString(3, row.subject());
      ps.setLong(4, row.at().toEpochMilli());
      Rows.text(ps, 5, row.playId());
      Rows.text(ps, 6, row.actionId());
      ps.setString(7, row.verdict());
      Rows.text(ps, 8, row.rightPlayId());
      Rows.text(ps, 9, row.note());
      Rows.text(ps, 10, row.amount() == null ? null : row.amount().toPlainString());
      ps.executeUpdate();
    }
  }

  /** Verdicts on one answer, oldest first. */
  public List<FeedbackRow> forAnswer(Connection c, String answerId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM feedback WHERE answer_id = ? ORDER BY at_ms, subject")) {
      ps.setString(1, answerId);
      return rows(ps);
    }
  }

  /** The latest verdicts, newest last. */
  public List<FeedbackRow> recent(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT * FROM (SELECT * FROM feedback ORDER BY at_ms DESC LIMIT ?) latest ORDER BY at_ms")) {
      ps.setInt(1, limit);
      return rows(ps);
    }
  }

  public long count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM feedback");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<FeedbackRow> rows(PreparedStatement ps) throws SQLException {
    List<FeedbackRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String amount = rs.getString("amount");
        rows.add(
            new FeedbackRow(
                Instant.ofEpochMilli(rs.getLong("at_ms")),
                rs.getString("user_name"),
                rs.getString("answer_id"),
                rs.getString("play_id"),
                rs.getString("action_id"),
                rs.getString("verdict"),
                rs.getString("right_play_id"),
                rs.getString("note"),
                amount == null ? null : new BigDecimal(amount)));
      }
    }
    return rows;
  }
}
