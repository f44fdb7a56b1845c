package dev.leeway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer: a thread that drains the queue of writes and commits each batch in one
 * transaction, so one fsync serves everything that arrived meanwhile. A write's future completes
 * only after its batch commits. When a batch fails, its writes are retried one transaction each, so
 * one bad write fails alone.
 */
final class BatchWriter implements AutoCloseable {

  /** At most this many writes share a commit: a bound on how long the first one waits. */
  static final int MAX_BATCH = 512;

  /**
   * At most this many writes wait: past it the store is far behind (a disk or server too slow for
   * the load), and a write fails at once rather than holding memory until it runs out.
   */
  static final int MAX_QUEUED = 50_000;

  private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());

  private record Pending<T>(Work<T> work, CompletableFuture<T> done) {}

  /** Opens the writer's connection (again, after a database restart cut the last one). */
  interface Connector {
    Connection open() throws SQLException;
  }

  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final Connector connector;
  private Connection connection;
  private final String where;
  private final Thread thread;
  private volatile boolean closing;

  BatchWriter(Connector connector, String where) throws SQLException {
    this.connector = connector;
    this.connection = connector.open();
    this.where = where;
    connection.setAutoCommit(false);
    this.thread = Thread.ofPlatform().name("leeway-store-writer").daemon(true).start(this::loop);
  }

  <T> CompletableFuture<T> submit(Work<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(new StoreException("the store " + where + " is closed", null));
      return done;
    }
    if (!queue.offer(new Pending<>(work, done))) {
      done.completeExceptionally(
          new StoreException(
              "the store "
                  + where
                  + " is "
                  + MAX_QUEUED
                  + " writes behind; the write was refused (is its disk or server slow?)",
              null));
    }
    return done;
  }

  private void loop() {
    List<Pending<?>> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    Pending<?> left;
    while ((left = queue.poll()) != null) {
      left.done()
          .completeExceptionally(
              new StoreException("the store " + where + " closed before this write", null));
    }
  }

  private void commit(List<Pending<?>> batch) {
    if (connection == null && !reopen()) {
      for (Pending<?> p : batch) {
        fail(
            p,
            new SQLException(
                "no connection to the store " + where + " (it is being reopened)", "08003"));
      }
      return;
    }
    List<Object> results = new ArrayList<>(batch.size());
    try {
      for (Pending<?> p : batch) {
        results.add(p.work().run(connection));
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollback();
      if (!alive()) {
        // The database went away under the batch (a restart): once more on a new connection.
        if (reopen()) {
          commit(batch);
        } else {
          batch.forEach(p -> fail(p, e));
        }
        return;
      }
      if (batch.size() == 1) {
        fail(batch.get(0), e);
        return;
      }
      for (Pending<?> p : batch) {
        commit(List.of(p));
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), results.get(i));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Pending<T> pending, Object result) {
    pending.done().complete((T) result);
  }

  private void fail(Pending<?> pending, Exception e) {
    if (e instanceof RuntimeException r && !(e instanceof StoreException)) {
      // A refusal decided by the write itself (a budget used up): the caller's to explain.
      pending.done().completeExceptionally(r);
      return;
    }
    StoreException known = e instanceof SQLException sql ? diskProblem(where, sql) : null;
    if (known != null) {
      // Said in full; a stack trace would add nothing an operator can act on.
      LOG.warning(known.getMessage());
      pending.done().completeExceptionally(known);
      return;
    }
    LOG.log(Level.WARNING, "a write to the store " + where + " failed", e);
    pending
        .done()
        .completeExceptionally(
            e instanceof StoreException s
                ? s
                : new StoreException(
                    "writing to the store " + where + " failed: " + e.getMessage(), e));
  }

  /**
   * A write refused because the disk is full or fails, said with what to do; null for any other
   * failure. The transaction was rolled back, so nothing of it is read back.
   */
  static StoreException diskProblem(String where, SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("SQLITE_FULL") || "53100".equals(e.getSQLState())) {
      return new StoreException(
          "the disk holding the store "
              + where
              + " is full (or the server may not grow its files further): free space on it and"
              + " retry -- nothing of this write was stored",
          e);
    }
    if (message.contains("SQLITE_IOERR")) {
      return new StoreException(
          "the store "
              + where
              + " could not be written (a disk I/O error: "
              + message.strip().lines().findFirst().orElse("")
              + "): check its disk, which may be full or failing, free space on it and retry --"
              + " nothing of this write was stored",
          e);
    }
    return null;
  }

  /** Whether the connection still works (asked only after a failure: it costs a round trip). */
  private boolean alive() {
    try {
      return connection != null && connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Replaces a broken connection; false when the database cannot be reached now. */
  private boolean reopen() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // Already broken.
    }
    connection = null;
    try {
      Connection fresh = connector.open();
      fresh.setAutoCommit(false);
      connection = fresh;
      LOG.info("reconnected to the store " + where);
      return true;
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "cannot reconnect to the store " + where + ": " + e.getMessage());
      return false;
    }
  }

  private void rollback() {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("no transaction is active")) {
        // SQLite already rolled back on its own (it does on a full disk or an I/O error).
        return;
      }
      LOG.log(Level.WARNING, "rolling back a write to the store " + where + " failed", e);
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
