package dev.leeway.facts;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    return bind(
        facts,
        playFacts,
        playFacts.stream().map(FactSpec::name).collect(java.util.stream.Collectors.toSet()));
  }

  /**
   * As {@link #bind(FactSet, List)}; and with no unnamed amount, an amount the words named as
   * something this play never reads ({@code reads}: every fact its rules use) is, to this play, an
   * amount with no name: "38 import vat to the courier" (read as postage) is the customs play's
   * duty. A kind agents always name (a fee, postage, a monthly price) is only taken as another such
   * kind, and two such amounts are never guessed between.
   */
  public static FactSet bind(FactSet facts, List<FactSpec> playFacts, Set<String> reads) {
    Optional<FactSpec> money = onlyMoneyFact(playFacts);
    if (money.isEmpty() || facts.has(money.get().name())) {
      return facts;
    }
    Optional<Fact> unnamed = facts.get(UNNAMED_AMOUNT).or(() -> foreign(facts, money.get(), reads));
    if (unnamed.isEmpty()) {
      return facts;
    }
    Fact amount = unnamed.get();
    return facts.with(
        List.of(
            new Fact(
                money.get().name(),
                amount.value(),
                amount.source(),
                amount.confidence() * BINDING_CONFIDENCE)));
  }

  /** The one amount read from words under a name this play never reads, if it can be its own. */
  private static Optional<Fact> foreign(FactSet facts, FactSpec money, Set<String> reads) {
    boolean named = MoneyNamer.NEVER_BARE.contains(money.name());
    List<Fact> found =
        facts.all().stream()
            .filter(f -> f.value() instanceof FactValue.Money)
            .filter(f -> f.source() instanceof FactSource.Text)
            .filter(f -> !reads.contains(f.name()) && !f.name().equals(UNNAMED_AMOUNT))
            .toList();
    if (found.size() != 1 || MoneyNamer.NEVER_BARE.contains(found.get(0).name()) != named) {
      return Optional.empty();
    }
    return Optional.of(found.get(0));
  }

  /**
   * What a message that only corrects the situation in hand ("actually it was $45") says about this
   * play's facts: an unnamed amount in it replaces the play's one money fact, however that was
   * known before. Elsewhere an unnamed amount never overrides a named one.
   */
  public static List<Fact> corrections(List<Fact> read, List<FactSpec> playFacts) {
    Optional<FactSpec> money = onlyMoneyFact(playFacts);
    if (money.isEmpty()) {
      return List.of();
    }
    return read.stream()
        .filter(f -> f.name().equals(UNNAMED_AMOUNT))
        .map(f -> new Fact(money.get().name(), f.value(), f.source(), f.confidence()))
        .toList();
  }

  /**
   * The play's one money fact an amount with no word naming it can be: its only one, or of several,
   * the only one that is not a kind agents always name (a fee beside the disputed sum). A play's
   * only money fact takes the amount whatever its kind: the words that would have named it ("duty",
   * "the upgrade") are often not a cue.
   */
  private static Optional<FactSpec> onlyMoneyFact(List<FactSpec> playFacts) {
    List<FactSpec> money = playFacts.stream().filter(f -> f.type() == FactType.MONEY).toList();
    if (money.size() > 1) {
      money = money.stream().filter(f -> !MoneyNamer.NEVER_BARE.contains(f.name())).toList();
    }
    return money.size() == 1 ? Optional.of(money.get(0)) : Optional.empty();
  }
}
