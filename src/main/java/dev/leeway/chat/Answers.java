package dev.leeway.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recent answers by id, so feedback can be checked against what was actually suggested to whom.
 * Bounded: feedback comes within minutes, not weeks.
 */
public final class Answers {

  /** What an answer suggested, and to whom. */
  public record Given(String user, List<String> playIds, Set<String> actionIds) {
    public Given {
      playIds = List.copyOf(playIds);
      actionIds = Set.copyOf(actionIds);
    }
  }

  private final Map<String, Given> recent;

  public Answers(int capacity) {
    this.recent =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Given> eldest) {
            return size() > capacity;
          }
        };
  }

  public synchronized void remember(String answerId, String user, Advice advice) {
    List<String> plays = advice.plays().stream().map(s -> s.candidate().playId()).toList();
    Set<String> actions =
        advice.plays().stream()
            .flatMap(s -> s.decision().decisions().stream().map(d -> s.candidate().playId() + "/" + d.action().id()))
            .collect(java.util.stream.Collectors.toSet());
    recent.put(answerId, new Given(user, plays, actions));
  }

  public synchronized Optional<Given> find(String answerId) {
    return Optional.ofNullable(recent.get(answerId));
  }
}
