package dev.leeway.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.FieldPath;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.json.SchemaCheck;
import dev.leeway.json.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads {@code config/facts.yaml}, reporting every problem with its line and field. */
public final class FactCatalogueLoader {

  /** Where the vocabulary lives, relative to the working directory. */
  public static final Path DEFAULT_FILE = Path.of("config", "facts.yaml");

  private static final SchemaCheck SCHEMA = SchemaCheck.fromResource("/schema/facts.schema.json");

  private FactCatalogueLoader() {}

  public static LoadResult<FactCatalogue> load(Path file) {
    return validate(YamlDocument.read(file));
  }

  /** Validates catalogue YAML text; {@code file} only labels problems and may be null. */
  public static LoadResult<FactCatalogue> parse(Path file, String text) {
    return validate(YamlDocument.parse(file, text));
  }

  private static LoadResult<FactCatalogue> validate(YamlDocument.Parse parse) {
    return SCHEMA.load(parse, FactCatalogueLoader::build);
  }

  private static FactCatalogue build(YamlDocument doc, List<Problem> problems) {
    if (!problems.isEmpty()) {
      return null; // the shape is wrong; the rules below would only repeat it
    }
    Map<String, SharedFact> facts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : doc.root().path("facts").properties()) {
      FieldPath at = FieldPath.of("facts", entry.getKey());
      JsonNode node = entry.getValue();
      FactType type =
          FactType.valueOf(node.path("type").asText().toUpperCase(java.util.Locale.ROOT));
      boolean hasValues = node.has("values");
      if (type == FactType.ENUM && !hasValues) {
        problems.add(
            doc.problem(at, "an enum fact needs its values, e.g. values: [none, silver, gold]"));
      } else if (hasValues && type != FactType.ENUM) {
        problems.add(
            doc.problem(
                at.key("values"),
                "only enum facts have values; this fact is "
                    + type.name().toLowerCase(java.util.Locale.ROOT)));
      }
      if (node.has("assume") && type != FactType.BOOLEAN) {
        problems.add(doc.problem(at.key("assume"), "only boolean flags may have assume"));
      }
      List<String> values = new ArrayList<>();
      node.path("values").forEach(v -> values.add(v.asText()));
      Map<String, List<String>> cues = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> cue : node.path("cues").properties()) {
        List<String> phrases = new ArrayList<>();
        cue.getValue().forEach(phrase -> phrases.add(phrase.asText()));
        cues.put(cue.getKey(), phrases);
      }
      FactSpec spec =
          new FactSpec(
              entry.getKey(),
              type,
              node.path("question").asText(),
              values,
              node.has("default") ? node.path("default").asText() : null,
              null,
              cues);
      if (node.has("default")) {
        PlayRules.defaultProblem(spec, node.path("default"))
            .ifPresent(p -> problems.add(doc.problem(at.key("default"), p)));
      }
      java.util.Set<String> cueKeys =
          type == FactType.BOOLEAN
              ? java.util.Set.of("true", "false")
              : new java.util.LinkedHashSet<>(values);
      for (String cue : cues.keySet()) {
        if (type != FactType.BOOLEAN && type != FactType.ENUM) {
          problems.add(doc.problem(at.key("cues"), "cue words are for enum and boolean facts"));
          break;
        }
        if (!cueKeys.contains(cue)) {
          problems.add(
              doc.problem(
                  at.key("cues").key(cue),
                  "'"
                      + cue
                      + "' is not a value of "
                      + entry.getKey()
                      + dev.leeway.json.Spelling.hint(cue, cueKeys)));
        }
      }
      facts.put(
          entry.getKey(),
          new SharedFact(
              spec,
              node.has("assume") && type == FactType.BOOLEAN
                  ? node.path("assume").asBoolean()
                  : null));
    }
    String currency = FactCatalogue.DEFAULT_CURRENCY;
    if (doc.root().has("currency")) {
      String code = doc.root().path("currency").asText();
      try {
        currency = java.util.Currency.getInstance(code).getCurrencyCode();
      } catch (IllegalArgumentException unknown) {
        problems.add(
            doc.problem(
                FieldPath.of("currency"),
                "'" + code + "' is not an ISO 4217 currency code such as USD, EUR or GBP"));
      }
    }
    return new FactCatalogue(facts, currency);
  }
}
