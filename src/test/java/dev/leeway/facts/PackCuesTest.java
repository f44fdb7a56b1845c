package dev.leeway.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pack's own words for its facts are read without a code change, and its enums are respected. */
class PackCuesTest {

  private static final FactExtractor EXTRACTOR =
      Reader.EXTRACTOR.withPackCues(
          PackCues.of(
              List.of(
                  new FactSpec(
                      "membership_tier",
                      FactType.ENUM,
                      "Which level?",
                      List.of("guest", "bronze", "silver", "gold"),
                      null,
                      null,
                      Map.of(
                          "guest",
                          List.of("guest checkout", "no account"),
                          "bronze",
                          List.of("bronze member", "bronze"))),
                  new FactSpec(
                      "overnight_stay",
                      FactType.BOOLEAN,
                      "Overnight?",
                      List.of(),
                      null,
                      null,
                      Map.of(
                          "true",
                          List.of("stuck overnight", "overnight", "can't get home"),
                          "false",
                          List.of("same day"))))));

  private static Optional<FactValue> read(String text, String fact) {
    return EXTRACTOR.extract(text, LocalDate.of(2026, 6, 15), 1).stream()
        .filter(f -> f.name().equals(fact))
        .map(Fact::value)
        .findFirst();
  }

  @Test
  void a_cue_with_an_apostrophe_is_read_as_agents_type_it_with_or_without_one() {
    for (String text :
        List.of(
            "she can't get home tonight",
            "she cant get home tonight",
            "she can’t get home tonight",
            "he CANT GET HOME")) {
      assertThat(read(text, "overnight_stay")).as(text).contains(new FactValue.Flag(true));
    }
    // The apostrophe may go, not the letters round it.
    assertThat(read("she can get home tonight", "overnight_stay")).isEmpty();
  }

  @Test
  void reads_an_enum_value_from_the_packs_own_words() {
    assertThat(read("she's a bronze member and wants to return a coat", "membership_tier"))
        .contains(new FactValue.Text("bronze"));
    assertThat(read("ordered as a guest checkout last week", "membership_tier"))
        .contains(new FactValue.Text("guest"));
  }

  @Test
  void keeps_the_words_that_justify_the_reading() {
    Fact fact =
        EXTRACTOR
            .extract("Bronze  member, bought it 3 days ago", LocalDate.of(2026, 6, 15), 1)
            .stream()
            .filter(f -> f.name().equals("membership_tier"))
            .findFirst()
            .orElseThrow();
    assertThat(fact.source())
        .isInstanceOfSatisfying(
            FactSource.Text.class, t -> assertThat(t.span()).isEqualTo("Bronze  member"));
  }

  @Test
  void a_negated_enum_cue_sets_nothing() {
    assertThat(read("she is not a bronze member", "membership_tier")).isEmpty();
  }

  @Test
  void reads_a_boolean_cue_and_its_negation() {
    assertThat(read("flight cancelled and they were stuck overnight in Lisbon", "overnight_stay"))
        .contains(new FactValue.Flag(true));
    assertThat(read("delay but not overnight", "overnight_stay"))
        .contains(new FactValue.Flag(false));
    assertThat(read("rebooked on a flight the same day", "overnight_stay"))
        .contains(new FactValue.Flag(false));
  }

  @Test
  void a_value_the_packs_enum_does_not_have_is_dropped() {
    // The built-in finder reads "platinum" as a tier; this pack has no platinum level.
    assertThat(read("platinum member, parcel missing", "membership_tier")).isEmpty();
    assertThat(read("gold member, parcel missing", "membership_tier"))
        .contains(new FactValue.Text("gold"));
  }
}
