package dev.leeway.facts;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.List;
import java.util.Optional;

/** Fits what was read from text to the facts one play declares. */
public final class PlayFacts {

  /** The name text gives an amount with no words around it saying what it is. */
  public static final String UNNAMED_AMOUNT = "amount";

  /** A guess from position rather than from words is worth less than a direct reading. */
  private static final double BINDING_CONFIDENCE = 0.8;

  private PlayFacts() {}

  /**
   * The facts as this play sees them: when the play has exactly one money fact and it is not yet
   * known, an unnamed amount ("refund the $40") is taken as that fact, keeping its source words.
   */
  public static FactSet bind(FactSet facts, List<FactSpec> playFacts) {
    List<FactSpec> money = playFacts.stream().filter(f -> f.type() == FactType.MONEY).toList();
    Optional<Fact> unnamed = facts.get(UNNAMED_AMOUNT);
    if (money.size() != 1 || unnamed.isEmpty() || facts.has(money.get(0).name())) {
      return facts;
    }
    Fact amount = unnamed.get();
    return facts.with(
        List.of(new Fact(money.get(0).name(), amount.value(), amount.source(), amount.confidence() * BINDING_CONFIDENCE)));
  }
}
