package dev.leeway.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A location inside a JSON or YAML document, written the way people read it: {@code
 * actions[1].kind}.
 *
 * @param segments object keys (String) and array indexes (Integer), outermost first
 */
public record FieldPath(List<Object> segments) {

  /** The whole document. */
  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    segments = List.copyOf(segments);
    for (Object segment : segments) {
      if (!(segment instanceof String) && !(segment instanceof Integer)) {
        throw new IllegalArgumentException("segment must be a key or an index: " + segment);
      }
    }
  }

  /** Builds a path from keys and indexes, e.g. {@code FieldPath.of("actions", 1, "kind")}. */
  public static FieldPath of(Object... segments) {
    return new FieldPath(List.of(segments));
  }

  /** This path followed by an object key. */
  public FieldPath key(String key) {
    return append(key);
  }

  /** This path followed by an array index. */
  public FieldPath index(int index) {
    return append(index);
  }

  /** The enclosing path, or ROOT for ROOT. */
  public FieldPath parent() {
    return segments.isEmpty() ? this : new FieldPath(segments.subList(0, segments.size() - 1));
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  private FieldPath append(Object segment) {
    List<Object> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(segment);
    return new FieldPath(next);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(segment);
      }
    }
    return out.toString();
  }
}
