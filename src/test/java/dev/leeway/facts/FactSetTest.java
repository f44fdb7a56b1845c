package dev.leeway.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Merging facts across turns and sources, and reading context values by their declared type. */
class FactSetTest {

  private static Fact text(String name, String value, int turn) {
    return new Fact(name, new FactValue.Text(value), new FactSource.Text(turn, 0, value.length(), value), 1.0);
  }

  private static Fact context(String name, String value) {
    return new Fact(name, new FactValue.Text(value), new FactSource.Context(name), 1.0);
  }

  @Test
  void a_later_turn_corrects_an_earlier_one() {
    FactSet facts = FactSet.of(List.of(text("membership_tier", "gold", 1))).with(List.of(text("membership_tier", "silver", 2)));

    assertThat(facts.get("membership_tier")).get().extracting(f -> f.value().display()).isEqualTo("silver");
  }

  @Test
  void words_never_replace_a_context_field_but_a_newer_field_does() {
    FactSet facts = FactSet.of(List.of(context("membership_tier", "gold"))).with(List.of(text("membership_tier", "silver", 2)));
    assertThat(facts.get("membership_tier")).get().extracting(f -> f.value().display()).isEqualTo("gold");

    FactSet corrected = facts.with(List.of(context("membership_tier", "platinum")));
    assertThat(corrected.get("membership_tier")).get().extracting(f -> f.value().display()).isEqualTo("platinum");
  }

  @Test
  void context_values_are_read_as_their_declared_type() {
    FactSpec money = new FactSpec("order_total", FactType.MONEY, "How much?", List.of());
    assertThat(FactValues.parse(money, "45.50 EUR")).isEqualTo(new FactValue.Money(new BigDecimal("45.50"), "EUR"));
    assertThat(FactValues.parse(money, "$80")).isEqualTo(new FactValue.Money(new BigDecimal("80"), "USD"));
    assertThat(FactValues.parse(money, 12)).isEqualTo(new FactValue.Money(new BigDecimal("12"), "USD"));
    assertThat(FactValues.parse(new FactSpec("has_photo", FactType.BOOLEAN, "?", List.of()), "yes")).isEqualTo(new FactValue.Flag(true));
  }

  @Test
  void bad_context_names_every_field_and_value_at_fault() {
    FactSpec tier = new FactSpec("membership_tier", FactType.ENUM, "Which?", List.of("none", "gold"));
    FactSpec days = new FactSpec("days_late", FactType.DAYS, "How many?", List.of());
    Map<String, FactSpec> specs = Map.of("membership_tier", tier, "days_late", days);

    assertThatThrownBy(
            () ->
                ContextFacts.parse(
                    new java.util.LinkedHashMap<>(Map.of("membership_tier", "goldd")), n -> Optional.ofNullable(specs.get(n))))
        .hasMessage("membership_tier: 'goldd' is not one of none, gold (enum fact)");
    assertThatThrownBy(() -> ContextFacts.parse(Map.of("mood", "angry"), n -> Optional.ofNullable(specs.get(n))))
        .hasMessageContaining("mood: unknown fact");
    assertThatThrownBy(() -> ContextFacts.parse(Map.of("days_late", "-2"), n -> Optional.ofNullable(specs.get(n))))
        .hasMessage("days_late: '-2' is not a whole number of zero or more (days fact)");
  }
}
