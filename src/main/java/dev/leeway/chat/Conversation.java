package dev.leeway.chat;

import dev.leeway.facts.FactSet;
import dev.leeway.match.MatchResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent's conversation about one customer: its turns, the facts gathered so far, the plays in
 * focus and the question waiting for an answer. Changed only by {@link Dialogue}, one turn at a
 * time (callers hold the conversation's lock).
 */
public final class Conversation {

  private final String id;
  private final String owner;
  private final String role;
  private final Instant created;
  private final List<Turn> turns = new ArrayList<>();
  private Instant lastActive;
  private FactSet facts = FactSet.empty();
  private MatchResult.Matched focus;
  private FollowUp pending;
  private String customerId;

  public Conversation(String id, String owner, String role, Instant created) {
    this.id = Objects.requireNonNull(id, "id");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.role = Objects.requireNonNull(role, "role");
    this.created = Objects.requireNonNull(created, "created");
    this.lastActive = created;
  }

  public String id() {
    return id;
  }

  /** The user who started it; nobody else may read or continue it. */
  public String owner() {
    return owner;
  }

  /** The role whose authority decisions use. */
  public String role() {
    return role;
  }

  public Instant created() {
    return created;
  }

  /** The customer the case is about, once the caller names one (budgets count against it). */
  public synchronized Optional<String> customerId() {
    return Optional.ofNullable(customerId);
  }

  /** Names the customer; a later name replaces an earlier one. */
  public synchronized void customerId(String id) {
    this.customerId = id;
  }

  public synchronized Instant lastActive() {
    return lastActive;
  }

  public synchronized List<Turn> turns() {
    return List.copyOf(turns);
  }

  /** How many turns so far, without copying them. */
  public synchronized int turnCount() {
    return turns.size();
  }

  public synchronized FactSet facts() {
    return facts;
  }

  synchronized Optional<MatchResult.Matched> focus() {
    return Optional.ofNullable(focus);
  }

  public synchronized Optional<FollowUp> pending() {
    return Optional.ofNullable(pending);
  }

  synchronized void touch(Instant at) {
    if (at.isAfter(lastActive)) {
      lastActive = at;
    }
  }

  synchronized void record(
      Turn turn, FactSet newFacts, MatchResult.Matched newFocus, FollowUp newPending) {
    turns.add(turn);
    facts = newFacts;
    focus = newFocus;
    pending = newPending;
    touch(turn.at());
  }
}
