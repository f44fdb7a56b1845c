package dev.leeway.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many errors of each kind a phase met; not thread-safe (a load's state lives on one event
 * loop).
 */
final class ErrorCounts {

  private final Map<String, Integer> byKind = new TreeMap<>();

  void add(String kind) {
    add(kind, 1);
  }

  void add(String kind, int count) {
    byKind.merge(kind, count, Integer::sum);
  }

  ErrorCounts copy() {
    ErrorCounts copy = new ErrorCounts();
    copy.byKind.putAll(byKind);
    return copy;
  }

  int total() {
    return byKind.values().stream().mapToInt(Integer::intValue).sum();
  }

  ObjectNode json() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("total", total());
    ObjectNode kinds = node.putObject("by_kind");
    byKind.forEach(kinds::put);
    return node;
  }

  String text() {
    int total = total();
    return total == 0 ? "0" : total + " " + byKind;
  }

  /** An exception as an error kind: its class and the start of its message. */
  static String kind(Throwable e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    if (message.length() > 80) {
      message = message.substring(0, 80) + "...";
    }
    return e.getClass().getSimpleName() + message;
  }
}
