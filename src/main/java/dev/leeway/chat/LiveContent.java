package dev.leeway.chat;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The content answers are decided on now. An {@link Advisor} is one immutable snapshot of it (the
 * content and its revision, the matcher, the decider); this holds the current one and replaces it
 * whole. An answer takes {@link #current()} once and finishes on that snapshot, whatever is swapped
 * in meanwhile. Every server keeps one, and a new revision reaches answers only through {@link
 * #swap}.
 */
public final class LiveContent {
  private final AtomicReference<Advisor> current;

  public LiveContent(Advisor first) {
    this.current = new AtomicReference<>(Objects.requireNonNull(first, "first"));
  }

  /** The snapshot to decide the next answer on. */
  public Advisor current() {
    return current.get();
  }

  /**
   * Puts {@code next} in place only while {@code expected} is the current snapshot: a snapshot
   * refined in the background never overwrites a newer revision swapped in meanwhile.
   */
  public boolean replace(Advisor expected, Advisor next) {
    return current.compareAndSet(expected, Objects.requireNonNull(next, "next"));
  }

  /** Puts {@code next} in place for answers that start from now on; returns the one it replaced. */
  public Advisor swap(Advisor next) {
    return current.getAndSet(Objects.requireNonNull(next, "next"));
  }
}
