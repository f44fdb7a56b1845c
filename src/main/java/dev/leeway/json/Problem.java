package dev.leeway.json;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with an input file, located precisely enough for a person to fix it.
 *
 * @param file the file, or null when the input did not come from a file
 * @param line the 1-based line, or 0 when unknown
 * @param field where in the document, as a path like {@code actions[1].kind}; empty for the whole
 *     document
 * @param message what is wrong, in plain words
 */
public record Problem(Path file, int line, String field, String message) {

  /** Orders problems by file, then line, then field, so reports read top to bottom. */
  public static final Comparator<Problem> ORDER =
      Comparator.comparing((Problem p) -> p.file() == null ? "" : p.file().toString())
          .thenComparingInt(Problem::line)
          .thenComparing(Problem::field);

  public Problem {
    Objects.requireNonNull(message, "message");
    field = field == null ? "" : field;
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
  }

  /** Formats as {@code file:line: field: message}, leaving out the parts that are unknown. */
  public String format() {
    StringBuilder out = new StringBuilder();
    if (file != null) {
      // Forward slashes so messages read the same on every platform and in tests.
      out.append(file.toString().replace('\\', '/'));
      if (line > 0) {
        out.append(':').append(line);
      }
      out.append(": ");
    } else if (line > 0) {
      out.append("line ").append(line).append(": ");
    }
    if (!field.isEmpty()) {
      out.append(field).append(": ");
    }
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
