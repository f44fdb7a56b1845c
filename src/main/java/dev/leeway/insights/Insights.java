package dev.leeway.insights;

import dev.leeway.playbook.Content;
import dev.leeway.store.Dialect;
import dev.leeway.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * The dashboard's figures over the stored answers. The answers of the period are read in order of
 * time through the {@code answers_at} index and counted one by one in Java from each answer's JSON,
 * so the figures are the same on SQLite and PostgreSQL (which read JSON text differently) and no
 * more than one fetch of rows is in memory. Blocking: call it from a worker thread.
 */
public final class Insights {

  /** Rows fetched at a time (PostgreSQL streams them through a cursor). */
  static final int FETCH = 500;

  private final Store store;

  public Insights(Store store) {
    this.store = store;
  }

  /** Every figure over {@code period}, on the given content, with {@code today} for review-by. */
  public Report report(Period period, Content content, LocalDate today) {
    Tally tally = new Tally(period);
    scan(period, tally::add);
    return tally.report(content.authority(), content.playbook(), today);
  }

  /** Reads the answers given within {@code period}, oldest first. */
  public void scan(Period period, Consumer<AnswerDigest> each) {
    store.read(
        c -> {
          boolean autoCommit = c.getAutoCommit();
          // PostgreSQL keeps a cursor (and fetches FETCH rows at a time) only inside a
          // transaction; otherwise it would load the whole period at once.
          if (store.dialect() == Dialect.POSTGRESQL && autoCommit) {
            c.setAutoCommit(false);
          }
          try {
            read(c, period, each);
          } finally {
            if (store.dialect() == Dialect.POSTGRESQL && autoCommit) {
              c.rollback();
              c.setAutoCommit(true);
            }
          }
          return null;
        });
  }

  private static void read(Connection c, Period period, Consumer<AnswerDigest> each)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT at_ms, role, outcome, answer FROM answers WHERE at_ms >= ? AND at_ms < ?"
                + " ORDER BY at_ms")) {
      ps.setLong(1, period.start().toEpochMilli());
      ps.setLong(2, period.end().toEpochMilli());
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          each.accept(
              AnswerDigest.of(
                  Instant.ofEpochMilli(rs.getLong(1)),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4)));
        }
      }
    }
  }
}
