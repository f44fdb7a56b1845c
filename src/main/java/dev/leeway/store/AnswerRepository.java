package dev.leeway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** Every answer given, as it was given: the audit record feedback, the ledger and replay read. */
public final class AnswerRepository {

  /**
   * One answer.
   *
   * @param conversationId the conversation it was a turn of, or null for a single suggestion
   * @param turn its turn number in that conversation, or null
   * @param customerId the customer it was about, when the caller named one, or null
   * @param text what the agent typed, redacted
   * @param context the structured facts sent with it, as JSON
   * @param answer the whole answer (plays, decisions with traces, facts) as JSON
   */
  public record AnswerRow(
      String id,
      Instant at,
      String user,
      String role,
      String channel,
      String conversationId,
      Integer turn,
      String customerId,
      LocalDate today,
      String text,
      String context,
      String contentVersion,
      String outcome,
      String answer) {
    public AnswerRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(answer, "answer");
    }
  }

  AnswerRepository() {}

  public void insert(Connection c, AnswerRow row) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO answers (id, at_ms, user_name, role, channel, conversation_id, turn, customer_id, today, text, context,"
                + " content_version, outcome, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, row.id());
      ps.setLong(2, row.at().toEpochMilli());
      ps.setString(3, row.user());
      ps.setString(4, row.role());
      ps.setString(5, row.channel());
      Rows.text(ps, 6, row.conversationId());
      Rows.integer(ps, 7, row.turn());
      Rows.text(ps, 8, row.customerId());
      ps.setString(9, row.today().toString());
      ps.setString(10, row.text());
      ps.setString(11, row.context());
      ps.setString(12, row.contentVersion());
      ps.setString(13, row.outcome());
      ps.setString(14, row.answer());
      ps.executeUpdate();
    }
  }

  public Optional<AnswerRow> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM answers WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new AnswerRow(
                rs.getString("id"),
                Instant.ofEpochMilli(rs.getLong("at_ms")),
                rs.getString("user_name"),
                rs.getString("role"),
                rs.getString("channel"),
                rs.getString("conversation_id"),
                Rows.integer(rs, "turn"),
                rs.getString("customer_id"),
                LocalDate.parse(rs.getString("today")),
                rs.getString("text"),
                rs.getString("context"),
                rs.getString("content_version"),
                rs.getString("outcome"),
                rs.getString("answer")));
      }
    }
  }

  public long count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM answers");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Deletes answers given before {@code cutoff}; returns how many went. */
  public int deleteBefore(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM answers WHERE at_ms < ?")) {
      ps.setLong(1, cutoff.toEpochMilli());
      return ps.executeUpdate();
    }
  }
}
