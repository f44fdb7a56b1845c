package dev.leeway.facts;

import static dev.leeway.facts.Reader.fact;
import static dev.leeway.facts.Reader.source;
import static dev.leeway.facts.Reader.values;
import static dev.leeway.facts.Reader.whole;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountFinderTest {

  @Test
  void third_time_is_three_with_its_span() {
    Fact fact = fact("this is the third time she's called", "times_this_happened");
    assertThat(fact.value()).isEqualTo(whole(3));
    assertThat(source(fact).span()).isEqualTo("third time");
    assertThat(source(fact).start()).isEqualTo(12);
    assertThat(fact.confidence()).isEqualTo(1.0);
  }

  @Test
  void reads_ordinals_and_multiples() {
    assertThat(values("3rd time this month")).containsEntry("times_this_happened", "3");
    assertThat(values("first time anything like this has happened"))
        .containsEntry("times_this_happened", "1");
    assertThat(values("he was charged twice")).containsEntry("times_this_happened", "2");
    assertThat(values("got billed 3 times for one month"))
        .containsEntry("times_this_happened", "3");
    assertThat(values("engineer has cancelled two times now"))
        .containsEntry("times_this_happened", "2");
  }

  @Test
  void again_reads_as_a_second_time_with_low_confidence() {
    Fact fact = fact("parcel lost again", "times_this_happened");
    assertThat(fact.value()).isEqualTo(whole(2));
    assertThat(fact.confidence()).isEqualTo(0.6);
    assertThat(source(fact).span()).isEqualTo("again");
  }

  @Test
  void happened_before_reads_as_a_second_time_with_low_confidence() {
    Fact fact = fact("cust says this happened before", "times_this_happened");
    assertThat(fact.value()).isEqualTo(whole(2));
    assertThat(fact.confidence()).isEqualTo(0.6);
  }

  @Test
  void an_explicit_count_beats_again() {
    assertThat(fact("again, for the third time", "times_this_happened").value())
        .isEqualTo(whole(3));
  }

  @Test
  void not_the_first_time_is_not_one() {
    assertThat(values("it's not the first time")).containsEntry("times_this_happened", "2");
  }

  @Test
  void try_again_is_not_a_repeat() {
    assertThat(values("she wants to try again tomorrow")).isEmpty();
  }

  @Test
  void n_times_before_counts_this_one_too() {
    assertThat(values("it has happened twice before")).containsEntry("times_this_happened", "3");
  }

  @Test
  void tries_and_failures_are_failed_attempts() {
    assertThat(values("tried my password 4 times and now I'm locked out"))
        .containsOnlyKeys("failed_attempts");
    assertThat(values("tried my password 4 times")).containsEntry("failed_attempts", "4");
    assertThat(values("5 failed login attempts")).containsEntry("failed_attempts", "5");
    assertThat(values("two failed logins from abroad")).containsEntry("failed_attempts", "2");
    assertThat(values("payment declined 3 times at checkout"))
        .containsEntry("failed_attempts", "3");
    assertThat(values("she's locked out after 5 attempts")).containsEntry("failed_attempts", "5");
  }

  @Test
  void wrong_goes_and_an_ordinal_attempt_count_the_attempts() {
    assertThat(values("locked out after 4 wrong goes at her pin"))
        .containsEntry("failed_attempts", "4");
    assertThat(values("three bad goes at the password and it locked"))
        .containsEntry("failed_attempts", "3");
    assertThat(values("courier says it was their 2nd attempt"))
        .containsEntry("failed_attempts", "2");
    assertThat(values("this is the third try at paying")).containsEntry("failed_attempts", "3");
    assertThat(values("she has 2 goes left on the game voucher"))
        .doesNotContainKey("failed_attempts");
  }

  @Test
  void never_happened_before_is_the_first_time() {
    assertThat(values("this has never happened to him before"))
        .containsEntry("times_this_happened", "1");
    assertThat(values("parcel went missing, hasnt happened before"))
        .containsEntry("times_this_happened", "1");
    assertThat(values("it happened before with her last order"))
        .containsEntry("times_this_happened", "2");
  }
}
