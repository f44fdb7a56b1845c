package dev.leeway.json;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of loading a file or a folder of them: the loaded value, or every problem found.
 *
 * @param <T> what was loaded
 */
public sealed interface LoadResult<T> permits LoadResult.Loaded, LoadResult.Invalid {

  /** Everything was valid. */
  record Loaded<T>(T value) implements LoadResult<T> {
    public Loaded {
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  /** Something was wrong; {@code problems} lists all of it, in file and line order. */
  record Invalid<T>(List<Problem> problems) implements LoadResult<T> {
    public Invalid {
      problems = problems.stream().sorted(Problem.ORDER).toList();
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one problem");
      }
    }
  }

  /**
   * The value, or an IllegalStateException listing the problems (for callers that cannot go on).
   */
  default T orElseThrow() {
    return switch (this) {
      case Loaded<T> loaded -> loaded.value();
      case Invalid<T> invalid ->
          throw new IllegalStateException(
              invalid.problems().stream()
                  .map(Problem::format)
                  .collect(Collectors.joining("\n", "invalid input:\n", "")));
    };
  }
}
