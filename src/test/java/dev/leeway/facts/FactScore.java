package dev.leeway.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the fact extractor against a labelled fixture (docs/facts.md conventions): precision and
 * recall per fact type, where a predicted fact is right only if its name and value both match.
 *
 * <p>The fixture is YAML: {@code today}, then {@code sentences}, each {@code {text, facts: {name:
 * value}}}; money values read "80 USD", days and counts are integers, enums strings, flags
 * booleans. Types come from config/facts.yaml.
 */
final class FactScore {

  /** Counts for one fact type. */
  record Tally(int correct, int wrong, int missed) {
    double precision() {
      return correct + wrong == 0 ? 1.0 : (double) correct / (correct + wrong);
    }

    double recall() {
      return correct + missed == 0 ? 1.0 : (double) correct / (correct + missed);
    }

    Tally plus(Tally other) {
      return new Tally(correct + other.correct, wrong + other.wrong, missed + other.missed);
    }
  }

  static final List<String> TYPES = List.of("money", "days", "count", "enum", "boolean");

  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final List<String> mistakes = new ArrayList<>();
  private int sentences;

  private FactScore() {
    for (String type : TYPES) {
      tallies.put(type, new Tally(0, 0, 0));
    }
  }

  /** Runs the extractor over every sentence of the fixture and scores its facts. */
  static FactScore of(FactExtractor extractor, Path fixture, Path vocabulary) {
    return of(extractor, List.of(fixture), vocabulary);
  }

  /** Runs the extractor over every sentence of these fixtures and scores their facts together. */
  static FactScore of(FactExtractor extractor, List<Path> fixtures, Path vocabulary) {
    FactScore score = new FactScore();
    for (Path fixture : fixtures) {
      score.add(extractor, fixture, types(vocabulary));
    }
    return score;
  }

  private void add(FactExtractor extractor, Path fixture, Map<String, String> types) {
    JsonNode root = read(fixture);
    LocalDate today = LocalDate.parse(root.path("today").asText());
    FactScore score = this;
    for (JsonNode sentence : root.path("sentences")) {
      String text = sentence.path("text").asText();
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> label : sentence.path("facts").properties()) {
        expected.put(label.getKey(), label.getValue());
      }
      score.score(text, expected, extractor.extract(text, today, 1), types);
    }
  }

  /** The sentences of a fixture, in order. */
  static List<String> texts(Path fixture) {
    List<String> texts = new ArrayList<>();
    for (JsonNode sentence : read(fixture).path("sentences")) {
      texts.add(sentence.path("text").asText());
    }
    return texts;
  }

  private void score(
      String text,
      Map<String, JsonNode> expected,
      List<Fact> predicted,
      Map<String, String> types) {
    sentences++;
    Map<String, JsonNode> unmatched = new LinkedHashMap<>(expected);
    for (Fact fact : predicted) {
      String type = typeOf(types, fact.name());
      JsonNode label = unmatched.get(fact.name());
      if (label != null && matches(fact.value(), label)) {
        unmatched.remove(fact.name());
        tallies.merge(type, new Tally(1, 0, 0), Tally::plus);
      } else {
        tallies.merge(type, new Tally(0, 1, 0), Tally::plus);
        mistakes.add(
            "WRONG  "
                + fact.name()
                + "="
                + fact.value().display()
                + (label == null ? "" : " (label " + label.asText() + ")")
                + "  <- \""
                + text
                + "\"");
      }
    }
    for (Map.Entry<String, JsonNode> missed : unmatched.entrySet()) {
      String type = typeOf(types, missed.getKey());
      tallies.merge(type, new Tally(0, 0, 1), Tally::plus);
      mistakes.add(
          "MISSED " + missed.getKey() + "=" + missed.getValue().asText() + "  <- \"" + text + "\"");
    }
  }

  private static String typeOf(Map<String, String> types, String name) {
    String type = types.get(name);
    if (type == null) {
      throw new IllegalArgumentException("fact name not in the vocabulary: " + name);
    }
    return type;
  }

  static boolean matches(FactValue value, JsonNode label) {
    return switch (value) {
      case FactValue.Money money -> {
        String[] parts = label.asText().trim().split("\\s+");
        yield parts.length == 2
            && new BigDecimal(parts[0]).compareTo(money.amount()) == 0
            && parts[1].equals(money.currency());
      }
      case FactValue.Whole whole ->
          label.canConvertToLong() && label.isIntegralNumber() && label.asLong() == whole.value();
      case FactValue.Flag flag -> label.isBoolean() && label.asBoolean() == flag.value();
      case FactValue.Text choice -> label.isTextual() && label.asText().equals(choice.value());
      case FactValue.Date date -> label.asText().equals(date.value().toString());
    };
  }

  Map<String, Tally> tallies() {
    return tallies;
  }

  List<String> mistakes() {
    return mistakes;
  }

  /** A table of precision and recall per type, with counts. */
  String report() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%d sentences%n", sentences));
    out.append(
        String.format(
            "%-8s %9s %9s %8s %6s %7s%n",
            "type", "precision", "recall", "correct", "wrong", "missed"));
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      out.append(
          String.format(
              "%-8s %9.3f %9.3f %8d %6d %7d%n",
              e.getKey(), t.precision(), t.recall(), t.correct(), t.wrong(), t.missed()));
    }
    return out.toString();
  }

  private static Map<String, String> types(Path vocabulary) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> fact : read(vocabulary).path("facts").properties()) {
      types.put(fact.getKey(), fact.getValue().path("type").asText());
    }
    return types;
  }

  private static JsonNode read(Path path) {
    try {
      return Json.yaml().readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
  }
}
