package dev.leeway.playbook;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Something an agent can do for the customer.
 *
 * @param kind the authority-matrix action kind (refund, credit, fee_waiver...) whose limits apply
 * @param amount the name of the money fact that sets the amount, or a fixed amount written as a
 *     decimal number; null if none (see {@link #fixedAmount()} and {@link #amountFact()})
 * @param when the normal eligibility rule as a condition over facts; null means always eligible
 * @param policy the policy the action rests on, as cited to the agent
 */
public record Action(
    String id, String kind, String label, String amount, String when, String policy) {
  public Action {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
  }

  /** The fixed amount, when {@code amount} is a number. */
  public Optional<BigDecimal> fixedAmount() {
    if (amount == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(amount));
    } catch (NumberFormatException notANumber) {
      return Optional.empty(); // a fact name: fact names never parse as numbers
    }
  }

  /** The money fact that sets the amount, when {@code amount} is a fact name. */
  public Optional<String> amountFact() {
    return amount == null || fixedAmount().isPresent() ? Optional.empty() : Optional.of(amount);
  }
}
