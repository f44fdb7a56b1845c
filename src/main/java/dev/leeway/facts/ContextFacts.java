package dev.leeway.facts;

import dev.leeway.playbook.FactSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Turns structured context (a helpdesk's fields, {@code --fact name=value}) into facts. */
public final class ContextFacts {

  private ContextFacts() {}

  /**
   * Parses every field; facts sent as context carry confidence 1.
   *
   * @param specs what each fact name means, or empty for a name nobody declares
   * @throws IllegalArgumentException listing every bad field: unknown names and values of the wrong
   *     type, each with the field and value named
   */
  public static List<Fact> parse(
      Map<String, ?> fields, Function<String, Optional<FactSpec>> specs) {
    List<Fact> facts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    fields.forEach(
        (name, raw) -> {
          Optional<FactSpec> spec = specs.apply(name);
          if (spec.isEmpty()) {
            problems.add(name + ": unknown fact (see config/facts.yaml and the plays' facts)");
            return;
          }
          try {
            facts.add(
                new Fact(
                    name, FactValues.parse(spec.get(), raw), new FactSource.Context(name), 1.0));
          } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return facts;
  }
}
