package dev.leeway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceTaggerTest {

  private static final SentenceTagger TAGGER = SentenceTagger.english();

  @Test
  void token_offsets_point_into_the_original_text() {
    String text = "  Parcel arrived late. She wants $80 back!";
    for (Sentence sentence : TAGGER.sentences(text)) {
      for (Token token : sentence.tokens()) {
        assertThat(text.substring(token.start(), token.end())).isEqualTo(token.text());
      }
    }
  }

  @Test
  void splits_sentences_and_tags_their_words() {
    List<Sentence> sentences = TAGGER.sentences("The parcel arrived. She was charged twice.");
    assertThat(sentences).hasSize(2);
    assertThat(sentences.get(1).start()).isEqualTo(20);
    assertThat(sentences.get(0).tokens())
        .extracting(Token::text)
        .containsExactly("The", "parcel", "arrived", ".");
    assertThat(sentences.get(0).tokens())
        .extracting(Token::tag)
        .containsExactly("DET", "NOUN", "VERB", "PUNCT");
  }

  @Test
  void gives_no_sentences_for_blank_text() {
    assertThat(TAGGER.sentences("")).isEmpty();
    assertThat(TAGGER.sentences(" \n ")).isEmpty();
  }

  @Test
  void the_shared_tagger_is_loaded_once() {
    assertThat(SentenceTagger.english()).isSameAs(TAGGER);
  }

  @Test
  void a_text_asked_for_twice_in_a_row_is_tagged_once_and_never_mixed_up_with_another() {
    List<Sentence> first = TAGGER.sentences("my parcel is late");
    assertThat(TAGGER.sentences("my parcel is late")).isSameAs(first);
    List<Sentence> other = TAGGER.sentences("my card was declined");
    assertThat(other.get(0).tokens().get(1).text()).isEqualTo("card");
    assertThat(TAGGER.sentences("my parcel is late")).isEqualTo(first);
  }
}
