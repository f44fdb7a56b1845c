package dev.leeway.chat;

import dev.leeway.facts.FactSet;
import dev.leeway.match.MatchResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent's conversation: its turns, and the case in hand (one customer at a time) with the facts
 * gathered for it and where its dialogue stands. Earlier cases keep their turns; their facts are
 * gone. Changed only by {@link Dialogue}: it reads a {@link Snapshot}, works out the turn without
 * holding the lock, and {@link #apply applies} it if nothing was taken meanwhile.
 */
public final class Conversation {

  private final String id;
  private final String owner;
  private final String role;
  private final Instant created;
  private final List<Turn> turns = new ArrayList<>();
  private final List<Case> cases = new ArrayList<>();
  private Instant lastActive;
  private FactSet facts = FactSet.empty();
  private DialogueState state = new DialogueState.Idle();
  private final List<String> caseTexts = new ArrayList<>();
  private long version;
  private String customerId;

  public Conversation(String id, String owner, String role, Instant created) {
    this.id = Objects.requireNonNull(id, "id");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.role = Objects.requireNonNull(role, "role");
    this.created = Objects.requireNonNull(created, "created");
    this.lastActive = created;
    this.cases.add(Case.opened(1, created));
  }

  /**
   * Everything a turn is worked out from, as it was at one moment.
   *
   * @param version how many changes the conversation had seen; a turn applies only to this one
   * @param caseTexts what the agent typed in the case in hand so far
   */
  public record Snapshot(
      long version,
      int turnCount,
      int caseNumber,
      List<String> caseTexts,
      DialogueState state,
      FactSet facts) {

    public Snapshot {
      caseTexts = List.copyOf(caseTexts);
    }

    /** How many turns the case in hand has had. */
    public int caseTurns() {
      return caseTexts.size();
    }

    /** The same moment, with a new case opened: no facts, nothing in hand. */
    Snapshot newCase() {
      return new Snapshot(
          version, turnCount, caseNumber + 1, List.of(), new DialogueState.Idle(), FactSet.empty());
    }

    Snapshot in(DialogueState other) {
      return new Snapshot(version, turnCount, caseNumber, caseTexts, other, facts);
    }
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

  /**
   * Names the customer (null: none); a later name replaces an earlier one. {@link #newCase} forgets
   * it.
   */
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

  /** The facts of the case in hand. */
  public synchronized FactSet facts() {
    return facts;
  }

  /** The number of the case in hand, from 1. */
  public synchronized int caseNumber() {
    return cases.size();
  }

  /** Every case so far, the one in hand last. */
  public synchronized List<Case> cases() {
    return List.copyOf(cases);
  }

  public synchronized DialogueState state() {
    return state;
  }

  synchronized Optional<MatchResult.Matched> focus() {
    return state.focus();
  }

  public synchronized Optional<FollowUp> pending() {
    return state.pending();
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(version, turns.size(), cases.size(), caseTexts, state, facts);
  }

  synchronized void touch(Instant at) {
    if (at.isAfter(lastActive)) {
      lastActive = at;
    }
  }

  /**
   * Opens a new case now: the facts and any question waiting are dropped. A case with no turn yet
   * is not left behind empty: it is the new case.
   *
   * @return the number of the case in hand afterwards
   */
  public synchronized int newCase(Instant at) {
    if (!caseTexts.isEmpty()) {
      cases.add(Case.opened(cases.size() + 1, at));
    }
    facts = FactSet.empty();
    state = new DialogueState.Idle();
    caseTexts.clear();
    customerId = null;
    version++;
    touch(at);
    return cases.size();
  }

  /**
   * Records a turn worked out from {@code from}, if the conversation has not changed since.
   *
   * @return false when another turn (or a new case) came first; the turn must be worked out again
   */
  synchronized boolean apply(Snapshot from, Turn turn, FactSet newFacts, DialogueState newState) {
    if (from.version() != version) {
      return false;
    }
    if (turn.number() != turns.size() + 1) {
      throw new IllegalStateException(
          "turn " + turn.number() + " does not follow turn " + turns.size());
    }
    if (turn.caseNumber() == cases.size() + 1) {
      cases.add(Case.opened(turn.caseNumber(), turn.at()));
      caseTexts.clear();

    } else if (turn.caseNumber() != cases.size()) {
      throw new IllegalStateException(
          "turn " + turn.number() + " is in case " + turn.caseNumber() + " of " + cases.size());
    }
    turns.add(turn);
    caseTexts.add(turn.text());
    facts = newFacts;
    state = newState;
    newState
        .focus()
        .filter(f -> !(newState instanceof DialogueState.WaitingForChoice))
        .ifPresent(
            f ->
                cases.set(
                    cases.size() - 1, cases.getLast().about(f.best().playId(), f.best().title())));
    version++;
    touch(turn.at());
    return true;
  }
}
