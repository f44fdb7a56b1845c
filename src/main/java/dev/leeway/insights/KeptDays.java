package dev.leeway.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code insight_days} table: each past day's tally as counted, with how many answers it held
 * then. Same SQL on SQLite and PostgreSQL.
 */
final class KeptDays {

  /** A kept day: its answer count when counted, and the tally's JSON. */
  record Kept(long answers, String tally) {}

  private KeptDays() {}

  static Map<LocalDate, Kept> read(Connection c, Period period) throws SQLException {
    Map<LocalDate, Kept> kept = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT day, answers, tally FROM insight_days WHERE day >= ? AND day <= ?")) {
      ps.setLong(1, period.from().toEpochDay());
      ps.setLong(2, period.to().toEpochDay());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          kept.put(LocalDate.ofEpochDay(rs.getLong(1)), new Kept(rs.getLong(2), rs.getString(3)));
        }
      }
    }
    return kept;
  }

  static void write(Connection c, LocalDate day, long answers, String tally) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO insight_days (day, answers, tally) VALUES (?, ?, ?)"
                + " ON CONFLICT (day) DO UPDATE SET answers = excluded.answers,"
                + " tally = excluded.tally")) {
      ps.setLong(1, day.toEpochDay());
      ps.setLong(2, answers);
      ps.setString(3, tally);
      ps.executeUpdate();
    }
  }
}
