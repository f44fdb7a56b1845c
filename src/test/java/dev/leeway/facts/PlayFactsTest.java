package dev.leeway.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How an amount read with no words around it reaches the money fact a play uses. */
class PlayFactsTest {

  private static final FactSpec ORDER_TOTAL =
      new FactSpec("order_total", FactType.MONEY, "What was the order total?", List.of());
  private static final FactSpec SHIPPING =
      new FactSpec("shipping_cost", FactType.MONEY, "How much was postage?", List.of());
  private static final FactSpec CHARGE =
      new FactSpec("charge_amount", FactType.MONEY, "How much was charged?", List.of());
  private static final FactSpec DISPUTED =
      new FactSpec("disputed_amount", FactType.MONEY, "How much is in dispute?", List.of());
  private static final FactSpec FEE =
      new FactSpec("fee_amount", FactType.MONEY, "How much is the fee?", List.of());
  private static final FactSpec TIMES =
      new FactSpec("times_this_happened", FactType.COUNT, "How many times?", List.of());

  private static Fact money(String name, String amount, int turn) {
    return new Fact(
        name,
        new FactValue.Money(new BigDecimal(amount), "USD"),
        new FactSource.Text(turn, 0, 3, "$" + amount),
        1.0);
  }

  @Test
  void an_unnamed_amount_fills_the_one_money_fact_only_while_it_is_unknown() {
    FactSet unknown = FactSet.of(List.of(money("amount", "45", 1)));
    FactSet known = unknown.with(List.of(money("order_total", "120", 1)));

    assertThat(PlayFacts.bind(unknown, List.of(ORDER_TOTAL, TIMES)).get("order_total"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("$45.00"));
    assertThat(PlayFacts.bind(known, List.of(ORDER_TOTAL, TIMES)).get("order_total"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("$120.00"));
  }

  @Test
  void a_correction_with_an_unnamed_amount_replaces_the_one_money_fact() {
    List<Fact> read = List.of(money("amount", "45", 2));

    assertThat(PlayFacts.corrections(read, List.of(ORDER_TOTAL, TIMES)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("order_total");
              assertThat(f.value().display()).isEqualTo("$45.00");
              assertThat(((FactSource.Text) f.source()).turn()).isEqualTo(2);
            });
  }

  @Test
  void a_correction_cannot_tell_which_of_two_money_facts_it_means_and_changes_neither() {
    assertThat(
            PlayFacts.corrections(List.of(money("amount", "45", 2)), List.of(ORDER_TOTAL, CHARGE)))
        .isEmpty();
    assertThat(PlayFacts.corrections(List.of(money("shipping_cost", "5", 2)), List.of(ORDER_TOTAL)))
        .isEmpty();
  }

  @Test
  void of_several_money_facts_an_unnamed_amount_is_not_a_fee_postage_or_monthly_price() {
    // "the atm didnt give me the $200": no word names it, so it is not the cash advance fee.
    FactSet read = FactSet.of(List.of(money("amount", "200", 1)));

    assertThat(PlayFacts.bind(read, List.of(DISPUTED, FEE)).get("disputed_amount"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("$200.00"));
    assertThat(PlayFacts.bind(read, List.of(DISPUTED, FEE)).has("fee_amount")).isFalse();
    assertThat(
            PlayFacts.corrections(
                List.of(money("amount", "45", 2)), List.of(SHIPPING, ORDER_TOTAL)))
        .singleElement()
        .satisfies(f -> assertThat(f.name()).isEqualTo("order_total"));
    // A play's only money fact still takes it: "stuck until duty is paid, $30" is the customs fee.
    assertThat(PlayFacts.bind(read, List.of(FEE)).get("fee_amount")).isPresent();
  }

  @Test
  void an_amount_named_as_something_the_play_never_reads_is_an_amount_with_no_name_to_it() {
    // "38 import vat to the courier" read as postage, in a play whose one money fact is a fee.
    FactSet postage = FactSet.of(List.of(money("shipping_cost", "38", 1)));
    assertThat(PlayFacts.bind(postage, List.of(FEE, TIMES), Set.of("fee_amount")).get("fee_amount"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("$38.00"));
    // A charge read as such is a play's order total.
    FactSet charge = FactSet.of(List.of(money("charge_amount", "55", 1)));
    assertThat(
            PlayFacts.bind(charge, List.of(ORDER_TOTAL), Set.of("order_total")).get("order_total"))
        .isPresent();
    // A kind agents always name is never taken as an amount of another kind, nor the reverse.
    assertThat(
            PlayFacts.bind(postage, List.of(ORDER_TOTAL), Set.of("order_total")).has("order_total"))
        .isFalse();
    assertThat(PlayFacts.bind(charge, List.of(FEE), Set.of("fee_amount")).has("fee_amount"))
        .isFalse();
    // A fact the play reads keeps its name; two foreign amounts are not guessed between.
    assertThat(
            PlayFacts.bind(charge, List.of(ORDER_TOTAL), Set.of("order_total", "charge_amount"))
                .has("order_total"))
        .isFalse();
    FactSet two = charge.with(List.of(money("disputed_amount", "20", 1)));
    assertThat(PlayFacts.bind(two, List.of(ORDER_TOTAL), Set.of("order_total")).has("order_total"))
        .isFalse();
  }
}
