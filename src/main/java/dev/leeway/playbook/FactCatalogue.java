package dev.leeway.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared fact vocabulary: what text can set, and the flags guardrails use, by name.
 *
 * @param currency the ISO 4217 code of amounts written with no currency ("it was 54.99")
 */
public record FactCatalogue(Map<String, SharedFact> facts, String currency) {

  /** The currency of a pack that names none. */
  public static final String DEFAULT_CURRENCY = "USD";

  /** No shared facts: plays may then only use their own. */
  public static final FactCatalogue EMPTY = new FactCatalogue(Map.of());

  public FactCatalogue {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    Objects.requireNonNull(currency, "currency");
  }

  /** A vocabulary in the default currency. */
  public FactCatalogue(Map<String, SharedFact> facts) {
    this(facts, DEFAULT_CURRENCY);
  }

  public Optional<SharedFact> fact(String name) {
    return Optional.ofNullable(facts.get(name));
  }
}
