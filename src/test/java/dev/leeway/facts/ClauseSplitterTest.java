package dev.leeway.facts;

import static dev.leeway.facts.Reader.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseSplitterTest {

  private static List<String> clauses(String text) {
    Message message = message(text);
    return message.clauses.stream().map(c -> text.substring(c.start(), c.end())).toList();
  }

  @Test
  void splits_at_commas_and_sentence_ends() {
    assertThat(clauses("parcel late, she's gold. Wants a refund"))
        .containsExactly("parcel late", "she's gold", "Wants a refund");
  }

  @Test
  void but_opens_a_new_clause() {
    assertThat(clauses("it arrived but the lid is cracked"))
        .containsExactly("it arrived", "but the lid is cracked");
  }

  @Test
  void and_opens_a_new_clause() {
    assertThat(clauses("she ordered it and she wants a refund"))
        .containsExactly("she ordered it", "and she wants a refund");
    assertThat(clauses("ordered and paid $80")).containsExactly("ordered", "and paid $80");
  }

  @Test
  void and_inside_a_number_does_not_split() {
    assertThat(clauses("two hundred and fifty dollars"))
        .containsExactly("two hundred and fifty dollars");
    assertThat(clauses("a week and a half ago")).containsExactly("a week and a half ago");
  }

  @Test
  void or_opens_a_new_clause_only_before_a_subject() {
    assertThat(clauses("refund or she goes to the ombudsman"))
        .containsExactly("refund", "or she goes to the ombudsman");
    assertThat(clauses("card or paypal")).containsExactly("card or paypal");
  }

  @Test
  void a_hyphen_inside_a_word_does_not_split_but_a_spaced_dash_does() {
    assertThat(clauses("twenty-five quid - charged twice"))
        .containsExactly("twenty-five quid", "charged twice");
  }

  @Test
  void a_colon_keeps_a_label_with_its_value() {
    assertThat(clauses("order total: $59.99")).containsExactly("order total: $59.99");
  }

  @Test
  void a_new_line_ends_a_clause() {
    assertThat(clauses("no receipt\nphotos sent")).containsExactly("no receipt", "photos sent");
  }
}
