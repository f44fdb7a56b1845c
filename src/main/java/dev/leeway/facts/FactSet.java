package dev.leeway.facts;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known so far, one fact per name. Immutable: each update returns a new set, so a
 * conversation can keep every turn's view and a past answer can be replayed from its facts.
 */
public final class FactSet {

  private static final FactSet EMPTY = new FactSet(Map.of());

  private final Map<String, Fact> facts;

  private FactSet(Map<String, Fact> facts) {
    this.facts = facts;
  }

  public static FactSet empty() {
    return EMPTY;
  }

  public static FactSet of(Collection<Fact> facts) {
    return EMPTY.with(facts);
  }

  /**
   * These facts on top of the current ones: a later fact replaces an earlier one of the same name,
   * except that words never replace a context field (the helpdesk's record beats a reading of the
   * agent's text).
   */
  public FactSet with(Collection<Fact> later) {
    Map<String, Fact> merged = new LinkedHashMap<>(facts);
    for (Fact fact : later) {
      Fact current = merged.get(fact.name());
      boolean textOverContext =
          current != null
              && current.source() instanceof FactSource.Context
              && fact.source() instanceof FactSource.Text;
      if (!textOverContext) {
        merged.put(fact.name(), fact);
      }
    }
    return new FactSet(Collections.unmodifiableMap(merged));
  }

  public Optional<Fact> get(String name) {
    return Optional.ofNullable(facts.get(name));
  }

  public boolean has(String name) {
    return facts.containsKey(name);
  }

  /** Every fact, in the order names were first learnt. */
  public List<Fact> all() {
    return List.copyOf(facts.values());
  }

  public int size() {
    return facts.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FactSet other && other.facts.equals(facts);
  }

  @Override
  public int hashCode() {
    return facts.hashCode();
  }

  @Override
  public String toString() {
    return "FactSet" + facts.values();
  }
}
