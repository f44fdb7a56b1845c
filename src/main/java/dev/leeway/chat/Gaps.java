package dev.leeway.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The most recent gaps, newest last, in memory and bounded; each one is also handed to a sink (the
 * server's keeps them in the store for good).
 */
public final class Gaps {

  private final int capacity;
  private final Deque<Gap> gaps = new ArrayDeque<>();
  private final Consumer<Gap> sink;
  private long total;

  public Gaps(int capacity) {
    this(capacity, gap -> {});
  }

  public Gaps(int capacity, Consumer<Gap> sink) {
    this.sink = sink;
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  public synchronized void record(Gap gap) {
    if (gaps.size() == capacity) {
      gaps.removeFirst();
    }
    gaps.addLast(gap);
    total++;
    sink.accept(gap);
  }

  /** The kept gaps, oldest first. */
  public synchronized List<Gap> recent() {
    return new ArrayList<>(gaps);
  }

  /** Every gap recorded since start, including those no longer kept. */
  public synchronized long total() {
    return total;
  }
}
