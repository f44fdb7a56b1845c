package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which texts are too vague to pick a play, over a small pack of analysed examples. */
class WordSpreadTest {

  // Nine plays, two examples each. "refund" is in four plays' examples, "card" in three, "decline"
  // only with "card" in play 4, and "customer" and "want" in five, more than half the plays.
  private static final String[][][] PACK = {
    {{"customer", "want", "refund", "return"}, {"refund", "not", "arrive"}},
    {{"merchant", "refund", "dispute"}, {"customer", "want", "chargeback"}},
    {{"close", "account", "refund", "balance"}, {"customer", "want", "delete", "datum"}},
    {{"renewal", "charge", "refund"}, {"customer", "want", "cancel", "renewal"}},
    {{"card", "decline", "shop"}, {"customer", "want", "card", "work"}},
    {{"card", "lose"}, {"block", "card", "stolen"}},
    {{"card", "arrive", "late"}, {"parcel", "late"}},
    {{"password", "reset"}, {"login", "fail"}},
    {{"outage", "area"}, {"internet", "down"}},
  };

  private static final WordSpread SPREAD = spread();

  private static WordSpread spread() {
    List<List<String>> examples = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int p = 0; p < PACK.length; p++) {
      for (String[] example : PACK[p]) {
        examples.add(List.of(example));
        owners.add(p);
      }
    }
    return WordSpread.of(
        examples, owners.stream().mapToInt(Integer::intValue).toArray(), PACK.length);
  }

  /** Each term a word of its own, as analysis gives them with no synonyms. */
  private static List<List<String>> words(String... terms) {
    return Arrays.stream(terms).map(List::of).toList();
  }

  private static BitSet plays(int... ids) {
    BitSet set = new BitSet();
    Arrays.stream(ids).forEach(set::set);
    return set;
  }

  @Test
  void one_word_that_many_plays_use_is_vague_and_names_those_plays() {
    assertThat(SPREAD.vaguePlays(words("refund"))).isEqualTo(plays(0, 1, 2, 3));
    assertThat(SPREAD.vaguePlays(words("card"))).isEqualTo(plays(4, 5, 6));
  }

  @Test
  void one_word_that_few_plays_use_pins_them_down() {
    assertThat(SPREAD.vaguePlays(words("late"))).isEqualTo(plays());
    assertThat(SPREAD.vaguePlays(words("dispute"))).isEqualTo(plays());
  }

  @Test
  void two_words_are_left_to_the_classifier_however_widely_each_is_used() {
    assertThat(SPREAD.vaguePlays(words("card", "decline"))).isEqualTo(plays());
    assertThat(SPREAD.vaguePlays(words("refund", "card"))).isEqualTo(plays());
    // With many examples a play, most words of a short question are used by a few plays: still a
    // description.
    assertThat(SPREAD.vaguePlays(words("customer", "want", "refund"))).isEqualTo(plays());
  }

  @Test
  void stop_words_do_not_count_and_a_word_most_plays_use_says_nothing() {
    assertThat(SPREAD.vaguePlays(words("the", "refund"))).isEqualTo(plays(0, 1, 2, 3));
    assertThat(SPREAD.vaguePlays(words("customer"))).isEqualTo(plays());
  }

  @Test
  void a_word_no_example_uses_still_counts_as_a_word() {
    assertThat(SPREAD.vaguePlays(words("refund", "asap"))).isEqualTo(plays());
    assertThat(SPREAD.vaguePlays(words("asap"))).isEqualTo(plays());
  }

  @Test
  void a_word_with_synonyms_stacked_on_it_is_used_by_the_examples_that_have_them_all() {
    // Analysis stacks the same group on "refund" in a text and in an example; "return" alone is no
    // refund.
    assertThat(SPREAD.vaguePlays(List.of(List.of("refund", "return")))).isEqualTo(plays());
    assertThat(SPREAD.vaguePlays(List.of(List.of("refund", "not")))).isEqualTo(plays(0, 1, 2, 3));
  }
}
