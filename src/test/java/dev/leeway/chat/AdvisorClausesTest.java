package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.facts.FactSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clauses a guardrail's words are cut from before a second try at matching. */
class AdvisorClausesTest {

  private static FactSource.Text span(String text, String words) {
    int start = text.indexOf(words);
    return new FactSource.Text(1, start, start + words.length(), words);
  }

  @Test
  void cuts_the_clause_between_commas_that_holds_the_words() {
    String text =
        "sofa turned up with a ripped arm, she says her solicitor will be in touch, delivered 2 days ago";
    assertThat(Advisor.withoutClauses(text, List.of(span(text, "solicitor"))))
        .isEqualTo("sofa turned up with a ripped arm, delivered 2 days ago");
  }

  @Test
  void cuts_a_last_sentence_and_keeps_the_rest() {
    String text = "Parcel never came. He says he will sue";
    assertThat(Advisor.withoutClauses(text, List.of(span(text, "sue"))))
        .isEqualTo("Parcel never came.");
  }

  @Test
  void a_text_that_is_all_guardrail_words_leaves_nothing() {
    String text = "my lawyer will be in touch";
    assertThat(Advisor.withoutClauses(text, List.of(span(text, "lawyer")))).isEmpty();
  }

  @Test
  void no_spans_leave_the_text_as_it_is() {
    assertThat(Advisor.withoutClauses("card declined at the till", List.of()))
        .isEqualTo("card declined at the till");
  }
}
