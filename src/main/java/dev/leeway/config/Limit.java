package dev.leeway.config;

import java.math.BigDecimal;

/**
 * What a role may do with one action kind on its own authority.
 *
 * @param maxAmount the most per action, or null for no per-action cap (always null for non-monetary
 *     kinds)
 * @param perCustomer how much one customer may receive per period, or null for no such budget
 * @param perAgent how much one agent may grant per period (e.g. per day), or null for no such
 *     budget
 */
public record Limit(BigDecimal maxAmount, Budget perCustomer, Budget perAgent) {

  /** Allowed without any cap. */
  public static final Limit UNLIMITED = new Limit(null, null, null);

  public Limit {
    if (maxAmount != null && maxAmount.signum() < 0) {
      throw new IllegalArgumentException("max_amount must be >= 0, was " + maxAmount);
    }
  }
}
