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
    return new Fact(
        name, new FactValue.Text(value), new FactSource.Text(turn, 0, value.length(), value), 1.0);
  }

  private static Fact context(String name, String value) {
    return new Fact(name, new FactValue.Text(value), new FactSource.Context(name), 1.0);
  }

  @Test
  void a_later_turn_corrects_an_earlier_one() {
    FactSet facts =
        FactSet.of(List.of(text("membership_tier", "gold", 1)))
            .with(List.of(text("membership_tier", "silver", 2)));

    assertThat(facts.get("membership_tier"))
        .get()
        .extracting(f -> f.value().display())
        .isEqualTo("silver");
  }

  @Test
  void words_never_replace_a_context_field_but_a_newer_field_does() {
    FactSet facts =
        FactSet.of(List.of(context("membership_tier", "gold")))
            .with(List.of(text("membership_tier", "silver", 2)));
    assertThat(facts.get("membership_tier"))
        .get()
        .extracting(f -> f.value().display())
        .isEqualTo("gold");

    FactSet corrected = facts.with(List.of(context("membership_tier", "platinum")));
    assertThat(corrected.get("membership_tier"))
        .get()
        .extracting(f -> f.value().display())
        .isEqualTo("platinum");
  }

  @Test
  void context_values_are_read_as_their_declared_type() {
    FactSpec money = new FactSpec("order_total", FactType.MONEY, "How much?", List.of());
    assertThat(FactValues.parse(money, "45.50 EUR"))
        .isEqualTo(new FactValue.Money(new BigDecimal("45.50"), "EUR"));
    assertThat(FactValues.parse(money, "$80"))
        .isEqualTo(new FactValue.Money(new BigDecimal("80"), "USD"));
    assertThat(FactValues.parse(money, 12))
        .isEqualTo(new FactValue.Money(new BigDecimal("12"), "USD"));
    assertThat(FactValues.parse(new FactSpec("has_photo", FactType.BOOLEAN, "?", List.of()), "yes"))
        .isEqualTo(new FactValue.Flag(true));
  }

  @Test
  void bad_context_names_every_field_and_value_at_fault() {
    FactSpec tier =
        new FactSpec("membership_tier", FactType.ENUM, "Which?", List.of("none", "gold"));
    FactSpec days = new FactSpec("days_late", FactType.DAYS, "How many?", List.of());
    Map<String, FactSpec> specs = Map.of("membership_tier", tier, "days_late", days);

    assertThatThrownBy(
            () ->
                ContextFacts.parse(
                    new java.util.LinkedHashMap<>(Map.of("membership_tier", "goldd")),
                    n -> Optional.ofNullable(specs.get(n))))
        .hasMessage("membership_tier: 'goldd' is not one of none, gold (enum fact)");
    assertThatThrownBy(
            () ->
                ContextFacts.parse(Map.of("mood", "angry"), n -> Optional.ofNullable(specs.get(n))))
        .hasMessageContaining("mood: unknown fact");
    assertThatThrownBy(
            () ->
                ContextFacts.parse(
                    Map.of("days_late", "-2"), n -> Optional.ofNullable(specs.get(n))))
        .hasMessage("days_late: '-2' is not a whole number from 0 to 36,500 (days fact)");
  }

  @Test
  void context_numbers_outside_their_range_are_refused_never_wrapped() {
    FactSpec count = new FactSpec("customer_credit_count", FactType.COUNT, "How many?", List.of());
    FactSpec days = new FactSpec("days_late", FactType.DAYS, "How many?", List.of());
    FactSpec money = new FactSpec("order_total", FactType.MONEY, "How much?", List.of());
    FactSpec date = new FactSpec("purchase_date", FactType.DATE, "When?", List.of());

    // 2^64 narrowed to a long is 0: it must be refused, not read as 0.
    assertThatThrownBy(
            () -> FactValues.parse(count, new java.math.BigInteger("18446744073709551616")))
        .hasMessage(
            "customer_credit_count: '18446744073709551616' is not a whole number from 0 to 1,000,000 (count fact)");
    assertThatThrownBy(
            () ->
                FactValues.parse(days, new java.math.BigInteger("1000000000000000000000000000000")))
        .hasMessageContaining("from 0 to 36,500");
    assertThatThrownBy(() -> FactValues.parse(money, 1e308))
        .hasMessageContaining("from 0 to 1,000,000,000");
    assertThatThrownBy(() -> FactValues.parse(money, new BigDecimal("10.005")))
        .hasMessageContaining("at most 2 decimals");
    assertThatThrownBy(() -> FactValues.parse(money, "$1000000000.01"))
        .hasMessageContaining("from 0 to 1,000,000,000");
    assertThatThrownBy(() -> FactValues.parse(date, "0000-01-01"))
        .hasMessageContaining("from 1900-01-01 to 2199-12-31");

    assertThat(FactValues.parse(count, 1_000_000L)).isEqualTo(new FactValue.Whole(1_000_000));
    assertThat(FactValues.parse(days, "36500")).isEqualTo(new FactValue.Whole(36_500));
    assertThat(FactValues.parse(money, new BigDecimal("1000000000.00")))
        .isEqualTo(new FactValue.Money(new BigDecimal("1000000000.00"), "USD"));
  }
}
