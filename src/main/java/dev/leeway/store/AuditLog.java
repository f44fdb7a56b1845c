package dev.leeway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The append-only audit log: every change (tokens, roles, content) and every sign-in, numbered in
 * the order they committed. There is deliberately no way to change or remove a record: this class
 * only appends and reads, and retention leaves the table alone.
 */
public final class AuditLog {

  /** The most records one read returns. */
  public static final int MAX_READ = 1_000;

  /** The advisory lock that numbers records one at a time when servers share PostgreSQL. */
  private static final long SEQUENCE_LOCK = 0x4c65657761794155L; // "LeewayAU"

  /**
   * One record.
   *
   * @param seq its number: records are numbered 1, 2, 3... in the order they committed
   * @param actor who did it: a user's name, {@code cli:<os user>} for the command line, or {@code
   *     leeway} for the server itself
   * @param subject what it was done to: a user, a token, a play, a revision
   * @param detail anything else worth knowing, in words (may be empty)
   */
  public record Entry(
      long seq, Instant at, String actor, AuditAction action, String subject, String detail) {
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Which records to read: the latest {@code limit}, of one actor and/or one action if given. */
  public record Query(Optional<String> actor, Optional<AuditAction> action, int limit) {
    public Query {
      if (limit < 1 || limit > MAX_READ) {
        throw new IllegalArgumentException(
            "limit: from 1 to " + MAX_READ + " records, got " + limit);
      }
    }

    public static Query latest(int limit) {
      return new Query(Optional.empty(), Optional.empty(), limit);
    }
  }

  private final Store store;

  AuditLog(Store store) {
    this.store = store;
  }

  /**
   * Appends a record with the writer's next batch; the future completes with its number once it is
   * durable. Use {@link #append} instead when the change itself is written in the same transaction.
   */
  public CompletableFuture<Long> record(
      String actor, AuditAction action, String subject, String detail) {
    Instant at = Instant.now();
    return store.write(c -> append(c, at, actor, action, subject, detail));
  }

  /**
   * Appends a record in the caller's write transaction (run it inside {@link Store#write}), so the
   * record commits with the change it describes or not at all. Returns its number.
   */
  public long append(
      Connection c, Instant at, String actor, AuditAction action, String subject, String detail)
      throws SQLException {
    Entry checked = new Entry(0, at, actor, action, subject, detail == null ? "" : detail);
    if (store.dialect() == Dialect.POSTGRESQL) {
      // Servers sharing the database take numbers one at a time; released at commit.
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, SEQUENCE_LOCK);
        ps.executeQuery().close();
      }
    }
    long seq;
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM audit");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      seq = rs.getLong(1);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit (seq, at_ms, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setLong(2, checked.at().toEpochMilli());
      ps.setString(3, checked.actor());
      ps.setString(4, checked.action().label());
      ps.setString(5, checked.subject());
      ps.setString(6, checked.detail());
      ps.executeUpdate();
    }
    return seq;
  }

  /** The latest records that fit {@code query}, newest first. */
  public List<Entry> latest(Connection c, Query query) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    query
        .actor()
        .ifPresent(
            a -> {
              sql.append(" AND actor = ?");
              args.add(a);
            });
    query
        .action()
        .ifPresent(
            a -> {
              sql.append(" AND action = ?");
              args.add(a.label());
            });
    sql.append(" ORDER BY seq DESC LIMIT ?");
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (String arg : args) {
        ps.setString(i++, arg);
      }
      ps.setInt(i, query.limit());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String label = rs.getString("action");
          Optional<AuditAction> action = AuditAction.parse(label);
          if (action.isEmpty()) {
            throw new SQLException(
                "audit record "
                    + rs.getLong("seq")
                    + " names an action this version does not know: '"
                    + label
                    + "'");
          }
          entries.add(
              new Entry(
                  rs.getLong("seq"),
                  Instant.ofEpochMilli(rs.getLong("at_ms")),
                  rs.getString("actor"),
                  action.get(),
                  rs.getString("subject"),
                  rs.getString("detail")));
        }
      }
    }
    return entries;
  }

  /** The number of the latest record of any of {@code actions}, or 0 when there is none. */
  public long lastOf(Connection c, Set<AuditAction> actions) throws SQLException {
    if (actions.isEmpty()) {
      return 0;
    }
    String marks = actions.stream().map(a -> "?").collect(Collectors.joining(", "));
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(seq) FROM audit WHERE action IN (" + marks + ")")) {
      int i = 1;
      for (AuditAction action : actions) {
        ps.setString(i++, action.label());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** How many records there are. */
  public long count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
