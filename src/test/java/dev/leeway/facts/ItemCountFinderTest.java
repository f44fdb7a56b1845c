package dev.leeway.facts;

import static dev.leeway.facts.Reader.fact;
import static dev.leeway.facts.Reader.source;
import static dev.leeway.facts.Reader.values;
import static dev.leeway.facts.Reader.whole;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemCountFinderTest {

  @Test
  void two_of_the_items_is_two_with_its_span() {
    Fact fact = fact("order total was $240 and two of the items arrived damaged", "items_affected");
    assertThat(fact.value()).isEqualTo(whole(2));
    assertThat(source(fact).span()).isEqualTo("two of the items arrived damaged");
    assertThat(source(fact).start()).isEqualTo(25);
  }

  @Test
  void counts_affected_items() {
    assertThat(values("3 items missing from my order")).containsEntry("items_affected", "3");
    assertThat(values("two of the items arrived damaged")).containsEntry("items_affected", "2");
    assertThat(values("missing 2 items from the delivery")).containsEntry("items_affected", "2");
    assertThat(values("two damaged items")).containsEntry("items_affected", "2");
    assertThat(values("4 out of 6 plates arrived broken")).containsEntry("items_affected", "4");
    assertThat(values("only one of the items was wrong")).containsEntry("items_affected", "1");
  }

  @Test
  void items_with_nothing_wrong_are_not_affected() {
    assertThat(values("3 items in her basket")).isEmpty();
    assertThat(values("wants it sent to a pickup point, the order is 3 items")).isEmpty();
    assertThat(values("missing 500 points from a purchase")).isEmpty();
  }

  @Test
  void an_amount_is_not_a_count_of_items() {
    assertThat(values("$2 items missing")).doesNotContainKey("items_affected");
  }
}
