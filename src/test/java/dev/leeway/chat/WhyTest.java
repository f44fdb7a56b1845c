package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A check's explanation put in the pack's own words: each fact by its question. */
class WhyTest {

  private static final Map<String, FactSpec> FACTS =
      Map.of(
          "has_photo",
          new FactSpec("has_photo", FactType.BOOLEAN, "Can the customer send a photo?", List.of()),
          "days_since_delivery",
          new FactSpec(
              "days_since_delivery",
              FactType.DAYS,
              "How many days ago was it delivered?",
              List.of()),
          "delivery",
          new FactSpec("delivery", FactType.TEXT, "Which delivery?", List.of()),
          "membership_tier",
          new FactSpec(
              "membership_tier",
              FactType.ENUM,
              "Which tier is the customer?",
              List.of("none", "gold")));

  @Test
  void a_fact_and_its_value_read_as_the_question_and_its_answer() {
    assertThat(Why.asked("has photo is no; needs yes", FACTS))
        .isEqualTo("Can the customer send a photo? No; needs yes");
  }

  @Test
  void every_fact_of_an_alternative_is_put_as_its_question() {
    assertThat(
            Why.asked(
                "days since delivery is 45; needs at most 30 or membership tier is none", FACTS))
        .isEqualTo(
            "How many days ago was it delivered? 45; needs at most 30 or Which tier is the"
                + " customer? None");
  }

  @Test
  void an_unknown_fact_is_its_question_not_known_yet() {
    assertThat(Why.asked("days since delivery not known", FACTS))
        .isEqualTo("How many days ago was it delivered? Not known yet");
  }

  @Test
  void a_shorter_name_inside_a_longer_one_is_left_to_the_longer() {
    assertThat(Why.asked("days since delivery is 3", FACTS))
        .isEqualTo("How many days ago was it delivered? 3");
  }

  @Test
  void words_that_name_no_fact_are_kept() {
    assertThat(Why.asked("$80.00 is within your limit of $75.00", FACTS))
        .isEqualTo("$80.00 is within your limit of $75.00");
  }
}
