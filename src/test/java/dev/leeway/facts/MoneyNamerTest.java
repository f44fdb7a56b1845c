package dev.leeway.facts;

import static dev.leeway.facts.Reader.fact;
import static dev.leeway.facts.Reader.money;
import static dev.leeway.facts.Reader.source;
import static dev.leeway.facts.Reader.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyNamerTest {

  @Test
  void charged_names_a_charge_and_the_span_covers_cue_and_amount() {
    Fact fact = fact("he was charged £12.50 twice", "charge_amount");
    assertThat(fact.value()).isEqualTo(money("12.50", "GBP"));
    assertThat(source(fact).span()).isEqualTo("charged £12.50");
    assertThat(source(fact).start()).isEqualTo(7);
    assertThat(source(fact).end()).isEqualTo(21);
    assertThat(fact.confidence()).isEqualTo(1.0);
  }

  @Test
  void order_total_and_charge_in_one_message_keep_their_own_names() {
    assertThat(values("order was $150 and she was charged $165"))
        .containsEntry("order_total", "$150.00")
        .containsEntry("charge_amount", "$165.00");
  }

  @Test
  void a_fee_word_beats_the_generic_verb() {
    assertThat(values("cash withdrawal abroad, charged a fee of £2.99"))
        .containsEntry("fee_amount", "£2.99");
    assertThat(values("she was charged £15 for delivery")).containsEntry("shipping_cost", "£15.00");
  }

  @Test
  void a_closer_noun_beats_a_farther_fee() {
    assertThat(values("£25 late fee on a £300 order"))
        .containsEntry("fee_amount", "£25.00")
        .containsEntry("order_total", "£300.00");
  }

  @Test
  void a_dispute_names_every_amount_in_its_clause() {
    assertThat(values("there's a $45 charge she doesn't recognise"))
        .containsOnlyKeys("disputed_amount");
    assertThat(values("atm didnt give him the £100")).containsEntry("disputed_amount", "£100.00");
  }

  @Test
  void a_month_after_the_amount_is_a_monthly_price() {
    assertThat(values("on the premium plan, pays $49 a month"))
        .containsEntry("monthly_price", "$49.00");
    assertThat(values("basic plan at £15 per month")).containsEntry("monthly_price", "£15.00");
    assertThat(values("paid by paypal, $12.99 monthly")).containsEntry("monthly_price", "$12.99");
  }

  @Test
  void a_price_rise_is_a_price_difference() {
    assertThat(values("price went up $6 even though she's got a price lock"))
        .containsEntry("price_difference", "$6.00");
    assertThat(values("bill increased by £4 this month"))
        .containsEntry("price_difference", "£4.00");
  }

  @Test
  void a_price_difference_is_read_from_cheaper_and_dropped_by() {
    assertThat(values("it's $25 cheaper on your site now"))
        .containsEntry("price_difference", "$25.00");
    assertThat(values("price dropped by $30 last week"))
        .containsEntry("price_difference", "$30.00");
  }

  @Test
  void paid_for_the_thing_names_an_item_price() {
    assertThat(values("she paid £30 for the jacket and it ripped"))
        .containsEntry("item_price", "£30.00");
    assertThat(values("he paid $80 for the order")).containsEntry("order_total", "$80.00");
  }

  @Test
  void postage_to_send_it_back_is_shipping() {
    assertThat(values("he paid £8.50 to send it back")).containsEntry("shipping_cost", "£8.50");
  }

  @Test
  void an_amount_with_no_cue_is_just_an_amount() {
    assertThat(values("refund of £45 not showing yet")).containsEntry("amount", "£45.00");
    assertThat(values("bought a coat for ninety pounds")).containsEntry("amount", "£90.00");
  }

  @Test
  void cues_do_not_reach_across_a_but() {
    assertThat(values("the order arrived but she wants $20 back"))
        .containsEntry("amount", "$20.00");
  }

  @Test
  void the_first_of_two_amounts_with_one_name_is_kept() {
    assertThat(values("charged $10 and then charged $12")).containsEntry("charge_amount", "$10.00");
  }
}
