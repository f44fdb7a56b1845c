package dev.leeway.facts;

import static dev.leeway.facts.Reader.choice;
import static dev.leeway.facts.Reader.fact;
import static dev.leeway.facts.Reader.source;
import static dev.leeway.facts.Reader.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChoiceFinderTest {

  @Test
  void gold_member_is_the_gold_tier_with_its_span() {
    Fact fact = fact("she's a gold member", "membership_tier");
    assertThat(fact.value()).isEqualTo(choice("gold"));
    assertThat(source(fact).span()).isEqualTo("gold member");
    assertThat(source(fact).start()).isEqualTo(8);
  }

  @Test
  void reads_a_tier_with_or_without_its_noun() {
    assertThat(values("platinum status")).containsEntry("membership_tier", "platinum");
    assertThat(values("silver tier, returning a lamp")).containsEntry("membership_tier", "silver");
    assertThat(values("she didn't get her package and she's gold"))
        .containsEntry("membership_tier", "gold");
    assertThat(values("rewards status is platinum")).containsEntry("membership_tier", "platinum");
  }

  @Test
  void a_tier_word_describing_a_thing_is_not_a_tier() {
    assertThat(values("wants the silver iPhone instead")).isEmpty();
    assertThat(values("her gold necklace was broken")).doesNotContainKey("membership_tier");
  }

  @Test
  void not_a_member_is_the_none_tier() {
    assertThat(values("not a member, asking about returns"))
        .containsEntry("membership_tier", "none");
    assertThat(values("isn't in rewards, wants to join")).containsEntry("membership_tier", "none");
    assertThat(values("he's a non-member")).containsEntry("membership_tier", "none");
    assertThat(values("no membership")).containsEntry("membership_tier", "none");
  }

  @Test
  void reads_a_plan_next_to_its_noun() {
    assertThat(values("on the premium plan")).containsEntry("plan", "premium");
    assertThat(values("plus package, wants to cancel")).containsEntry("plan", "plus");
    assertThat(values("basic customer")).containsEntry("plan", "basic");
  }

  @Test
  void a_plan_word_alone_is_not_a_plan() {
    assertThat(values("he wants premium delivery on his next one")).isEmpty();
  }

  @Test
  void reads_how_the_customer_paid() {
    assertThat(values("I paid with paypal")).containsEntry("payment_method", "paypal");
    assertThat(values("paid by bank transfer")).containsEntry("payment_method", "bank_transfer");
    assertThat(values("paid the last bill by wire"))
        .containsEntry("payment_method", "bank_transfer");
    assertThat(values("paid with a gift card")).containsEntry("payment_method", "gift_card");
    assertThat(values("paid for it with a voucher")).containsEntry("payment_method", "gift_card");
    assertThat(values("paid by credit card")).containsEntry("payment_method", "card");
  }

  @Test
  void card_evidence_is_the_card_phrase() {
    Fact fact = fact("bought a phone on her debit card", "payment_method");
    assertThat(fact.value()).isEqualTo(choice("card"));
    assertThat(source(fact).span()).isEqualTo("on her debit card");
  }

  @Test
  void a_card_that_is_not_paid_with_is_not_a_payment_method() {
    assertThat(values("refund it to her debit card please")).isEmpty();
    assertThat(values("debit card lost on holiday")).doesNotContainKey("payment_method");
  }
}
