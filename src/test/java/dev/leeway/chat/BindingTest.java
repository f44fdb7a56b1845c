package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.List;
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
}
