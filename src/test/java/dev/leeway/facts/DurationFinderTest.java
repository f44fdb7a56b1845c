package dev.leeway.facts;

import static dev.leeway.facts.Reader.TODAY;
import static dev.leeway.facts.Reader.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurationFinderTest {

  private static List<TimeSpan> spans(String text) {
    return DurationFinder.find(message(text), TODAY);
  }

  private static TimeSpan only(String text) {
    List<TimeSpan> found = spans(text);
    assertThat(found).as(text).hasSize(1);
    return found.get(0);
  }

  @Test
  void counts_units_in_days() {
    assertThat(only("3 days ago").days()).isEqualTo(3);
    assertThat(only("2 weeks ago").days()).isEqualTo(14);
    assertThat(only("a fortnight ago").days()).isEqualTo(14);
    assertThat(only("a month ago").days()).isEqualTo(30);
    assertThat(only("18 months ago").days()).isEqualTo(540);
    assertThat(only("last year").days()).isEqualTo(365);
  }

  @Test
  void ago_places_a_point_in_the_past_and_its_span_ends_after_ago() {
    TimeSpan span = only("bought it 3 weeks ago");
    assertThat(span.form()).isEqualTo(TimeSpan.Form.AGO);
    assertThat(span.days()).isEqualTo(21);
    assertThat(span.start()).isEqualTo(10);
    assertThat(span.end()).isEqualTo(21);
  }

  @Test
  void reads_vague_quantities_by_the_conventions() {
    assertThat(only("a couple of days ago").days()).isEqualTo(2);
    assertThat(only("a few days ago").days()).isEqualTo(3);
    assertThat(only("an hour").hours()).isEqualTo(1);
    assertThat(only("ten days ago").days()).isEqualTo(10);
  }

  @Test
  void reads_day_words() {
    assertThat(only("yesterday").days()).isEqualTo(1);
    assertThat(only("today").days()).isZero();
    assertThat(only("last week").days()).isEqualTo(7);
    assertThat(only("last month").days()).isEqualTo(30);
    assertThat(only("tomorrow").ahead()).isEqualTo(1);
  }

  @Test
  void counts_an_absolute_date_back_to_its_latest_past_occurrence() {
    assertThat(only("on 3 March").days()).isEqualTo(104);
    assertThat(only("on March 3rd").days()).isEqualTo(104);
    assertThat(only("2026-03-03").days()).isEqualTo(104);
    // 20 June has not come yet this year, so it is last year's.
    assertThat(only("on 20 June").days()).isEqualTo(360);
  }

  @Test
  void counts_a_day_of_the_month_back_into_this_or_last_month() {
    assertThat(only("on the 1st").days()).isEqualTo(14);
    assertThat(only("on the 20th").days()).isEqualTo(26);
  }

  @Test
  void the_third_time_is_not_a_date() {
    assertThat(spans("this is the 3rd time")).isEmpty();
  }

  @Test
  void reads_weekdays_back_and_forward() {
    // Today is a Monday.
    TimeSpan tuesday = only("on Tuesday");
    assertThat(tuesday.days()).isEqualTo(6);
    assertThat(tuesday.ahead()).isEqualTo(1);
    assertThat(only("last Monday").days()).isEqualTo(7);
    assertThat(only("next Tuesday").ahead()).isEqualTo(1);
  }

  @Test
  void since_a_year_counts_whole_months_from_the_first_of_january() {
    TimeSpan since = only("customer since 2019");
    assertThat(since.form()).isEqualTo(TimeSpan.Form.SINCE);
    assertThat(since.months()).isEqualTo(89);
  }

  @Test
  void in_n_days_is_ahead() {
    TimeSpan span = only("in 3 days");
    assertThat(span.form()).isEqualTo(TimeSpan.Form.AHEAD);
    assertThat(span.ahead()).isEqualTo(3);
  }

  @Test
  void a_length_keeps_hours_and_months() {
    assertThat(only("for 6 hours").hours()).isEqualTo(6);
    assertThat(only("for 2 days").hours()).isEqualTo(48);
    assertThat(only("for 3 years").months()).isEqualTo(36);
  }

  @Test
  void a_price_per_month_and_a_contract_term_are_not_time() {
    assertThat(spans("pays $30 a month")).isEmpty();
    assertThat(spans("wants the 12 month contract")).isEmpty();
  }

  @Test
  void last_weekday_is_that_day_of_the_week_before() {
    java.time.LocalDate wednesday = java.time.LocalDate.of(2026, 6, 17);
    List<TimeSpan> found = DurationFinder.find(message("last tuesday"), wednesday);
    assertThat(found).singleElement().satisfies(s -> assertThat(s.days()).isEqualTo(8));
    // Without "last", the latest Tuesday: yesterday.
    assertThat(DurationFinder.find(message("on tuesday"), wednesday))
        .singleElement()
        .satisfies(s -> assertThat(s.days()).isEqualTo(1));
    // On a Monday both are six days back.
    assertThat(only("last tuesday").days()).isEqualTo(6);
    assertThat(only("last sunday").days()).isEqualTo(1);
  }

  @Test
  void short_day_names_count_after_a_preposition_or_alone() {
    assertThat(only("got the parcel on sat").days()).isEqualTo(2);
    assertThat(only("last thurs").days()).isEqualTo(4);
    assertThat(only("tues").days()).isEqualTo(6);
    assertThat(spans("it sat in the depot for ages")).isEmpty();
  }

  @Test
  void a_day_of_a_named_month_is_counted_from_that_month() {
    assertThat(only("ordered the 3rd of last month").days()).isEqualTo(43);
    assertThat(only("billed on the 3rd of this month").days()).isEqualTo(12);
    assertThat(only("the 20th of next month").ahead()).isEqualTo(35);
    assertThat(spans("the 31st of this month")).isEmpty();
  }

  @Test
  void later_counts_on_from_the_date_before_it() {
    List<TimeSpan> found = spans("ordered on the 1st, arrived 4 days later");
    assertThat(found).extracting(TimeSpan::days).containsExactly(14L, 10L);
    assertThat(spans("4 days later and still no refund")).isEmpty();
  }

  @Test
  void shorthand_day_words_count() {
    assertThat(only("delivered yday").days()).isEqualTo(1);
    assertThat(only("appt is tmrw").ahead()).isEqualTo(1);
    assertThat(only("2 mnths ago").days()).isEqualTo(60);
  }
}
