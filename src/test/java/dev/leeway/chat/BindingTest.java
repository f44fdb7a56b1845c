package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.facts.FactExtractor;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether the words after a yes or no are about the question asked. */
class BindingTest {

  static final FactSpec VERIFIED =
      new FactSpec(
          "identity_verified",
          FactType.BOOLEAN,
          "Has the customer passed full ID and verification?",
          List.of());
  static final FollowUp.AskFact ASK =
      new FollowUp.AskFact("p", "identity_verified", VERIFIED.question());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "no|true",
        "yes|true",
        "no she hasn't|true",
        "nope, not yet|true",
        "yes she passed|true",
        "no, she failed verification|true",
        "no it hasn't been sent yet|false",
        "yes the parcel arrived broken|false",
        "no, she wants a refund|false",
      })
  void a_yes_or_no_followed_by_words_about_something_else_is_a_statement(
      String text, boolean about) {
    assertThat(Binding.aboutTheQuestion(text, VERIFIED, ASK)).as(text).isEqualTo(about);
  }

  private static final FactExtractor EXTRACTOR = FactExtractor.create();
  private static final LocalDate MONDAY = LocalDate.of(2026, 6, 15);
  private static final FactSpec HAS_PHOTO =
      new FactSpec("has_photo", FactType.BOOLEAN, "Can the customer send a photo?", List.of());

  /** The reply bound to the question asked about {@code spec}, as the dialogue binds it. */
  private static Optional<String> bound(FactSpec spec, String reply) {
    return Binding.answer(
            spec,
            new FollowUp.AskFact("p", spec.name(), spec.question()),
            reply,
            EXTRACTOR.extract(reply, MONDAY, 2),
            EXTRACTOR.readTimes(spec, reply, MONDAY, 2),
            2)
        .map(f -> f.value().display());
  }

  @Test
  void a_yes_or_no_that_says_the_same_of_another_fact_is_that_facts_not_the_questions() {
    assertThat(bound(VERIFIED, "no it hasn't been sent yet")).isEmpty();
    assertThat(bound(HAS_PHOTO, "yes she has the receipt")).isEmpty();
    assertThat(bound(VERIFIED, "no, she wants a refund")).isEmpty();
  }

  @Test
  void a_yes_or_no_about_the_question_or_beside_another_facts_other_sense_answers_it() {
    assertThat(bound(VERIFIED, "no, not verified yet")).hasValue("no");
    assertThat(bound(VERIFIED, "no, she's elderly and confused")).hasValue("no");
    assertThat(bound(VERIFIED, "yes")).hasValue("yes");
    assertThat(bound(HAS_PHOTO, "nope")).hasValue("no");
  }
}
