package dev.leeway.app;

import dev.leeway.curate.ContentRevisions;
import dev.leeway.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;

/** One revision of the content kept in a store, as the commands that read it ask for it. */
final class StoredRevision {

  private StoredRevision() {}

  /**
   * The content at {@code revision}, or the published content when it is null; empty, with the
   * reason written to {@code err}, when the store holds no content yet or no such revision.
   *
   * @param whenEmpty what to do instead when the store holds no content, appended to the message
   */
  static Optional<ContentRevisions.Published> read(
      Store store, Long revision, String whenEmpty, PrintWriter err) {
    ContentRevisions revisions = new ContentRevisions(store, Clock.systemUTC());
    long head = revisions.head();
    if (head == 0) {
      err.println(
          "leeway: the store "
              + store.where()
              + " holds no content yet (a server's first start stores the folders' content)"
              + whenEmpty);
      return Optional.empty();
    }
    if (revision != null && (revision < 1 || revision > head)) {
      err.println("leeway: no revision " + revision + " (revisions are 1 to " + head + ")");
      return Optional.empty();
    }
    return Optional.of(revision == null ? revisions.published() : revisions.at(revision));
  }
}
