package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NewCaseCuesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "next one: parcel says delivered but she never got it|parcel says delivered but she never got it",
        "Different customer - she was charged twice|she was charged twice",
        "new call, card declined at the till|card declined at the till",
        "ok so another customer says his router is smoking|says his router is smoking",
        "right, got a different caller: gift card won't work|gift card won't work",
        "next customer|''",
        "New case.|''",
        "another one: wrong item in the box|wrong item in the box",
        "diff cust - wants to move his engineer appt|wants to move his engineer appt",
        "diff. cx: card blocked abroad|card blocked abroad",
        "nxt caller, refund not showing|refund not showing",
        "another cx - parcel missing|parcel missing",
      })
  void a_cue_at_the_start_opens_a_case_and_the_rest_is_its_first_message(String text, String rest) {
    assertThat(NewCaseCues.find(text))
        .get()
        .satisfies(cue -> assertThat(cue.rest()).isEqualTo(rest));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "new customer discount was not applied at checkout",
        "new call plan costs more than she was told",
        "another one arrived broken too",
        "she wants to speak to a different customer service agent",
        "kettle arrived smashed, next one she orders will be gold",
        "the next day it stopped working",
        "diff customer service agent told her otherwise",
        "different customer service agent told her otherwise",
      })
  void the_same_words_inside_a_situation_are_no_cue(String text) {
    assertThat(NewCaseCues.find(text)).isEmpty();
  }
}
