package dev.leeway.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnglishAnalyzerTest {

  // Loading the OpenNLP models takes a moment; one plain analyzer serves every test.
  private static EnglishAnalyzer plain;

  @BeforeAll
  static void load() {
    plain = EnglishAnalyzer.plain();
  }

  @Test
  void reduces_plural_nouns_and_past_verbs_to_their_lemmas() {
    assertThat(plain.terms("parcels arrived")).containsExactly("parcel", "arrive");
  }

  @Test
  void lower_cases_and_drops_sentence_punctuation() {
    assertThat(plain.terms("The parcels arrived yesterday."))
        .containsExactly("the", "parcel", "arrive", "yesterday");
  }

  @Test
  void analyses_every_sentence_of_a_text() {
    assertThat(plain.terms("Refunds were issued. Then cards were cancelled!"))
        .containsExactly("refund", "be", "issue", "then", "card", "be", "cancel");
  }

  @Test
  void keeps_amounts_and_numbers_whole() {
    assertThat(plain.terms("Refund £25.50 to Visa ending 4242?"))
        .containsExactly("refund", "£25.50", "to", "visa", "end", "4242");
  }

  @Test
  void drops_commas_and_semicolons() {
    assertThat(plain.terms("Order shipped, tracking updated; parcel delayed"))
        .containsExactly("order", "ship", "track", "update", "parcel", "delayed");
  }

  @Test
  void gives_no_terms_for_empty_or_blank_text() {
    assertThat(plain.terms("")).isEmpty();
    assertThat(plain.terms("   \n\t ")).isEmpty();
  }

  /**
   * The UD-EWT tokenizer leaves clitics attached and the lemmatizer answers with joined lemmas
   * ("customer+'s", "do+not"); split, "customer" matches the examples and "not" stays visible.
   */
  @Test
  void possessive_reaches_the_lemma_of_its_noun() {
    assertThat(plain.terms("the customer's parcel"))
        .containsExactly("the", "customer", "'s", "parcel");
  }

  @Test
  void contractions_keep_their_negation_as_a_term() {
    assertThat(plain.terms("she didn't get it")).containsExactly("she", "do", "not", "get", "it");
    assertThat(plain.terms("can't log in")).containsExactly("can", "not", "log", "in");
  }

  @Test
  void expands_synonyms_from_a_solr_format_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("synonyms.txt");
    Files.writeString(
        file,
        """
        # parcels and refunds
        parcel, package, shipment
        refund, money back
        """);
    EnglishAnalyzer analysis = EnglishAnalyzer.withSynonyms(file);

    // Synonyms apply to lemmas, so the plural "parcels" reaches the group too.
    assertThat(analysis.terms("The parcels arrived yesterday."))
        .containsExactly("the", "package", "shipment", "parcel", "arrive", "yesterday");
    assertThat(analysis.terms("where is my package"))
        .containsExactly("where", "be", "my", "parcel", "shipment", "package");
    assertThat(analysis.terms("I want my money back"))
        .containsExactly("i", "want", "my", "refund", "money", "back");
    assertThat(analysis.terms("I want a refund"))
        .containsExactly("i", "want", "a", "money", "refund", "back");
  }

  @Test
  void groups_each_word_with_the_synonyms_stacked_on_it(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("synonyms.txt");
    Files.writeString(file, "refund, money back\n");
    EnglishAnalyzer analysis = EnglishAnalyzer.withSynonyms(file);

    // A multi-word synonym's tail ("back") belongs to the word it was stacked on.
    assertThat(analysis.words("refund please"))
        .containsExactly(List.of("money", "refund", "back"), List.of("please"));
    assertThat(analysis.words("I want my money back"))
        .containsExactly(
            List.of("i"),
            List.of("want"),
            List.of("my"),
            List.of("refund", "money"),
            List.of("back"));
    for (String text :
        List.of("refund please", "I want my money back", "The parcels arrived yesterday.")) {
      assertThat(analysis.words(text).stream().flatMap(List::stream).toList())
          .isEqualTo(analysis.terms(text));
    }
  }

  @Test
  void leaves_words_outside_the_synonym_file_alone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("synonyms.txt");
    Files.writeString(file, "parcel, package\n");

    assertThat(EnglishAnalyzer.withSynonyms(file).terms("my card was declined"))
        .isEqualTo(plain.terms("my card was declined"));
  }

  @Test
  void missing_synonym_file_is_an_illegal_argument_naming_the_path(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-synonyms.txt");

    assertThatThrownBy(() -> EnglishAnalyzer.withSynonyms(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void a_folder_is_not_a_synonym_file(@TempDir Path dir) {
    assertThatThrownBy(() -> EnglishAnalyzer.withSynonyms(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void concurrent_analysis_gives_the_same_terms_as_single_threaded() throws Exception {
    List<String> texts =
        List.of(
            "The parcels arrived yesterday.",
            "My debit card was stolen on the train and I need a new one.",
            "Refunds were issued. Then cards were cancelled!",
            "Please change the delivery address on my account to the new flat.",
            "I forgot my password and the reset email never came.",
            "Tracking says delivered but the customer never got the parcel.",
            "Cancel my subscription before it renews next month.",
            "Refund £25.50 to Visa ending 4242?");
    List<List<String>> expected = texts.stream().map(plain::terms).toList();

    List<Callable<List<List<String>>>> workers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      workers.add(
          () -> {
            List<List<String>> seen = new ArrayList<>();
            for (int round = 0; round < 25; round++) {
              for (String text : texts) {
                seen.add(plain.terms(text));
              }
            }
            return seen;
          });
    }
    List<List<String>> expectedPerWorker = new ArrayList<>();
    for (int round = 0; round < 25; round++) {
      expectedPerWorker.addAll(expected);
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<List<List<String>>> result : pool.invokeAll(workers)) {
        assertThat(result.get()).isEqualTo(expectedPerWorker);
      }
    }
  }
}
