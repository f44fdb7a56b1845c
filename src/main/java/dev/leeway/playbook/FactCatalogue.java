package dev.leeway.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The shared fact vocabulary: what text can set, and the flags guardrails use, by name. */
public record FactCatalogue(Map<String, SharedFact> facts) {

  /** No shared facts: plays may then only use their own. */
  public static final FactCatalogue EMPTY = new FactCatalogue(Map.of());

  public FactCatalogue {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  public Optional<SharedFact> fact(String name) {
    return Optional.ofNullable(facts.get(name));
  }
}
