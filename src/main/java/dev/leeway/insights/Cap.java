package dev.leeway.insights;

import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Budget;
import dev.leeway.config.Limit;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The cap or budget of the authority matrix that held an action back: a role's per-action cap
 * ({@code amount} only) or one of its budgets (an amount and/or a count over {@code periodDays}).
 * Every part is null when the matrix has none.
 */
public record Cap(BigDecimal amount, Integer count, Integer periodDays) {

  /** No cap known to the matrix for that role and kind. */
  public static final Cap NONE = new Cap(null, null, null);

  /**
   * The cap that {@code check} compares with, for {@code role} and {@code kind} in {@code matrix}.
   */
  public static Cap in(AuthorityMatrix matrix, String role, String kind, HeldBack check) {
    Optional<Limit> limit = matrix.role(role).flatMap(r -> r.limit(kind));
    if (limit.isEmpty()) {
      return NONE;
    }
    if (check == HeldBack.LIMIT) {
      return new Cap(limit.get().maxAmount(), null, null);
    }
    Budget budget =
        check == HeldBack.CUSTOMER_BUDGET ? limit.get().perCustomer() : limit.get().perAgent();
    return budget == null
        ? NONE
        : new Cap(budget.maxAmount(), budget.maxCount(), budget.periodDays());
  }
}
