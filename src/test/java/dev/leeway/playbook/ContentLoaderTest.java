package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading everything together: guardrails checked against the shared facts, and a content version.
 */
class ContentLoaderTest {

  @TempDir Path config;

  @Test
  void the_starter_content_loads_with_a_stable_version() {
    Content first = load(Path.of("config/authority.yaml")).orElseThrow();
    Content second = load(Path.of("config/authority.yaml")).orElseThrow();

    assertThat(first.version()).hasSize(12).isEqualTo(second.version());
    assertThat(first.authority().guardrails())
        .extracting(g -> g.id())
        .containsExactly(
            "legal-threat", "suspected-fraud", "safety", "vulnerable-customer", "press-enquiry");
  }

  @Test
  void a_guardrail_over_an_unknown_fact_is_refused_with_its_line() throws Exception {
    String authority =
        Files.readString(Path.of("config/authority.yaml"))
            .replace("when: \"legal_threat\"", "when: \"legal_thret\"");
    Path file = config.resolve("authority.yaml");
    Files.writeString(file, authority);

    List<Problem> problems =
        switch (load(file)) {
          case LoadResult.Invalid<Content> invalid -> invalid.problems();
          case LoadResult.Loaded<Content> loaded -> List.of();
        };

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("guardrails[0].when");
              assertThat(p.line()).isEqualTo(lineOf(authority, "legal_thret"));
              assertThat(p.message())
                  .startsWith("names unknown fact 'legal_thret'")
                  .endsWith("(guardrails may use the facts in config/facts.yaml)");
            });
  }

  @Test
  void guardrail_cues_need_a_when_that_names_one_yes_no_fact() throws Exception {
    String authority =
        Files.readString(Path.of("config/authority.yaml"))
            .replace("when: \"legal_threat\"", "when: \"legal_threat && !suspected_fraud\"");
    Path file = config.resolve("authority.yaml");
    Files.writeString(file, authority);

    List<Problem> problems =
        switch (load(file)) {
          case LoadResult.Invalid<Content> invalid -> invalid.problems();
          case LoadResult.Loaded<Content> loaded -> List.of();
        };

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("guardrails[0].cues");
              assertThat(p.message())
                  .contains("'legal_threat && !suspected_fraud'")
                  .contains("one yes/no fact of config/facts.yaml");
            });
  }

  @Test
  void guardrails_read_urgency_what_to_do_now_and_cues() {
    Content content = load(Path.of("config/authority.yaml")).orElseThrow();

    assertThat(content.authority().guardrails())
        .filteredOn(g -> g.id().equals("safety"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.urgency()).isEqualTo(dev.leeway.config.Urgency.IMMEDIATE);
              assertThat(g.whatToDoNow())
                  .contains("emergency services")
                  .doesNotContain("working day");
              assertThat(g.cues()).contains("button battery");
            });
  }

  @Test
  void a_changed_file_changes_the_version() throws Exception {
    Path file = config.resolve("authority.yaml");
    Files.writeString(file, Files.readString(Path.of("config/authority.yaml")) + "\n# edited\n");

    assertThat(load(file).orElseThrow().version())
        .isNotEqualTo(load(Path.of("config/authority.yaml")).orElseThrow().version());
  }

  private static LoadResult<Content> load(Path authority) {
    return ContentLoader.load(Path.of("playbooks"), authority, Path.of("config/facts.yaml"));
  }

  private static int lineOf(String text, String snippet) {
    return text.substring(0, text.indexOf(snippet)).split("\n", -1).length;
  }
}
