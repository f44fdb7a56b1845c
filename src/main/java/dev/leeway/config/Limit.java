package dev.leeway.config;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a role may do with one action kind on its own authority.
 *
 * @param maxAmount the most per action, or null for no per-action cap (always null for non-monetary
 *     kinds)
 * @param perCustomer how much per customer per period, or null for no such budget
 */
public record Limit(BigDecimal maxAmount, CustomerBudget perCustomer) {

  /** Allowed without any cap. */
  public static final Limit UNLIMITED = new Limit(null, null);

  public Limit {
    if (maxAmount != null && maxAmount.signum() < 0) {
      throw new IllegalArgumentException("max_amount must be >= 0, was " + maxAmount);
    }
  }

  public Optional<BigDecimal> maxAmountIfAny() {
    return Optional.ofNullable(maxAmount);
  }

  public Optional<CustomerBudget> perCustomerIfAny() {
    return Optional.ofNullable(perCustomer);
  }
}
