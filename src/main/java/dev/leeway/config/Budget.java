package dev.leeway.config;

import java.math.BigDecimal;

/**
 * How much of one action kind may be granted within a rolling period: to one customer, or by one
 * agent.
 *
 * @param maxCount how many times per period, or null for no count limit
 * @param maxAmount the total amount per period, or null for no total (always null for non-monetary
 *     kinds)
 * @param periodDays the length of the rolling period in days
 */
public record Budget(Integer maxCount, BigDecimal maxAmount, int periodDays) {
  public Budget {
    if (periodDays < 1) {
      throw new IllegalArgumentException("period_days must be >= 1, was " + periodDays);
    }
    if (maxCount != null && maxCount < 0) {
      throw new IllegalArgumentException("max_count must be >= 0, was " + maxCount);
    }
    if (maxAmount != null && maxAmount.signum() < 0) {
      throw new IllegalArgumentException("max_amount must be >= 0, was " + maxAmount);
    }
  }
}
