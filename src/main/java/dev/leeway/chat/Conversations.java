package dev.leeway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The open conversations, by id, in memory. A conversation idle longer than the configured time
 * expires; {@link #expire()} is called on a timer.
 */
public final class Conversations {

  private final Map<String, Conversation> open = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Clock clock;
  private final Function<String, Optional<Conversation>> archive;

  public Conversations(Duration idleTimeout, Clock clock) {
    this(idleTimeout, clock, id -> Optional.empty());
  }

  /**
   * Conversations that outlive the process: one not open here (after a restart) is looked up in
   * {@code archive}, which rebuilds it from its stored turns.
   */
  public Conversations(
      Duration idleTimeout, Clock clock, Function<String, Optional<Conversation>> archive) {
    this.archive = archive;
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive, was " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  public Conversation start(String owner, String role) {
    Conversation conversation =
        new Conversation(UUID.randomUUID().toString(), owner, role, clock.instant());
    open.put(conversation.id(), conversation);
    return conversation;
  }

  /**
   * The conversation if it is open (or stored and not idle too long) and belongs to {@code owner};
   * someone else's looks absent. May read the store: call it off the event loop.
   */
  public Optional<Conversation> find(String id, String owner) {
    Conversation conversation = open.get(id);
    if (conversation == null) {
      conversation = archive.apply(id).orElse(null);
      if (conversation != null && !expired(conversation, clock.instant())) {
        Conversation raced = open.putIfAbsent(id, conversation);
        conversation = raced == null ? conversation : raced;
      }
    }
    if (conversation == null
        || !conversation.owner().equals(owner)
        || expired(conversation, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(conversation);
  }

  /** Removes idle conversations; returns how many went. */
  public int expire() {
    Instant now = clock.instant();
    int before = open.size();
    open.values().removeIf(c -> expired(c, now));
    return before - open.size();
  }

  public int size() {
    return open.size();
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  private boolean expired(Conversation conversation, Instant now) {
    return conversation.lastActive().plus(idleTimeout).isBefore(now);
  }
}
