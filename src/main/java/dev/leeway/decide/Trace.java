package dev.leeway.decide;

import dev.leeway.facts.Fact;
import java.util.List;

/**
 * Why a decision came out as it did: enough to check it by hand, or to replay it, since the same
 * facts against the same content version always give the same decision.
 *
 * @param facts the facts the checks read, with their sources
 * @param checks every check made, in order
 * @param currency the pack's currency: that of an amount shown when no money fact gives one (a
 *     limit, a default)
 */
public record Trace(
    String playId,
    int playVersion,
    String contentVersion,
    String role,
    List<Fact> facts,
    List<Check> checks,
    String currency) {
  public Trace {
    facts = List.copyOf(facts);
    checks = List.copyOf(checks);
    java.util.Objects.requireNonNull(currency, "currency");
  }

  /** A trace in the default currency (USD). */
  public Trace(
      String playId,
      int playVersion,
      String contentVersion,
      String role,
      List<Fact> facts,
      List<Check> checks) {
    this(
        playId,
        playVersion,
        contentVersion,
        role,
        facts,
        checks,
        dev.leeway.playbook.FactCatalogue.DEFAULT_CURRENCY);
  }
}
