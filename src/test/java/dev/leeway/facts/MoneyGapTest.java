package dev.leeway.facts;

import static dev.leeway.facts.Reader.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** "Paid £60 instead of £48": the amount in question is the £12 between them. */
class MoneyGapTest {

  private static Optional<Fact> difference(String text) {
    return read(text).stream().filter(f -> f.name().equals("price_difference")).findFirst();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "promo code didnt work, she paid £60 instead of £48",
        "she was charged £60 rather than £48",
        "bill came to £60 when it should have been £48",
        "paid £48 instead of £60 he says, wrong way round",
        "now paying £60 a month instead of £48",
        "cheaper elsewhere: £48 vs £60",
        "tv was £60 last week, now £48 on the website, wants the difference",
        "the price went from £60 to £48",
        "price dropped from £60 to £48 two days after she bought it",
      })
  void two_amounts_set_against_each_other_give_their_difference(String text) {
    assertThat(difference(text))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("£12.00"));
  }

  @Test
  void the_difference_is_sourced_from_both_amounts_and_the_words_between() {
    String text = "promo code didnt work, she paid £60 instead of £48";
    FactSource.Text source = (FactSource.Text) difference(text).orElseThrow().source();
    assertThat(source.span()).isEqualTo("£60 instead of £48");
  }

  @Test
  void the_amounts_keep_their_own_names() {
    List<Fact> facts = read("she was charged $60 instead of $48");
    assertThat(facts).extracting(Fact::name).contains("charge_amount", "price_difference");
    assertThat(
            facts.stream()
                .filter(f -> f.name().equals("charge_amount"))
                .findFirst()
                .orElseThrow()
                .value()
                .display())
        .isEqualTo("$60.00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "charged $60 on Monday and $48 on Tuesday",
        "paid £60 instead of €48",
        "order was $60, she paid $48 instead of waiting",
        "£60 order, wants £48 back",
        "paid £60 in March, now wants £48 back",
        "refund of £60 to her card and £48 to the gift card",
      })
  void amounts_not_set_against_each_other_give_no_difference(String text) {
    assertThat(difference(text)).isEmpty();
  }
}
