package dev.leeway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.leeway.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Situations no play fitted, from conversations and from single suggestions. */
public final class GapRepository {

  /**
   * One gap.
   *
   * @param source "conversation" or "suggest"
   * @param conversationId the conversation it came up in, or null
   * @param text what the agent typed, redacted
   * @param nearest the closest plays that fell short, as "play id (confidence)"
   */
  public record GapRow(
      String id,
      Instant at,
      String source,
      String conversationId,
      String role,
      String text,
      String reason,
      List<String> nearest) {
    public GapRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(source, "source");
      nearest = List.copyOf(nearest);
    }
  }

  GapRepository() {}

  public void insert(Connection c, GapRow row) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO gaps (id, at_ms, source, conversation_id, role, text, reason, nearest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, row.id());
      ps.setLong(2, row.at().toEpochMilli());
      ps.setString(3, row.source());
      Rows.text(ps, 4, row.conversationId());
      ps.setString(5, row.role());
      ps.setString(6, row.text());
      ps.setString(7, row.reason());
      ps.setString(8, json(row.nearest()));
      ps.executeUpdate();
    }
  }

  /** The latest gaps, oldest first. */
  public List<GapRow> recent(Connection c, int limit) throws SQLException {
    List<GapRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT * FROM (SELECT * FROM gaps ORDER BY at_ms DESC, id DESC LIMIT ?) latest ORDER BY at_ms, id")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new GapRow(
                  rs.getString("id"),
                  Instant.ofEpochMilli(rs.getLong("at_ms")),
                  rs.getString("source"),
                  rs.getString("conversation_id"),
                  rs.getString("role"),
                  rs.getString("text"),
                  rs.getString("reason"),
                  list(rs.getString("nearest"))));
        }
      }
    }
    return rows;
  }

  public long count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gaps");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String json(Object value) {
    try {
      return Json.json().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
    }
  }

  private static List<String> list(String json) throws SQLException {
    try {
      return Json.json().readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("a gap's nearest plays are not a JSON list: " + json, e);
    }
  }
}
