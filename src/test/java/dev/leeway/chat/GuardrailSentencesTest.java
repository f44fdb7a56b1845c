package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.config.Guardrail;
import dev.leeway.config.Urgency;
import dev.leeway.decide.Decider;
import dev.leeway.facts.FactExtractor;
import dev.leeway.facts.FactSet;
import dev.leeway.json.Json;
import dev.leeway.json.LoadResult;
import dev.leeway.match.MatchResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Guardrails read from every message, on fresh sentences written from the guardrails' descriptions
 * ({@code src/test/resources/guardrails/sentences.yaml}): each sentence is read as a first message,
 * with the starter config's cue words and Leeway's own reading, and the guardrails that fire are
 * compared with those a supervisor expects. Prints precision and recall per guardrail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardrailSentencesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

  /** Floors for the whole set; the printed figures are the measure, these catch a regression. */
  private static final double MIN_PRECISION = 0.9;

  private static final double MIN_RECALL = 0.9;

  private Content content;
  private FactExtractor reader;
  private Decider decider;

  private record Sentence(String text, Set<String> expected) {}

  @BeforeAll
  void load() {
    content =
        switch (ContentLoader.load(
            Path.of("playbooks"), Path.of("config/authority.yaml"), Path.of("config/facts.yaml"))) {
          case LoadResult.Loaded<Content> loaded -> loaded.value();
          case LoadResult.Invalid<Content> invalid -> throw new AssertionError(invalid.problems());
        };
    reader = Advisor.reader(content, FactExtractor.create());
    decider = Decider.build(content);
  }

  private List<Sentence> sentences() throws Exception {
    JsonNode root =
        Json.yaml()
            .readTree(Files.readString(Path.of("src/test/resources/guardrails/sentences.yaml")));
    List<Sentence> sentences = new ArrayList<>();
    for (JsonNode s : root.path("sentences")) {
      Set<String> expected = new TreeSet<>();
      s.path("guardrails").forEach(g -> expected.add(g.asText()));
      sentences.add(new Sentence(s.path("text").asText(), expected));
    }
    return sentences;
  }

  private List<Guardrail> fired(String text) {
    return decider.firedGuardrails(FactSet.empty().with(reader.extract(text, TODAY, 1)));
  }

  @Test
  void guardrails_fire_on_fresh_sentences_with_high_precision_and_recall() throws Exception {
    List<Sentence> sentences = sentences();
    assertThat(sentences).hasSizeGreaterThanOrEqualTo(40);
    assertThat(sentences.stream().filter(s -> s.expected().isEmpty()).count())
        .as("negative sentences")
        .isGreaterThanOrEqualTo(15);
    Map<String, int[]> counts = new LinkedHashMap<>(); // true positives, false positives, misses
    content.authority().guardrails().forEach(g -> counts.put(g.id(), new int[3]));
    List<String> wrong = new ArrayList<>();
    for (Sentence s : sentences) {
      Set<String> got = new TreeSet<>();
      fired(s.text()).forEach(g -> got.add(g.id()));
      for (String id : counts.keySet()) {
        boolean expected = s.expected().contains(id);
        boolean fired = got.contains(id);
        if (expected && fired) {
          counts.get(id)[0]++;
        } else if (fired) {
          counts.get(id)[1]++;
        } else if (expected) {
          counts.get(id)[2]++;
        }
      }
      if (!got.equals(s.expected())) {
        wrong.add("  \"" + s.text() + "\": expected " + s.expected() + ", fired " + got);
      }
    }
    int tp = 0;
    int fp = 0;
    int fn = 0;
    StringBuilder out = new StringBuilder("\nGuardrails on " + sentences.size() + " sentences\n");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      tp += c[0];
      fp += c[1];
      fn += c[2];
      out.append(
          String.format(
              Locale.ROOT,
              "  %-20s precision %.2f  recall %.2f  (%d right, %d wrongly, %d missed)%n",
              e.getKey(),
              ratio(c[0], c[0] + c[1]),
              ratio(c[0], c[0] + c[2]),
              c[0],
              c[1],
              c[2]));
    }
    double precision = ratio(tp, tp + fp);
    double recall = ratio(tp, tp + fn);
    out.append(
        String.format(
            Locale.ROOT,
            "  all                  precision %.2f  recall %.2f%n",
            precision,
            recall));
    wrong.forEach(w -> out.append(w).append('\n'));
    System.out.print(out);
    assertThat(precision).as(out.toString()).isGreaterThanOrEqualTo(MIN_PRECISION);
    assertThat(recall).as(out.toString()).isGreaterThanOrEqualTo(MIN_RECALL);
  }

  @Test
  void an_immediate_guardrail_with_no_play_gives_what_to_do_now_never_a_working_day() {
    String text = "her little boy swallowed a button battery from the remote";
    List<Guardrail> fired = fired(text);
    assertThat(fired).extracting(Guardrail::urgency).contains(Urgency.IMMEDIATE);

    FactSet facts = FactSet.empty().with(reader.extract(text, TODAY, 1));
    Advice advice =
        new Advice(
            new Question(text, Map.of(), "agent", TODAY),
            new MatchResult.NoMatch(List.of(), "nothing close"),
            List.of(),
            facts,
            content.version(),
            content.authority().escalation(),
            fired);

    assertThat(AnswerWords.nextStep(advice))
        .contains("emergency services")
        .doesNotContainIgnoringCase("working day");
    assertThat(AdviceText.of(advice))
        .startsWith("URGENT")
        .doesNotContainIgnoringCase("working day");
    JsonNode json = AdviceJson.of(advice);
    assertThat(json.path("guardrails").get(0).path("urgency").asText()).isEqualTo("immediate");
    assertThat(json.path("no_match").path("next_step").asText()).contains("emergency services");
    assertThat(json.path("no_match").path("message").asText()).doesNotContain("0.");
  }

  @Test
  void a_negated_cue_does_not_fire() {
    assertThat(fired("the toy arrived broken but the little one is not choking, she is fine"))
        .isEmpty();
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 1.0 : (double) a / b;
  }
}
