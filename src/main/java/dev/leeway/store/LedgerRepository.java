package dev.leeway.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The grant ledger: what agents actually gave, per agent and per customer. Recording a grant
 * re-checks the budgets it counts against in the same transaction, so two agents using the last of
 * one budget at once cannot both record it.
 */
public final class LedgerRepository {

  /** Whose budget: one customer's, or one agent's. */
  public enum Scope {
    CUSTOMER,
    AGENT
  }

  /**
   * One grant: an action marked used, with what was given.
   *
   * @param customerId the customer it went to, or null when the answer named none
   * @param amount how much, for a monetary kind, or null
   */
  public record Grant(
      String answerId,
      String playId,
      String actionId,
      String agent,
      Instant at,
      String customerId,
      String kind,
      BigDecimal amount,
      String currency) {
    public Grant {
      Objects.requireNonNull(answerId, "answerId");
      Objects.requireNonNull(playId, "playId");
      Objects.requireNonNull(actionId, "actionId");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** How much of a kind was given within a period: how many times, and the total amount. */
  public record Used(long count, BigDecimal total) {}

  /**
   * A budget a grant counts against.
   *
   * @param name how messages name it, e.g. "per_customer budget for credit"
   * @param maxCount how many times per period, or null
   * @param maxAmount the total per period, or null
   */
  public record Budget(
      String name, Scope scope, Integer maxCount, BigDecimal maxAmount, int periodDays) {}

  /** What became of a grant. */
  public sealed interface Outcome {
    /** Recorded (or updated, when the same action of the same answer was recorded before). */
    record Recorded() implements Outcome {}

    /** Refused: recording it would go over {@code budget}; nothing was written. */
    record Refused(Budget budget, Used used, String detail) implements Outcome {}
  }

  private final Dialect dialect;

  LedgerRepository(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * What {@code who} (a customer id or an agent's name) had of {@code kind} since {@code since}.
   */
  public Used usage(Connection c, Scope scope, String who, String kind, Instant since)
      throws SQLException {
    return usage(c, scope, who, kind, since, null);
  }

  private Used usage(
      Connection c, Scope scope, String who, String kind, Instant since, Grant except)
      throws SQLException {
    String column = scope == Scope.CUSTOMER ? "customer_id" : "agent";
    String sql =
        "SELECT amount FROM grants WHERE "
            + column
            + " = ? AND kind = ? AND at_ms >= ?"
            + (except == null
                ? ""
                : " AND NOT (answer_id = ? AND play_id = ? AND action_id = ? AND agent = ?)");
    long count = 0;
    BigDecimal total = BigDecimal.ZERO;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, who);
      ps.setString(2, kind);
      ps.setLong(3, since.toEpochMilli());
      if (except != null) {
        ps.setString(4, except.answerId());
        ps.setString(5, except.playId());
        ps.setString(6, except.actionId());
        ps.setString(7, except.agent());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          count++;
          String amount = rs.getString(1);
          if (amount != null) {
            total = total.add(new BigDecimal(amount));
          }
        }
      }
    }
    return new Used(count, total);
  }

  /**
   * Records the grant unless it would go over one of {@code budgets}; run it as a write (in the
   * writer's transaction). On PostgreSQL, shared by several servers, the budgets' rows are
   * serialised by transaction-scoped advisory locks; SQLite has one writer at a time anyway.
   */
  public Outcome record(Connection c, Grant grant, List<Budget> budgets) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      TreeSet<Long> keys = new TreeSet<>();
      keys.add(lockKey("agent", grant.agent(), grant.kind()));
      if (grant.customerId() != null) {
        keys.add(lockKey("customer", grant.customerId(), grant.kind()));
      }
      // In one order, so two transactions locking the same pair cannot deadlock.
      for (long key : keys) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          ps.setLong(1, key);
          ps.executeQuery().close();
        }
      }
    }
    for (Budget budget : budgets) {
      String who = budget.scope() == Scope.CUSTOMER ? grant.customerId() : grant.agent();
      if (who == null) {
        continue;
      }
      Instant since = grant.at().minus(Duration.ofDays(budget.periodDays()));
      Used used = usage(c, budget.scope(), who, grant.kind(), since, grant);
      if (budget.maxCount() != null && used.count() + 1 > budget.maxCount()) {
        return new Outcome.Refused(
            budget,
            used,
            budget.name()
                + ": "
                + used.count()
                + " of "
                + budget.maxCount()
                + " already used in the last "
                + budget.periodDays()
                + " days");
      }
      BigDecimal amount = grant.amount() == null ? BigDecimal.ZERO : grant.amount();
      if (budget.maxAmount() != null
          && used.total().add(amount).compareTo(budget.maxAmount()) > 0) {
        return new Outcome.Refused(
            budget,
            used,
            budget.name()
                + ": "
                + used.total().toPlainString()
                + " of "
                + budget.maxAmount().toPlainString()
                + " already used in the last "
                + budget.periodDays()
                + " days, "
                + amount.toPlainString()
                + " more would go over");
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO grants (answer_id, play_id, action_id, agent, at_ms, customer_id, kind, amount, currency)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id, play_id, action_id, agent) DO UPDATE SET"
                + " at_ms = excluded.at_ms, customer_id = excluded.customer_id, amount = excluded.amount, currency = excluded.currency")) {
      ps.setString(1, grant.answerId());
      ps.setString(2, grant.playId());
      ps.setString(3, grant.actionId());
      ps.setString(4, grant.agent());
      ps.setLong(5, grant.at().toEpochMilli());
      Rows.text(ps, 6, grant.customerId());
      ps.setString(7, grant.kind());
      Rows.text(ps, 8, grant.amount() == null ? null : grant.amount().toPlainString());
      Rows.text(ps, 9, grant.currency());
      ps.executeUpdate();
    }
    return new Outcome.Recorded();
  }

  /** Takes back a grant (its action is no longer marked used); returns whether there was one. */
  public boolean remove(Connection c, String answerId, String playId, String actionId, String agent)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM grants WHERE answer_id = ? AND play_id = ? AND action_id = ? AND agent = ?")) {
      ps.setString(1, answerId);
      ps.setString(2, playId);
      ps.setString(3, actionId);
      ps.setString(4, agent);
      return ps.executeUpdate() > 0;
    }
  }

  /** Every grant, oldest first (for tests and exports). */
  public List<Grant> all(Connection c) throws SQLException {
    List<Grant> grants = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT * FROM grants ORDER BY at_ms, answer_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String amount = rs.getString("amount");
        grants.add(
            new Grant(
                rs.getString("answer_id"),
                rs.getString("play_id"),
                rs.getString("action_id"),
                rs.getString("agent"),
                Instant.ofEpochMilli(rs.getLong("at_ms")),
                rs.getString("customer_id"),
                rs.getString("kind"),
                amount == null ? null : new BigDecimal(amount),
                rs.getString("currency")));
      }
    }
    return grants;
  }

  private static long lockKey(String scope, String who, String kind) {
    // A stable 64-bit key from the budget's identity (FNV-1a): the same in every server.
    long hash = 0xcbf29ce484222325L;
    for (byte b : (scope + "\u0000" + who + "\u0000" + kind).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
