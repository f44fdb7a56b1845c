package dev.leeway.facts;

import static dev.leeway.facts.Reader.fact;
import static dev.leeway.facts.Reader.flag;
import static dev.leeway.facts.Reader.source;
import static dev.leeway.facts.Reader.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlagFinderTest {

  @Test
  void never_received_sets_item_received_false_and_the_span_covers_the_negation() {
    Fact fact = fact("cust never received the parcel", "item_received");
    assertThat(fact.value()).isEqualTo(flag(false));
    assertThat(source(fact).span()).isEqualTo("never received");
    assertThat(source(fact).start()).isEqualTo(5);
    assertThat(source(fact).end()).isEqualTo(19);
  }

  @Test
  void received_or_arrived_sets_item_received_true() {
    assertThat(values("parcel arrived 2 days ago")).containsEntry("item_received", "yes");
    assertThat(values("he got the item but it doesn't work")).containsEntry("item_received", "yes");
  }

  @Test
  void reads_negated_arrivals_without_apostrophes() {
    assertThat(values("hasnt arrived yet")).containsEntry("item_received", "no");
    assertThat(values("cust didnt receive her order")).containsEntry("item_received", "no");
    assertThat(values("parcel is yet to arrive")).containsEntry("item_received", "no");
  }

  @Test
  void a_couriers_status_or_an_expectation_is_not_a_receipt() {
    assertThat(values("tracking says delivered but she never got it"))
        .containsEntry("item_received", "no");
    assertThat(values("it should have arrived by now")).doesNotContainKey("item_received");
    assertThat(values("engineer didn't turn up")).doesNotContainKey("item_received");
  }

  @Test
  void negation_stays_in_its_clause() {
    assertThat(values("she never got the first parcel, but the second one arrived"))
        .containsEntry("item_received", "no");
    assertThat(values("not happy at all, but it was delivered"))
        .containsEntry("item_received", "yes");
  }

  @Test
  void reads_dispatch_and_its_absence() {
    assertThat(values("it was dispatched yesterday")).containsEntry("order_dispatched", "yes");
    assertThat(values("it still hasnt shipped")).containsEntry("order_dispatched", "no");
    assertThat(values("says it's still processing")).containsEntry("order_dispatched", "no");
    assertThat(values("tracking shows it's with the courier"))
        .containsEntry("order_dispatched", "yes");
  }

  @Test
  void reads_unused_items_and_used_ones() {
    assertThat(values("tags still on")).containsEntry("item_unused", "yes");
    assertThat(values("it's still in the box")).containsEntry("item_unused", "yes");
    assertThat(values("the jacket's been worn")).containsEntry("item_unused", "no");
    assertThat(values("she opened and used the hair dryer")).containsEntry("item_unused", "no");
  }

  @Test
  void a_negated_no_cue_reads_yes() {
    assertThat(values("she hasn't used it")).containsEntry("item_unused", "yes");
  }

  @Test
  void reads_receipts_and_photos_with_negation() {
    assertThat(values("cust has no receipt")).containsEntry("has_receipt", "no");
    assertThat(values("she's got the order email")).containsEntry("has_receipt", "yes");
    assertThat(values("lost the receipt")).containsEntry("has_receipt", "no");
    assertThat(values("she's sent pictures")).containsEntry("has_photo", "yes");
    assertThat(values("she can't take a picture")).containsEntry("has_photo", "no");
  }

  @Test
  void reads_security_checks() {
    assertThat(values("passed security, wants to change the email"))
        .containsEntry("identity_verified", "yes");
    assertThat(values("cust failed security")).containsEntry("identity_verified", "no");
    assertThat(values("caller not verified")).containsEntry("identity_verified", "no");
  }

  @Test
  void reads_whether_the_card_is_in_hand() {
    assertThat(values("cash machine swallowed his card")).containsEntry("card_in_possession", "no");
    assertThat(values("card stolen from her bag")).containsEntry("card_in_possession", "no");
    assertThat(values("he still has the card")).containsEntry("card_in_possession", "yes");
  }

  @Test
  void reads_a_death_but_not_a_dead_device() {
    assertThat(values("her husband passed away last month")).containsEntry("bereavement", "yes");
    assertThat(values("calling about my late mother's account"))
        .containsEntry("bereavement", "yes");
    assertThat(values("his phone died so he couldn't call back")).isEmpty();
  }

  @Test
  void reads_hardship_but_not_a_payment_page_that_fails() {
    assertThat(values("she can't afford £40 a month anymore"))
        .containsEntry("financial_hardship", "yes");
    assertThat(values("was made redundant last month")).containsEntry("financial_hardship", "yes");
    assertThat(values("he can't pay online, the button is greyed out"))
        .doesNotContainKey("financial_hardship");
  }

  @Test
  void reads_documents_sent_and_still_to_come() {
    assertThat(values("she's sent the death certificate"))
        .containsEntry("documents_provided", "yes");
    assertThat(values("son hasn't sent the probate papers yet"))
        .containsEntry("documents_provided", "no");
    assertThat(values("no documents yet")).containsEntry("documents_provided", "no");
  }

  @Test
  void reads_police_reports() {
    assertThat(values("she's reported it to the police")).containsEntry("police_report", "yes");
    assertThat(values("has a crime reference")).containsEntry("police_report", "yes");
    assertThat(values("hasn't reported it")).containsEntry("police_report", "no");
  }

  @Test
  void reads_business_accounts() {
    assertThat(values("trade account locked")).containsEntry("is_business_account", "yes");
    assertThat(values("personal account, not a business account"))
        .containsEntry("is_business_account", "no");
  }

  @Test
  void reads_guardrail_flags_and_their_negations() {
    assertThat(values("threatening trading standards")).containsEntry("legal_threat", "yes");
    assertThat(values("he isn't threatening legal action")).containsEntry("legal_threat", "no");
    assertThat(values("router overheating")).containsEntry("safety_concern", "yes");
    assertThat(values("no smoke or sparks")).containsEntry("safety_concern", "no");
    assertThat(values("someone else used my card")).containsEntry("suspected_fraud", "yes");
    assertThat(values("not fraud, she forgot the order")).containsEntry("suspected_fraud", "no");
    assertThat(values("elderly customer")).containsEntry("vulnerable_customer", "yes");
  }

  @Test
  void names_and_products_are_not_guardrail_cues() {
    assertThat(values("customer Sue called about her order")).isEmpty();
    assertThat(values("fire tv stick won't connect")).isEmpty();
    assertThat(values("daughter has power of attorney")).doesNotContainKey("legal_threat");
    assertThat(values("account disabled after a reset")).isEmpty();
  }

  @Test
  void clicking_a_link_or_entering_a_password_sets_details_entered() {
    assertThat(values("he clicked it and entered his password"))
        .containsEntry("details_entered", "yes");
    assertThat(values("she clicked the link in the text")).containsEntry("details_entered", "yes");
    assertThat(values("typed in her login details on the fake site"))
        .containsEntry("details_entered", "yes");
    assertThat(values("he didn't click the link, just forwarded it"))
        .containsEntry("details_entered", "no");
    assertThat(values("she deleted it without clicking")).containsEntry("details_entered", "no");
    assertThat(values("got a text asking her to verify her account"))
        .doesNotContainKey("details_entered");
  }

  @Test
  void giving_the_card_number_or_security_code_sets_card_details_given() {
    assertThat(values("she gave them her card number and the security code"))
        .containsEntry("card_details_given", "yes");
    assertThat(values("he entered his card details on the page"))
        .containsEntry("card_details_given", "yes");
    assertThat(values("he didn't give any card details")).containsEntry("card_details_given", "no");
    assertThat(values("he entered his password")).doesNotContainKey("card_details_given");
  }

  @Test
  void a_phishing_or_scam_message_received_is_not_itself_a_sign_of_fraud() {
    // The phishing play handles these; a guardrail on the word would send every report to the fraud
    // team.
    assertThat(values("phishing text pretending to be us, she didnt click anything"))
        .doesNotContainKey("suspected_fraud");
    assertThat(values("got a scam email asking for her PIN")).doesNotContainKey("suspected_fraud");
    assertThat(values("she was scammed out of £500")).containsEntry("suspected_fraud", "yes");
    assertThat(values("someone used his card in spain")).containsEntry("suspected_fraud", "yes");
  }

  @Test
  void a_bag_or_wallet_taken_with_the_card_in_it_means_the_card_is_gone() {
    assertThat(values("her handbag got snatched at the station, card was in it"))
        .containsEntry("card_in_possession", "no");
    assertThat(values("someone pinched his wallet on the train"))
        .containsEntry("card_in_possession", "no");
    assertThat(values("card got nicked from her coat")).containsEntry("card_in_possession", "no");
  }

  @Test
  void failing_security_while_asking_to_send_things_somewhere_new_is_suspected_fraud() {
    assertThat(
            values("couldnt answer the security questions, wants it paid to a different account"))
        .containsEntry("suspected_fraud", "yes");
    assertThat(
            values("asked to change the email on the account, date of birth he gave didnt match"))
        .containsEntry("suspected_fraud", "yes");
    assertThat(values("failed security, so we booked a callback"))
        .doesNotContainKey("suspected_fraud");
    assertThat(values("wants the refund on her new card, passed security"))
        .doesNotContainKey("suspected_fraud");
  }

  @Test
  void a_shock_a_thing_gives_is_a_safety_concern() {
    assertThat(values("the fan heater gave my husband a shock"))
        .containsEntry("safety_concern", "yes");
    assertThat(values("got a slight shock off the charger")).containsEntry("safety_concern", "yes");
    assertThat(values("the bill came as a shock to him")).doesNotContainKey("safety_concern");
  }

  @Test
  void an_order_gone_out_is_dispatched_and_a_payment_gone_out_is_not() {
    assertThat(values("the order hasnt gone out yet")).containsEntry("order_dispatched", "no");
    assertThat(values("parcel went out on monday")).containsEntry("order_dispatched", "yes");
    assertThat(values("the payment went out on friday")).doesNotContainKey("order_dispatched");
  }
}
