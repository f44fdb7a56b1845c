package dev.leeway.curate;

import dev.leeway.playbook.ContentFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which file holds which play in one revision of the content, read from each play file's {@code
 * id}. The map of the latest revision asked for is kept, so repeated look-ups cost nothing.
 */
final class PlayFiles {

  private record Known(long revision, Map<String, String> paths) {}

  private volatile Known known = new Known(-1, Map.of());

  /** The path of play {@code id} in {@code published}, if it has one. */
  Optional<String> pathOf(ContentRevisions.Published published, String id) {
    return Optional.ofNullable(paths(published).get(id));
  }

  /** Every play's path by id, in path order. */
  Map<String, String> paths(ContentRevisions.Published published) {
    Known now = known;
    if (now.revision() == published.revision()) {
      return now.paths();
    }
    Map<String, String> paths = new LinkedHashMap<>();
    for (String path : published.files().plays()) {
      String id = published.files().field(path, "id");
      if (id != null) {
        paths.putIfAbsent(id, path);
      }
    }
    known = new Known(published.revision(), java.util.Collections.unmodifiableMap(paths));
    return known.paths();
  }

  /** The folder a play file sits in: its domain ({@code playbooks/<domain>/<id>.yaml}). */
  static String domainOf(String path) {
    String rest = path.substring(ContentFiles.PLAYBOOKS.length());
    int slash = rest.lastIndexOf('/');
    return slash < 0 ? "" : rest.substring(0, slash);
  }
}
