package dev.leeway.facts;

import static dev.leeway.facts.Reader.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BareAmountsTest {

  private static List<String> amounts(String text, String currency) {
    return MoneyFinder.find(message(text), currency).stream()
        .map(a -> a.value().toPlainString() + " " + a.currency())
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "it was 54.99, arrived smashed | 54.99 GBP",
        "charged her 45 twice | 45 GBP",
        "refund of 35 still not showing | 35 GBP",
        "basket is 145 | 145 GBP",
        "the 15 delivery fee | 15 GBP",
        "it's 30 cheaper at argos | 30 GBP",
        "bought it 40 days ago for 250 | 250 GBP",
        "direct debit of 32 bounced | 32 GBP",
        "paid 2,400 for the sofa | 2400 GBP",
        "top up of 20 didn't go through | 20 GBP",
        "never took it in, order 25, happened once before | 25 GBP",
        "wrong size sent, order 89 | 89 GBP",
        "wants it cancelled, hasnt shipped, 189 | 189 GBP",
        "delivered 10 weeks ago, 89. | 89 GBP",
        "still not dispatched, 120 total | 120 GBP",
        "charger missing, thats 29 on its own | 29 GBP",
        "they were 95, paid on card | 95 GBP",
        "we charged delivery on a 62 order | 62 GBP",
        "theres a 45 move fee showing | 45 GBP",
        "charged 2.85 foreign fee on a hotel | 2.85 GBP",
        "had to pay 38 import vat to the courier | 38 GBP",
        "wants the 15 difference back | 15 GBP",
        "has 12 left on his balance | 12 GBP",
        "quote to fix is 120 | 120 GBP",
        "e-gift card for 50 says already redeemed | 50 GBP",
      })
  void a_number_the_words_make_money_is_in_the_currency_given(String text, String amount) {
    assertThat(amounts(text, "GBP")).as(text).containsExactly(amount);
  }

  @Test
  void two_numbers_set_against_each_other_about_a_price_are_both_money() {
    assertThat(amounts("tv was 499 now 449 on the site, she bought it last week", "USD"))
        .containsExactly("499 USD", "449 USD");
    assertThat(amounts("she was charged 60 not 48", "USD")).containsExactly("60 USD", "48 USD");
    assertThat(amounts("renewal was 120 last year, now 150", "USD"))
        .containsExactly("120 USD", "150 USD");
  }

  @Test
  void a_number_without_currency_takes_the_one_the_other_amounts_share() {
    assertThat(amounts("paid 45 euros, charged 54", "USD")).containsExactly("45 EUR", "54 EUR");
    assertThat(amounts("paid 45 euros and £20, charged 54", "USD")).contains("54 USD");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order 48213 still not here",
        "tried 4 times to log in",
        "charged 3 times",
        "paid for 2 of the 4 mugs",
        "paying for 200mbps getting 20",
        "flat 4, 27 mill road",
        "she's 87 and lives alone",
        "call back on 07700 900123 after 5",
        "size 10 sent instead of 12, wants an exchange",
        "callback at 3.30 please",
        "tv is 55 inch and the wall bracket was 120",
        "customer's had 3 faulty kettles",
        "order 2 of 3 never came",
        "left with the neighbour at no 12",
        "wants a callback after 5",
        "there were 3, all broken",
        "tried twice, now 3",
        "has 2 left on the shelf",
        "card for 2 weeks",
      })
  void a_number_that_counts_or_names_something_is_not_money(String text) {
    assertThat(amounts(text, "USD")).as(text).isEmpty();
  }

  @Test
  void a_number_read_as_money_counts_nothing() {
    assertThat(Reader.values("the 25 restocking charge is wrong"))
        .containsEntry("fee_amount", "$25.00")
        .doesNotContainKey("items_affected");
  }
}
