package dev.leeway.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent gaps, newest last, in memory and bounded; the store will keep them for good
 * once it exists.
 */
public final class Gaps {

  private final int capacity;
  private final Deque<Gap> gaps = new ArrayDeque<>();
  private long total;

  public Gaps(int capacity) {
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
