package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * config/facts.yaml: the shared vocabulary loads, and each kind of mistake is named with its line.
 */
class FactCatalogueLoaderTest {

  private static final Path FILE = Path.of("config/facts.yaml");

  @Test
  void the_shipped_vocabulary_loads_with_its_guardrail_flags_assumed_false() {
    FactCatalogue catalogue = FactCatalogueLoader.load(FILE).orElseThrow();

    assertThat(catalogue.fact("membership_tier"))
        .get()
        .satisfies(
            f ->
                assertThat(f.spec().values())
                    .containsExactly("none", "silver", "gold", "platinum"));
    assertThat(catalogue.fact("legal_threat"))
        .get()
        .satisfies(f -> assertThat(f.assume()).isFalse());
    assertThat(catalogue.fact("order_total")).get().satisfies(f -> assertThat(f.assume()).isNull());
  }

  @Test
  void an_unknown_key_is_named_with_its_line() {
    List<Problem> problems =
        problems("facts:\n  order_total: {type: money, question: \"How much?\", label: Total}\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("unknown key 'label'");
            });
  }

  @Test
  void an_enum_needs_values_and_only_an_enum_has_them() {
    List<Problem> problems =
        problems(
            "facts:\n  tier: {type: enum, question: \"Which?\"}\n  total: {type: money, question: \"How much?\", values: [a]}\n");

    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly(
            "an enum fact needs its values, e.g. values: [none, silver, gold]",
            "only enum facts have values; this fact is money");
    assertThat(problems).extracting(Problem::line).containsExactly(2, 3);
  }

  @Test
  void only_a_boolean_flag_may_be_assumed() {
    List<Problem> problems =
        problems("facts:\n  total: {type: money, question: \"How much?\", assume: false}\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("facts.total.assume");
              assertThat(p.message()).isEqualTo("only boolean flags may have assume");
            });
  }

  @Test
  void the_pack_currency_is_read_and_defaults_to_usd() {
    String facts = "facts:\n  total: {type: money, question: \"How much?\"}\n";

    assertThat(FactCatalogueLoader.parse(FILE, "currency: GBP\n" + facts).orElseThrow().currency())
        .isEqualTo("GBP");
    assertThat(FactCatalogueLoader.parse(FILE, facts).orElseThrow().currency()).isEqualTo("USD");
    assertThat(FactCatalogueLoader.load(FILE).orElseThrow().currency()).isEqualTo("USD");
  }

  @Test
  void a_currency_that_is_no_iso_code_is_named_with_its_line() {
    List<Problem> problems =
        problems("currency: XYZ\nfacts:\n  total: {type: money, question: \"How much?\"}\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.field()).isEqualTo("currency");
              assertThat(p.message()).contains("'XYZ' is not an ISO 4217 currency code");
            });
    assertThat(problems("currency: pounds\nfacts: {}\n")).isNotEmpty();
  }

  private static List<Problem> problems(String yaml) {
    return switch (FactCatalogueLoader.parse(Path.of("facts.yaml"), yaml)) {
      case LoadResult.Invalid<FactCatalogue> invalid -> invalid.problems();
      case LoadResult.Loaded<FactCatalogue> loaded -> List.of();
    };
  }
}
