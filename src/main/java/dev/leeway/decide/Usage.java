package dev.leeway.decide;

import dev.leeway.config.ActionKind;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The facts that say how much of a budget is already used: for each action kind, how many times and
 * how much the customer has received, and the agent has granted, within the budget's period. A
 * helpdesk sends them as context; when one would change a verdict and is missing, Leeway asks.
 */
public final class Usage {

  /** Whose budget: one customer's, or one agent's. */
  public enum Scope {
    CUSTOMER,
    AGENT;

    String prefix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private Usage() {}

  /** "customer_credit_count": how many times within the period. */
  public static String countFact(Scope scope, String kind) {
    return scope.prefix() + "_" + kind + "_count";
  }

  /** "customer_credit_total": how much money within the period. */
  public static String totalFact(Scope scope, String kind) {
    return scope.prefix() + "_" + kind + "_total";
  }

  /** Every usage fact the matrix's kinds imply, with a question that fits any budget period. */
  public static List<FactSpec> specs(AuthorityMatrix authority) {
    List<FactSpec> specs = new ArrayList<>();
    for (ActionKind kind : authority.actionKinds().values()) {
      for (Scope scope : Scope.values()) {
        specs.add(
            new FactSpec(
                countFact(scope, kind.id()),
                FactType.COUNT,
                question(scope, kind, false, 0),
                List.of()));
        if (kind.monetary()) {
          specs.add(
              new FactSpec(
                  totalFact(scope, kind.id()),
                  FactType.MONEY,
                  question(scope, kind, true, 0),
                  List.of()));
        }
      }
    }
    return specs;
  }

  /**
   * What to ask, or check, when a usage fact is missing.
   *
   * @param periodDays the budget's period, or 0 when speaking of budgets in general
   */
  public static String question(Scope scope, ActionKind kind, boolean total, int periodDays) {
    String what = "'" + kind.label() + "'";
    String period =
        periodDays == 0
            ? "within the budget period"
            : periodDays == 1 ? "today" : "in the last " + periodDays + " days";
    return switch (scope) {
      case CUSTOMER ->
          total
              ? "How much " + what + " has this customer had " + period + "? (Account history.)"
              : "How many times has this customer had "
                  + what
                  + " "
                  + period
                  + "? (Account history.)";
      case AGENT ->
          total
              ? "How much " + what + " have you given " + period + "?"
              : "How many times have you given " + what + " " + period + "?";
    };
  }
}
