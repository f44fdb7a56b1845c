package dev.leeway.app;

import dev.leeway.chat.Advisor;
import dev.leeway.chat.LiveContent;
import dev.leeway.curate.ContentRevisions;
import dev.leeway.json.LoadResult;
import dev.leeway.match.Matcher;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Notices new content revisions in the store and puts them live: it reads the store's revision
 * counter every {@link #EVERY} on its own thread (one indexed row: as cheap on SQLite as on
 * PostgreSQL, and every server sharing a database sees the same counter), validates the new
 * revision, builds its snapshot reusing what it can, and swaps it in. An invalid revision is
 * refused with the loader's messages and the current content keeps serving. When that snapshot is
 * provisional (see {@link ContentBuilder.Built}), the matcher a fresh start would build follows on
 * a second thread and is swapped in second, as long as the provisional matcher is still the one
 * answers are decided on.
 */
final class ContentWatcher implements AutoCloseable {

  /** How often the revision counter is read. */
  static final Duration EVERY = Duration.ofMillis(200);

  /** How long a replaced matcher stays open for answers still running on it. */
  private static final long RETIRE_AFTER_NANOS = Duration.ofSeconds(60).toNanos();

  private record Retired(Matcher matcher, long closeAt) {}

  private final ContentRevisions revisions;
  private final ContentBuilder builder;
  private final LiveContent live;
  private final PrintStream log;
  private final ContentLoader.Memo memo;
  private final Thread thread;
  private final List<Retired> retired = java.util.Collections.synchronizedList(new ArrayList<>());
  private final java.util.concurrent.ExecutorService rebuilding =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("leeway-content-rebuild").daemon().factory());
  private volatile long served;
  // Rebuilds queued or running: while there are, a provisional matcher may be serving.
  private final java.util.concurrent.atomic.AtomicInteger rebuilds =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile long refused;
  private volatile boolean running = true;
  private boolean unreachable;

  ContentWatcher(
      ContentRevisions revisions,
      ContentBuilder builder,
      LiveContent live,
      long served,
      ContentLoader.Memo memo,
      PrintStream log) {
    this.memo = memo;
    this.revisions = revisions;
    this.builder = builder;
    this.live = live;
    this.served = served;
    this.log = log;
    this.thread = Thread.ofPlatform().name("leeway-content").daemon().unstarted(this::run);
  }

  ContentWatcher start() {
    thread.start();
    return this;
  }

  /** The revision answers are decided on now. */
  long served() {
    return served;
  }

  /** Whether no matcher is being built in full to replace a provisional one. */
  boolean settled() {
    return rebuilds.get() == 0;
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(EVERY);
        closeRetired(false);
        long head = revisions.head();
        unreachable = false;
        if (head > served && head != refused) {
          refresh();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!unreachable) {
          log.println(
              "leeway: cannot read the content's revision from the store (still serving revision "
                  + served
                  + "): "
                  + e.getMessage());
          unreachable = true;
        }
      }
    }
  }

  /** Validates and builds the published revision, then swaps it in. */
  private void refresh() {
    long start = System.nanoTime();
    ContentRevisions.Published published = revisions.published();
    long read = System.nanoTime();
    Content content;
    switch (ContentRevisions.load(published, memo)) {
      case LoadResult.Invalid<Content> invalid -> {
        refused = published.revision();
        log.printf(
            "leeway: content revision %d refused, still serving revision %d:%n",
            published.revision(), served);
        invalid.problems().forEach(p -> log.println("  " + p.format()));
        return;
      }
      case LoadResult.Loaded<Content> loaded -> content = loaded.value();
    }
    long validated = System.nanoTime();
    ContentBuilder.Built built = builder.next(content, live.current());
    Advisor previous = live.swap(built.advisor());
    served = published.revision();
    if (!built.matcherKept()) {
      retired.add(new Retired(previous.matcher(), System.nanoTime() + RETIRE_AFTER_NANOS));
    }
    log.printf(
        Locale.ROOT,
        "leeway: content revision %d live in %d ms (read %d ms, validated %d ms, built %d ms: %s,"
            + " %d published plays)%n",
        published.revision(),
        (System.nanoTime() - start) / 1_000_000,
        (read - start) / 1_000_000,
        (validated - read) / 1_000_000,
        (System.nanoTime() - validated) / 1_000_000,
        built.matcherKept()
            ? built.provisional() ? "matcher kept, plays that left skipped" : "matcher kept"
            : "classifiers trained, calibration kept: " + built.advisor().matcher().buildTimings(),
        content.playbook().published().size());
    if (built.provisional()) {
      Matcher provisional = built.advisor().matcher();
      long revision = published.revision();
      rebuilds.incrementAndGet();
      rebuilding.execute(
          () -> {
            try {
              rebuild(provisional, revision);
            } finally {
              rebuilds.decrementAndGet();
            }
          });
    }
  }

  /**
   * Builds the matcher a fresh start would build for the content answers are decided on and swaps
   * it in for {@code provisional}, unless a later revision brought another matcher or other
   * matching text meanwhile (its own rebuild, queued behind this one, then takes over).
   */
  private void rebuild(Matcher provisional, long revision) {
    Advisor basis = live.current();
    if (basis.matcher() != provisional) {
      return; // superseded before it started
    }
    long start = System.nanoTime();
    Matcher full;
    try {
      full = builder.matcher(basis.content());
    } catch (RuntimeException e) {
      log.println(
          "leeway: content revision "
              + revision
              + ": the matcher could not be built in full, the provisional one keeps serving: "
              + e.getMessage());
      return;
    }
    while (true) {
      Advisor current = live.current();
      if (current.matcher() != provisional
          || !ContentBuilder.matchKey(current.content())
              .equals(ContentBuilder.matchKey(basis.content()))) {
        full.close(); // a later revision changed what to match: this one was never served
        return;
      }
      if (live.replace(current, builder.withMatcher(current, full))) {
        break;
      }
    }
    retired.add(new Retired(provisional, System.nanoTime() + RETIRE_AFTER_NANOS));
    log.printf(
        Locale.ROOT,
        "leeway: content revision %d matcher built in full and swapped in after %d ms (%s)%n",
        revision,
        (System.nanoTime() - start) / 1_000_000,
        full.buildTimings());
  }

  private void closeRetired(boolean all) {
    long now = System.nanoTime();
    synchronized (retired) {
      retired.removeIf(
          r -> {
            if (all || now - r.closeAt() >= 0) {
              r.matcher().close();
              return true;
            }
            return false;
          });
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    rebuilding.shutdownNow();
    try {
      thread.join(10_000);
      rebuilding.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeRetired(true);
  }
}
