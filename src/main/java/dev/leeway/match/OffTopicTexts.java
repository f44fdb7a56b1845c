package dev.leeway.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The supervisor-editable list of things agents type that are no customer's situation (small talk,
 * their own IT, general questions): one per line, blank lines and {@code #} comments ignored.
 */
public final class OffTopicTexts {
  private OffTopicTexts() {}

  /** The texts in {@code file}, or none when there is no such file. */
  public static List<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .distinct()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
