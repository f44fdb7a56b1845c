package dev.leeway.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.text.SentenceTagger;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared set-up for the fact tests: one extractor, a fixed today and short ways to ask. */
final class Reader {

  /** A Monday, as in the fixtures, so that weekdays and dates count the same everywhere. */
  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

  // Loading the OpenNLP models takes a moment; one extractor serves every test.
  static final FactExtractor EXTRACTOR = FactExtractor.create();

  private Reader() {}

  static List<Fact> read(String text) {
    return EXTRACTOR.extract(text, TODAY, 1);
  }

  /** Each fact's name and displayed value, in order. */
  static Map<String, String> values(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Fact fact : read(text)) {
      values.put(fact.name(), fact.value().display());
    }
    return values;
  }

  /** The one fact of that name in the text; fails the test if there is none. */
  static Fact fact(String text, String name) {
    List<Fact> named = read(text).stream().filter(f -> f.name().equals(name)).toList();
    assertThat(named).as("%s in \"%s\" (read %s)", name, text, values(text)).hasSize(1);
    return named.get(0);
  }

  static FactSource.Text source(Fact fact) {
    return (FactSource.Text) fact.source();
  }

  static Message message(String text) {
    return Message.read(text, SentenceTagger.english());
  }

  static FactValue money(String amount, String currency) {
    return new FactValue.Money(new BigDecimal(amount), currency);
  }

  static FactValue whole(long value) {
    return new FactValue.Whole(value);
  }

  static FactValue flag(boolean value) {
    return new FactValue.Flag(value);
  }

  static FactValue choice(String value) {
    return new FactValue.Text(value);
  }
}
