package dev.leeway.facts;

import static dev.leeway.facts.Reader.fact;
import static dev.leeway.facts.Reader.source;
import static dev.leeway.facts.Reader.values;
import static dev.leeway.facts.Reader.whole;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationNamerTest {

  @Test
  void ordered_weeks_ago_is_days_since_order_and_the_span_covers_event_and_time() {
    Fact fact = fact("cust ordered 2 weeks ago and it still hasnt shipped", "days_since_order");
    assertThat(fact.value()).isEqualTo(whole(14));
    assertThat(source(fact).span()).isEqualTo("ordered 2 weeks ago");
    assertThat(source(fact).start()).isEqualTo(5);
  }

  @Test
  void names_past_events_by_their_verbs() {
    assertThat(values("bought it last month")).containsEntry("days_since_purchase", "30");
    assertThat(values("parcel arrived 2 days ago")).containsEntry("days_since_delivery", "2");
    assertThat(values("he returned it 2 weeks ago")).containsEntry("days_since_return", "14");
    assertThat(values("payment taken 5 days ago")).containsEntry("days_since_charge", "5");
    assertThat(values("placed the order on the 1st")).containsEntry("days_since_order", "14");
  }

  @Test
  void an_upgrade_or_renewal_is_dated_as_the_charge_it_brought() {
    assertThat(values("she upgraded by mistake 3 days ago"))
        .containsEntry("days_since_charge", "3");
    assertThat(values("the plan renewed 2 days ago")).containsEntry("days_since_charge", "2");
  }

  @Test
  void each_date_goes_to_the_event_told_before_it() {
    assertThat(values("bought it on 10 May and returned it on the 1st"))
        .containsEntry("days_since_purchase", "36")
        .containsEntry("days_since_return", "14");
  }

  @Test
  void a_negated_event_is_not_dated() {
    assertThat(values("sent out on 5 June and still hasn't arrived"))
        .doesNotContainKey("days_since_delivery");
  }

  @Test
  void late_after_a_length_is_days_late() {
    assertThat(values("gold member, parcel 5 days late")).containsEntry("days_late", "5");
    assertThat(values("delivery is a week late")).containsEntry("days_late", "7");
    assertThat(values("package is delayed by 2 days")).containsEntry("days_late", "2");
  }

  @Test
  void should_have_arrived_ago_is_days_late() {
    assertThat(values("parcel should have arrived 4 days ago")).containsEntry("days_late", "4");
  }

  @Test
  void overdue_bills_are_days_overdue_but_overdue_deliveries_are_late() {
    assertThat(values("bill is 20 days overdue")).containsEntry("days_overdue", "20");
    assertThat(values("3 weeks behind on payments")).containsEntry("days_overdue", "21");
    assertThat(values("her bill is 10 days late")).containsEntry("days_overdue", "10");
    assertThat(values("the delivery is 5 days overdue")).containsEntry("days_late", "5");
  }

  @Test
  void a_time_ahead_near_an_appointment_counts_forward() {
    assertThat(values("engineer visit in 3 days")).containsEntry("days_until_appointment", "3");
    assertThat(values("engineer coming on Thursday")).containsEntry("days_until_appointment", "3");
    assertThat(values("appointment is in a fortnight"))
        .containsEntry("days_until_appointment", "14");
    assertThat(values("appointment on the 20th")).containsEntry("days_until_appointment", "5");
  }

  @Test
  void a_time_ahead_with_no_appointment_is_not_a_fact() {
    assertThat(values("moving house in 2 weeks")).isEmpty();
  }

  @Test
  void tenure_reads_in_months() {
    assertThat(values("customer since 2019")).containsEntry("tenure_months", "89");
    assertThat(values("he's been a customer for 6 years")).containsEntry("tenure_months", "72");
    assertThat(values("been with us for 18 months")).containsEntry("tenure_months", "18");
    assertThat(values("10 year customer")).containsEntry("tenure_months", "120");
  }

  @Test
  void outages_read_in_hours() {
    assertThat(values("no internet for 3 days")).containsEntry("outage_hours", "72");
    assertThat(values("broadband down for 6 hours")).containsEntry("outage_hours", "6");
    assertThat(values("no internet since yesterday")).containsEntry("outage_hours", "24");
  }

  @Test
  void a_duration_with_no_event_is_not_a_fact() {
    assertThat(values("used it for a month and then the motor stopped"))
        .doesNotContainKeys("days_since_purchase");
    assertThat(values("lost parcel, no tracking updates for a week")).isEmpty();
  }

  @Test
  void the_couriers_status_dates_the_delivery_the_plays_count_from() {
    // Today is Monday 15 June, so Friday was 3 days ago; receipt itself is another matter.
    assertThat(values("tracking said delivered on Friday but it isn't there"))
        .containsEntry("days_since_delivery", "3");
    assertThat(values("tracking says delivered to a safe place 3 days ago, nothing there"))
        .containsEntry("days_since_delivery", "3");
  }

  @Test
  void getting_a_thing_on_a_day_is_its_delivery() {
    // Monday 15 June 2026: Friday is the 12th.
    assertThat(values("cust got his new phone on friday, screen flickers"))
        .containsEntry("days_since_delivery", "3");
    assertThat(values("she got the rug 5 days ago and it smells"))
        .containsEntry("days_since_delivery", "5");
    // News, money or a message got is no delivery.
    assertThat(values("she got her refund on friday")).doesNotContainKey("days_since_delivery");
    assertThat(values("he got the email 2 days ago")).doesNotContainKey("days_since_delivery");
  }
}
