package dev.leeway.playbook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Something an agent can do for the customer.
 *
 * @param kind the authority-matrix action kind (refund, credit, fee_waiver...) whose limits apply
 * @param amount a fixed amount written as a decimal number, the name of the money fact that sets
 *     the amount, or an expression over money facts; null if none (see {@link #fixedAmount()},
 *     {@link #amountFact()} and {@link #amountExpression()})
 * @param appliesWhen the action's own precondition; when it is false the action does not apply
 * @param when the normal eligibility rule as a condition over facts; null means always eligible
 * @param bendable whether an approver may allow the action when {@code when} is not met (null: the
 *     play's default, else yes); when not, an unmet rule is a firm no
 * @param instead what to offer when the action is a firm no; empty: the play's own list
 * @param policy the policy the action rests on, as cited to the agent
 * @param urgent whether the action protects the customer (block the card, secure the account) and
 *     comes first in the answer, before any question (null: no)
 */
public record Action(
    String id,
    String kind,
    String label,
    String amount,
    String appliesWhen,
    String when,
    Boolean bendable,
    List<Alternative> instead,
    String policy,
    Boolean urgent) {
  public Action {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    instead = List.copyOf(instead == null ? List.of() : instead);
  }

  /** An action that is not urgent. */
  public Action(
      String id,
      String kind,
      String label,
      String amount,
      String appliesWhen,
      String when,
      Boolean bendable,
      List<Alternative> instead,
      String policy) {
    this(id, kind, label, amount, appliesWhen, when, bendable, instead, policy, null);
  }

  /** An action without a precondition, alternatives or urgency. */
  public Action(String id, String kind, String label, String amount, String when, String policy) {
    this(id, kind, label, amount, null, when, null, null, policy, null);
  }

  /** Whether the action comes first, before any question: it protects the customer. */
  public boolean comesFirst() {
    return urgent != null && urgent;
  }

  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

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
    return amount != null && NAME.matcher(amount).matches()
        ? Optional.of(amount)
        : Optional.empty();
  }

  /**
   * The expression that computes the amount, when {@code amount} is neither a number nor a name.
   */
  public Optional<String> amountExpression() {
    return amount == null || NUMBER.matcher(amount).matches() || NAME.matcher(amount).matches()
        ? Optional.empty()
        : Optional.of(amount);
  }

  /** Whether the action has an amount that depends on facts. */
  @JsonIgnore
  public boolean amountVaries() {
    return amountFact().isPresent() || amountExpression().isPresent();
  }
}
