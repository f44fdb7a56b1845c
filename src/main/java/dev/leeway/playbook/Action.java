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

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  /** The fixed amount, when {@code amount} is a number. */
  public Optional<BigDecimal> fixedAmount() {
    // Checked before parsing: this runs on every decision, and a fact name is the common case.
    if (amount == null || !NUMBER.matcher(amount).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(amount));
  }

  /** The money fact that sets the amount, when {@code amount} is a fact name. */
  public Optional<String> amountFact() {
    return amount == null || fixedAmount().isPresent() ? Optional.empty() : Optional.of(amount);
  }
}
