package dev.leeway.insights;

import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.Json;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.Playbook;
import dev.leeway.store.Dialect;
import dev.leeway.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard's figures over the stored answers. Each answer has a narrow digest ({@link
 * Digests}, written with it) of what the figures count; the digests of the period are read in order
 * of time and counted one by one in Java, so the figures are the same on SQLite and PostgreSQL and
 * no more than one fetch of rows is in memory. Blocking: call it from a worker thread.
 */
public final class Insights {

  /** Rows fetched at a time (PostgreSQL streams them through a cursor). */
  static final int FETCH = 500;

  /** Answers digested per transaction when filling in digests that are missing. */
  static final int BACKFILL = 1000;

  private static final Logger LOG = Logger.getLogger(Insights.class.getName());

  /** How many past days' tallies are kept (a year and a day: the longest period). */
  static final int DAYS_KEPT = Period.MAX_DAYS;

  private record DayTally(long count, Tally tally) {}

  private final Store store;
  private final Object backfilling = new Object();
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
    Map<LocalDate, KeptDays.Kept> kept = null;
    for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
      long count = counts.getOrDefault(day, 0L);
      if (count == 0) {
        continue;
      }
      DayTally known = days.get(day);
      if (known != null && known.count() == count && day.isBefore(today)) {
        tally.add(known.tally());
        continue;
      }
      if (kept == null && day.isBefore(today)) {
        // The days counted before (by this server before a restart, or another one): one read.
        kept = store.read(c -> KeptDays.read(c, period));
      }
      Optional<Tally> stored = kept == null ? Optional.empty() : stored(kept.get(day), day, count);
      if (stored.isPresent()) {
        remember(day, count, stored.get());
        tally.add(stored.get());
      } else {
        tally.add(day(day, count, today));
      }
    }
    return tally.report(authority, playbook, today);
  }

  /** A kept day's tally, when it was counted over as many answers as the day holds now. */
  private static Optional<Tally> stored(KeptDays.Kept kept, LocalDate day, long count) {
    if (kept == null || kept.answers() != count) {
      return Optional.empty();
    }
    try {
      return Tally.of(new Period(day, day), Json.json().readTree(kept.tally()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private void remember(LocalDate day, long count, Tally tally) {
    synchronized (days) {
      days.put(day, new DayTally(count, tally));
      while (days.size() > DAYS_KEPT) {
        days.remove(days.keySet().iterator().next());
      }
    }
  }

  /**
   * One day's tally counted from its digests (today, a day not counted before, a day with an answer
   * committed late or one retention cut). A day with fewer digests than answers (answers stored
   * before the digest existed) has the missing digests written first. A day that is over is kept,
   * in memory and in the store.
   */
  private Tally day(LocalDate day, long count, LocalDate today) {
    Period one = new Period(day, day);
    Tally tally = new Tally(one);
    read(one, tally::add);
    if (tally.answers() < count && backfill(one) > 0) {
      tally = new Tally(one);
      read(one, tally::add);
    }
    if (day.isBefore(today)) {
      remember(day, tally.answers(), tally);
      long answers = tally.answers();
      String json = tally.json().toString();
      store
          .write(
              c -> {
                KeptDays.write(c, day, answers, json);
                return null;
              })
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  LOG.log(Level.WARNING, "insights: keeping the count of " + day + " failed", e);
                }
              });
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

  /**
   * Reads the digests of the answers given within {@code period}, oldest first, after writing the
   * digest of any answer there that has none.
   */
  public void scan(Period period, Consumer<AnswerDigest> each) {
    backfill(period);
    read(period, each);
  }

  private void read(Period period, Consumer<AnswerDigest> each) {
    store.read(
        c -> {
          boolean autoCommit = c.getAutoCommit();
          // PostgreSQL keeps a cursor (and fetches FETCH rows at a time) only inside a
          // transaction; otherwise it would load the whole period at once.
          if (store.dialect() == Dialect.POSTGRESQL && autoCommit) {
            c.setAutoCommit(false);
          }
          try {
            Digests.read(
                c, period.start().toEpochMilli(), period.end().toEpochMilli(), FETCH, each);
          } finally {
            if (store.dialect() == Dialect.POSTGRESQL && autoCommit) {
              c.rollback();
              c.setAutoCommit(true);
            }
          }
          return null;
        });
  }

  /**
   * Writes the digests of the answers within {@code period} that have none (stored before the
   * digest existed, or written by a tool), from their JSON, {@link #BACKFILL} at a time; returns
   * how many. Once per answer: from then on the figures read only the digest.
   */
  int backfill(Period period) {
    synchronized (backfilling) {
      long fromMs = period.start().toEpochMilli();
      long toMs = period.end().toEpochMilli();
      long afterMs = Long.MIN_VALUE;
      String afterId = "";
      int written = 0;
      long started = System.nanoTime();
      while (true) {
        long a = afterMs;
        String id = afterId;
        List<Digests.Missing> missing =
            store.read(c -> Digests.missing(c, fromMs, toMs, a, id, BACKFILL));
        if (missing.isEmpty()) {
          break;
        }
        if (written == 0) {
          LOG.info(
              "insights: writing the digest of answers stored without one, from "
                  + period.from()
                  + " to "
                  + period.to()
                  + " (once; the figures then read the digest, not the answers' JSON)");
        }
        try {
          store
              .write(
                  c -> {
                    Digests.insertAll(c, missing);
                    return null;
                  })
              .get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException e) {
          LOG.log(Level.WARNING, "insights: writing digests failed; tried again later", e);
          break;
        }
        written += missing.size();
        Digests.Missing last = missing.getLast();
        afterMs = last.digest().at().toEpochMilli();
        afterId = last.answerId();
      }
      if (written > 0) {
        LOG.info(
            "insights: wrote the digest of "
                + written
                + " stored answers in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
      }
      return written;
    }
  }
}
