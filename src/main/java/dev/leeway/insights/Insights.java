package dev.leeway.insights;

import dev.leeway.config.AuthorityMatrix;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.Playbook;
import dev.leeway.store.Dialect;
import dev.leeway.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
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

  /** How many past days' tallies are kept (a year and a day: the longest period). */
  static final int DAYS_KEPT = Period.MAX_DAYS;

  private record DayTally(long count, Tally tally) {}

  private final Store store;
  private final Map<LocalDate, DayTally> days =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

  /**
   * Figures over {@code store}. Keep one instance: it remembers the tallies of days that are over,
   * so a second look at the dashboard reads only today's answers and the days that changed.
   */
  public Insights(Store store) {
    this.store = store;
  }

  /** Every figure over {@code period}, on the given content, with {@code today} for review-by. */
  public Report report(Period period, Content content, LocalDate today) {
    return report(period, content.authority(), content.playbook(), today);
  }

  /** Every figure over {@code period}, with the caps of {@code authority} and these plays. */
  public Report report(
      Period period, AuthorityMatrix authority, Playbook playbook, LocalDate today) {
    Tally tally = new Tally(period);
    Map<LocalDate, Long> counts = countsPerDay(period);
    for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
      long count = counts.getOrDefault(day, 0L);
      if (count == 0) {
        continue;
      }
      tally.add(day(day, count, today));
    }
    return tally.report(authority, playbook, today);
  }

  /**
   * One day's tally: from the cache when that day is over and holds as many answers as when it was
   * counted, else counted again (today, a day with an answer committed late, a day retention cut).
   */
  private Tally day(LocalDate day, long count, LocalDate today) {
    DayTally known = days.get(day);
    if (known != null && known.count() == count && day.isBefore(today)) {
      return known.tally();
    }
    Period one = new Period(day, day);
    Tally tally = new Tally(one);
    scan(one, tally::add);
    if (day.isBefore(today)) {
      synchronized (days) {
        days.put(day, new DayTally(tally.answers(), tally));
        while (days.size() > DAYS_KEPT) {
          days.remove(days.keySet().iterator().next());
        }
      }
    }
    return tally;
  }

  /** How many answers each day of the period holds: one pass over the time index. */
  Map<LocalDate, Long> countsPerDay(Period period) {
    return store.read(
        c -> {
          Map<LocalDate, Long> counts = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT at_ms / 86400000, COUNT(*) FROM answers WHERE at_ms >= ? AND at_ms < ?"
                      + " GROUP BY at_ms / 86400000")) {
            ps.setLong(1, period.start().toEpochMilli());
            ps.setLong(2, period.end().toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                counts.put(LocalDate.ofEpochDay(rs.getLong(1)), rs.getLong(2));
              }
            }
          }
          return counts;
        });
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
