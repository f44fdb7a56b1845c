package dev.leeway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * One matcher build cache for the whole test run. A server keeps what its matcher build costs
 * (example embeddings, analysed terms, trained classifiers, the calibration) in {@code
 * <data>/cache}, keyed by what they were built from. Test classes start servers in fresh data
 * folders; without this each would train the starter pack's matcher from nothing. Copying the run's
 * cache in before a start and the server's cache back after it lets every start after the first
 * load what an earlier one built, through the server's own cache code. A test about cold starts
 * simply does not use it.
 */
public final class SharedBuildCache {

  private static final Path SHARED = Path.of("target", "test-build-cache");

  private SharedBuildCache() {}

  /** Runs {@code start} with the run's cache copied into {@code dataDir}, then keeps its cache. */
  public static synchronized <T> T around(Path dataDir, Callable<T> start) throws Exception {
    Path cache = dataDir.resolve("cache");
    copy(SHARED, cache);
    T started = start.call();
    copy(cache, SHARED);
    return started;
  }

  /** Copies every file of {@code from} into {@code to}, each atomically; no folder, no copy. */
  private static void copy(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".copy")) {
          continue;
        }
        Path temp = to.resolve(name + ".copy");
        Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            temp,
            to.resolve(name),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy the build cache from " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }
}
