package dev.leeway.playbook;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated pack of plays: ordered by id so that indexing and output are repeatable,
 * looked up by id, and filtered to what agents may be offered.
 */
public final class Playbook {

  private final List<Play> plays;
  private final List<Play> published;
  private final Map<String, Play> byId;

  private Playbook(List<Play> plays) {
    this.plays = plays;
    this.published = plays.stream().filter(p -> p.status() == PlayStatus.PUBLISHED).toList();
    Map<String, Play> index = new LinkedHashMap<>();
    for (Play play : plays) {
      if (index.putIfAbsent(play.id(), play) != null) {
        throw new IllegalArgumentException("duplicate play id " + play.id());
      }
    }
    this.byId = index;
  }

  /** A playbook of these plays; ids must be unique. */
  public static Playbook of(Collection<Play> plays) {
    return new Playbook(plays.stream().sorted(Comparator.comparing(Play::id)).toList());
  }

  /** Every play, whatever its status, ordered by id. */
  public List<Play> plays() {
    return plays;
  }

  /** Only the published plays, the ones offered to agents, ordered by id. */
  public List<Play> published() {
    return published;
  }

  public Optional<Play> play(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  public int size() {
    return plays.size();
  }

  @Override
  public String toString() {
    return "Playbook[" + plays.size() + " plays]";
  }
}
