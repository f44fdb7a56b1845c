package dev.leeway.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Recent feedback, newest last, bounded in memory until the store keeps it for good. */
public final class FeedbackLog {

  private final int capacity;
  private final Deque<Feedback> entries = new ArrayDeque<>();

  public FeedbackLog(int capacity) {
    this.capacity = capacity;
  }

  public synchronized void record(Feedback feedback) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(feedback);
  }

  public synchronized List<Feedback> recent() {
    return new ArrayList<>(entries);
  }
}
