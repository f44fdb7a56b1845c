package dev.leeway.facts;

import static dev.leeway.facts.Reader.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyFinderTest {

  private static List<MoneyFinder.Amount> amounts(String text) {
    return MoneyFinder.find(message(text));
  }

  private static MoneyFinder.Amount only(String text) {
    List<MoneyFinder.Amount> found = amounts(text);
    assertThat(found).as(text).hasSize(1);
    return found.get(0);
  }

  @Test
  void reads_a_dollar_sign_amount_with_its_span() {
    MoneyFinder.Amount amount = only("refund the $80 please");
    assertThat(amount.value()).isEqualByComparingTo("80");
    assertThat(amount.currency()).isEqualTo("USD");
    assertThat(amount.start()).isEqualTo(11);
    assertThat(amount.end()).isEqualTo(14);
  }

  @Test
  void reads_thousands_separators_and_cents() {
    assertThat(only("the fridge was $1,200.50").value()).isEqualTo(new BigDecimal("1200.50"));
  }

  @Test
  void reads_eur_before_the_amount() {
    MoneyFinder.Amount amount = only("EUR 45.50 taken twice");
    assertThat(amount.value()).isEqualTo(new BigDecimal("45.50"));
    assertThat(amount.currency()).isEqualTo("EUR");
    assertThat(amount.start()).isZero();
    assertThat(amount.end()).isEqualTo(9);
  }

  @Test
  void reads_currency_words_after_the_amount() {
    assertThat(only("80 bucks").currency()).isEqualTo("USD");
    assertThat(only("45.50 euros").currency()).isEqualTo("EUR");
    assertThat(only("12 quid").currency()).isEqualTo("GBP");
    assertThat(only("12 pounds").currency()).isEqualTo("GBP");
    assertThat(only("charged 80 usd").currency()).isEqualTo("USD");
    assertThat(only("GBP 12 fee").currency()).isEqualTo("GBP");
  }

  @Test
  void reads_pound_and_euro_signs() {
    assertThat(only("£12.50 postage").currency()).isEqualTo("GBP");
    assertThat(only("€45 fee").currency()).isEqualTo("EUR");
    assertThat(only("paid 45€ for it").value()).isEqualByComparingTo("45");
  }

  @Test
  void reads_whole_amounts_in_words() {
    assertThat(only("fifty dollars").value()).isEqualByComparingTo("50");
    assertThat(only("twenty quid").value()).isEqualByComparingTo("20");
    assertThat(only("twenty-five pounds").value()).isEqualByComparingTo("25");
    assertThat(only("two hundred and fifty dollars").value()).isEqualByComparingTo("250");
    assertThat(only("a hundred euros").value()).isEqualByComparingTo("100");
    assertThat(only("three thousand dollars").value()).isEqualByComparingTo("3000");
  }

  @Test
  void word_amount_span_covers_the_words_and_the_currency() {
    MoneyFinder.Amount amount = only("she wants twenty quid back");
    assertThat(amount.start()).isEqualTo(10);
    assertThat(amount.end()).isEqualTo(21);
  }

  @Test
  void reads_a_european_decimal_comma() {
    assertThat(only("€45,50 paid").value()).isEqualTo(new BigDecimal("45.50"));
  }

  @Test
  void reads_k_as_thousands() {
    assertThat(only("a $1.2k charge").value()).isEqualByComparingTo("1200");
  }

  @Test
  void order_numbers_are_not_money() {
    assertThat(amounts("order #12345 placed, ref 4421")).isEmpty();
  }

  @Test
  void bare_numbers_are_not_money() {
    assertThat(amounts("she wants 20 back")).isEmpty();
    assertThat(amounts("is it 14.99 or 19.99 a month now")).isEmpty();
    assertThat(amounts("two identical payments of 24.99")).isEmpty();
  }

  @Test
  void a_lone_a_before_a_currency_word_is_not_an_amount() {
    assertThat(amounts("it costs a dollar more")).isEmpty();
  }

  @Test
  void finds_every_amount_in_order() {
    assertThat(amounts("order was $150 and she was charged $165"))
        .extracting(MoneyFinder.Amount::value)
        .containsExactly(new BigDecimal("150"), new BigDecimal("165"));
  }
}
