package dev.leeway.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactFixtureTest {

  static final Path VOCABULARY = Path.of("config/facts.yaml");

  // The development set and the set in agents' shorthand, scored together. Another labelled file
  // can be scored instead: -Dfacts.fixture=src/test/resources/facts/holdout.yaml
  static final List<Path> FIXTURES =
      System.getProperty("facts.fixture") != null
          ? List.of(Path.of(System.getProperty("facts.fixture")))
          : List.of(
              Path.of("src/test/resources/facts/dev.yaml"),
              Path.of("src/test/resources/facts/shorthand.yaml"));

  @Test
  void reads_the_fixture_with_high_precision_and_recall_for_every_type() {
    for (Path fixture : FIXTURES) {
      System.out.println(fixture);
      System.out.println(FactScore.of(Reader.EXTRACTOR, fixture, VOCABULARY).report());
    }
    FactScore score = FactScore.of(Reader.EXTRACTOR, FIXTURES, VOCABULARY);
    System.out.println("together: " + FIXTURES);
    System.out.println(score.report());
    score.mistakes().forEach(System.out::println);
    score
        .tallies()
        .forEach(
            (type, tally) -> {
              assertThat(tally.precision()).as(type + " precision").isGreaterThanOrEqualTo(0.95);
              assertThat(tally.recall()).as(type + " recall").isGreaterThanOrEqualTo(0.95);
            });
  }

  @Test
  void extraction_stays_fast_after_warm_up() {
    List<String> texts = FactScore.texts(FIXTURES.get(0));
    for (int round = 0; round < 10; round++) {
      texts.forEach(Reader::read);
    }
    long[] nanos = new long[texts.size() * 3];
    int i = 0;
    for (int round = 0; round < 3; round++) {
      for (String text : texts) {
        long start = System.nanoTime();
        Reader.read(text);
        nanos[i++] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    double median = nanos[nanos.length / 2] / 1e6;
    double p99 = nanos[nanos.length * 99 / 100] / 1e6;
    System.out.printf(
        "extraction per sentence: median %.3f ms, p99 %.3f ms (%d runs)%n",
        median, p99, nanos.length);
    // A loose bound, for shared build machines; it still catches a runaway pattern.
    assertThat(median).isLessThan(5.0);
  }
}
