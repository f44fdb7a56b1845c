package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.text.AnalysedText;
import dev.leeway.text.EnglishAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleAnalysisTest {
  private static final List<String> TEXTS =
      List.of(
          "my parcels never arrived", "card declined at the till", "can't log in to my account");

  private static EnglishAnalyzer plain;

  @TempDir Path dir;

  @BeforeAll
  static void models() {
    plain = EnglishAnalyzer.plain();
  }

  @Test
  void terms_are_the_analysers_and_are_cached_under_its_fingerprint() {
    Map<String, AnalysedText> analysed = ExampleAnalysis.of(TEXTS, plain, dir, 1);

    assertThat(analysed.get("can't log in to my account").terms())
        .isEqualTo(plain.terms("can't log in to my account"));
    Path file = dir.resolve("terms-" + plain.fingerprint() + ".bin");
    assertThat(TextCache.persistent(TextCache.TERMS, file).size()).isEqualTo(TEXTS.size());
  }

  @Test
  void a_later_build_takes_the_cached_terms_instead_of_analysing_again() {
    ExampleAnalysis.of(TEXTS, plain, dir, 1);
    Path file = dir.resolve("terms-" + plain.fingerprint() + ".bin");
    TextCache<AnalysedText> cache = TextCache.persistent(TextCache.TERMS, file);
    cache.put(
        "card declined at the till",
        new AnalysedText(List.of("from", "the", "cache"), new int[] {1, 1, 1}));
    cache.save();

    Map<String, AnalysedText> analysed = ExampleAnalysis.of(TEXTS, plain, dir, 1);

    assertThat(analysed.get("card declined at the till").terms())
        .containsExactly("from", "the", "cache");
  }

  @Test
  void a_different_synonym_list_gets_its_own_file_and_the_stale_one_goes() throws IOException {
    ExampleAnalysis.of(TEXTS, plain, dir, 1);
    Path synonyms = dir.resolve("synonyms.txt");
    Files.writeString(synonyms, "parcel, package\n");
    EnglishAnalyzer withSynonyms = EnglishAnalyzer.withSynonyms(synonyms);

    Map<String, AnalysedText> analysed = ExampleAnalysis.of(TEXTS, withSynonyms, dir, 1);

    assertThat(withSynonyms.fingerprint()).isNotEqualTo(plain.fingerprint());
    assertThat(analysed.get("my parcels never arrived").terms()).contains("package");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("terms-")))
          .containsExactly("terms-" + withSynonyms.fingerprint() + ".bin");
    }
  }

  @Test
  void many_texts_analysed_on_two_threads_come_back_in_their_own_slots() {
    List<String> many =
        IntStream.range(0, 150).mapToObj(i -> "order " + i + " arrived broken").toList();

    Map<String, AnalysedText> analysed = ExampleAnalysis.of(many, plain, null, 2);

    assertThat(many)
        .allSatisfy(text -> assertThat(analysed.get(text).terms()).isEqualTo(plain.terms(text)));
  }

  @Test
  void the_cache_is_pruned_to_the_current_texts_once_it_has_grown_past_twice_their_number() {
    Path file = dir.resolve("terms-" + plain.fingerprint() + ".bin");
    ExampleAnalysis.of(List.of("a", "b", "c", "d", "e", "f", "g"), plain, dir, 1);

    ExampleAnalysis.of(List.of("a", "b", "c", "d"), plain, dir, 1);
    assertThat(TextCache.persistent(TextCache.TERMS, file).size()).isEqualTo(7);

    ExampleAnalysis.of(List.of("a", "b", "c"), plain, dir, 1);
    assertThat(TextCache.persistent(TextCache.TERMS, file).size()).isEqualTo(3);
  }
}
