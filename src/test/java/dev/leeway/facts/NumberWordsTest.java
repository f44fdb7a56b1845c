package dev.leeway.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberWordsTest {

  @Test
  void parses_figures_and_words() {
    assertThat(NumberWords.parse("80")).isEqualTo(80);
    assertThat(NumberWords.parse("1,200.50")).isEqualTo(1200.50);
    assertThat(NumberWords.parse("twenty-five")).isEqualTo(25);
    assertThat(NumberWords.parse("two hundred and fifty")).isEqualTo(250);
    assertThat(NumberWords.parse("a hundred")).isEqualTo(100);
    assertThat(NumberWords.parse("three thousand five hundred")).isEqualTo(3500);
  }

  @Test
  void rejects_words_that_are_not_numbers() {
    assertThat(NumberWords.parse("several")).isEqualTo(-1);
    assertThat(NumberWords.parse("")).isEqualTo(-1);
  }

  @Test
  void parses_ordinals() {
    assertThat(NumberWords.ordinal("third")).isEqualTo(3);
    assertThat(NumberWords.ordinal("22nd")).isEqualTo(22);
    assertThat(NumberWords.ordinal("many")).isEqualTo(-1);
  }
}
