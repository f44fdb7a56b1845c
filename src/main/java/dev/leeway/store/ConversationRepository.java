package dev.leeway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversations and their turns as sent: what a conversation is rebuilt from after a restart
 * (answers are deterministic, so the same turns on the same content give the same state).
 */
public final class ConversationRepository {

  /**
   * One conversation; {@code customerId} is null until the caller names the customer.
   *
   * @param caseNumber the case in hand (from 1)
   * @param caseStarted when it started, or null when not known
   */
  public record ConversationRow(
      String id,
      String owner,
      String role,
      String customerId,
      Instant created,
      Instant lastActive,
      int caseNumber,
      Instant caseStarted) {
    public ConversationRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(lastActive, "lastActive");
      if (caseNumber < 1) {
        throw new IllegalArgumentException("case numbers start at 1, was " + caseNumber);
      }
    }

    /** A conversation in its first case. */
    public ConversationRow(
        String id,
        String owner,
        String role,
        String customerId,
        Instant created,
        Instant lastActive) {
      this(id, owner, role, customerId, created, lastActive, 1, created);
    }
  }

  /**
   * One turn as the agent sent it, with the reply given.
   *
   * @param text what the agent typed, redacted
   * @param context the structured facts sent with it, as JSON
   * @param reply the reply as sent, as JSON
   * @param caseNumber the case the turn was taken in (from 1)
   */
  public record TurnRow(
      String conversationId,
      int number,
      Instant at,
      LocalDate today,
      String text,
      String context,
      String reply,
      int caseNumber) {
    public TurnRow {
      Objects.requireNonNull(conversationId, "conversationId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(today, "today");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(reply, "reply");
      if (caseNumber < 1) {
        throw new IllegalArgumentException("case numbers start at 1, was " + caseNumber);
      }
    }

    /** A turn of a conversation's first case. */
    public TurnRow(
        String conversationId,
        int number,
        Instant at,
        LocalDate today,
        String text,
        String context,
        String reply) {
      this(conversationId, number, at, today, text, context, reply, 1);
    }
  }

  ConversationRepository() {}

  /** Creates the conversation, or updates its customer, last activity and case in hand. */
  public void upsert(Connection c, ConversationRow row) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO conversations (id, owner, role, customer_id, created_ms, last_active_ms, case_number, case_started_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, last_active_ms = excluded.last_active_ms,"
                + " case_number = excluded.case_number, case_started_ms = excluded.case_started_ms")) {
      ps.setString(1, row.id());
      ps.setString(2, row.owner());
      ps.setString(3, row.role());
      Rows.text(ps, 4, row.customerId());
      ps.setLong(5, row.created().toEpochMilli());
      ps.setLong(6, row.lastActive().toEpochMilli());
      ps.setInt(7, row.caseNumber());
      if (row.caseStarted() == null) {
        ps.setNull(8, java.sql.Types.BIGINT);
      } else {
        ps.setLong(8, row.caseStarted().toEpochMilli());
      }
      ps.executeUpdate();
    }
  }

  public void insertTurn(Connection c, TurnRow row) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO turns (conversation_id, number, at_ms, today, text, context, reply, case_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, row.conversationId());
      ps.setInt(2, row.number());
      ps.setLong(3, row.at().toEpochMilli());
      ps.setString(4, row.today().toString());
      ps.setString(5, row.text());
      ps.setString(6, row.context());
      ps.setString(7, row.reply());
      ps.setInt(8, row.caseNumber());
      ps.executeUpdate();
    }
  }

  public Optional<ConversationRow> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM conversations WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ConversationRow(
                rs.getString("id"),
                rs.getString("owner"),
                rs.getString("role"),
                rs.getString("customer_id"),
                Instant.ofEpochMilli(rs.getLong("created_ms")),
                Instant.ofEpochMilli(rs.getLong("last_active_ms")),
                rs.getInt("case_number"),
                caseStarted(rs)));
      }
    }
  }

  /** The conversation's turns, in order. */
  public List<TurnRow> turns(Connection c, String conversationId) throws SQLException {
    List<TurnRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM turns WHERE conversation_id = ? ORDER BY number")) {
      ps.setString(1, conversationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new TurnRow(
                  rs.getString("conversation_id"),
                  rs.getInt("number"),
                  Instant.ofEpochMilli(rs.getLong("at_ms")),
                  LocalDate.parse(rs.getString("today")),
                  rs.getString("text"),
                  rs.getString("context"),
                  rs.getString("reply"),
                  rs.getInt("case_number")));
        }
      }
    }
    return rows;
  }

  private static Instant caseStarted(ResultSet rs) throws SQLException {
    long ms = rs.getLong("case_started_ms");
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  public long count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM conversations");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Deletes conversations (and their turns) last active before {@code cutoff}; returns how many.
   */
  public int deleteBefore(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement turns =
            c.prepareStatement(
                "DELETE FROM turns WHERE conversation_id IN (SELECT id FROM conversations WHERE last_active_ms < ?)");
        PreparedStatement conversations =
            c.prepareStatement("DELETE FROM conversations WHERE last_active_ms < ?")) {
      turns.setLong(1, cutoff.toEpochMilli());
      turns.executeUpdate();
      conversations.setLong(1, cutoff.toEpochMilli());
      return conversations.executeUpdate();
    }
  }
}
