package dev.leeway.facts;

import static dev.leeway.facts.Reader.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrectionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "order total 120, sorry 102 | order_total | $102.00",
        "postage was 5.99, sorry 4.99 | shipping_cost | $4.99",
        "charged 35.50 - no wait, 53.50 | charge_amount | $53.50",
        "bought it 3 weeks ago, actually 4 | days_since_purchase | 28",
        "5 days late, sorry 6 | days_late | 6",
        "gold member, 2 weeks late, sorry 3 weeks | days_late | 21",
        "charged 18 on friday, sorry thursday | days_since_charge | 4",
        "delivered on the 2nd, my bad the 3rd | days_since_delivery | 12",
        "she's silver, sorry gold | membership_tier | gold",
        "tried 3 times, i mean 5 times | failed_attempts | 5",
        "2 items missing, sorry 3 | items_affected | 3",
        "sorry, 45 not 54 | amount | $45.00",
      })
  void the_value_after_a_correction_word_replaces_the_one_before(
      String text, String name, String value) {
    Map<String, String> read = values(text);
    assertThat(read).as(text).containsEntry(name, value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "typo earlier, order total is 84 not 48",
        "sorry, 45.99 not 54.99",
      })
  void a_not_after_a_correction_word_is_no_price_difference(String text) {
    assertThat(values(text)).as(text).doesNotContainKey("price_difference").hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ordered 2 weeks ago, actually it arrived yesterday | days_since_order | 14",
        "actually she was charged $45 | charge_amount | $45.00",
      })
  void a_value_with_words_of_its_own_corrects_only_its_own_fact(
      String text, String name, String value) {
    assertThat(values(text)).as(text).containsEntry(name, value);
  }
}
