package dev.leeway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.leeway.json.Json;
import dev.leeway.store.AuditAction;
import dev.leeway.store.Store;
import dev.leeway.store.StoreException;
import dev.leeway.store.UserRepository.UserRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * Moves an earlier release's {@code tokens.json} (a list of hashed tokens, each with its user and
 * role) into the store, once: the tokens are added in one transaction with an audit record, then
 * the file is renamed {@code tokens.json.imported}. Tokens already in the store are skipped, so an
 * import cut short before the rename simply runs again.
 *
 * <p>The store keeps one role per user. A user whose tokens in the file had different roles gets
 * the role of their newest active token; their active tokens with another role are imported
 * revoked, and a warning names them.
 */
final class TokenFileImport {

  private static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

  /** One token as the file kept it. */
  record FileEntry(String user, String role, String hash, Instant created, Instant revoked) {}

  private record Outcome(int added, int users, List<String> conflicts) {}

  private TokenFileImport() {}

  static void run(Store store, Path dataDir) {
    Path file = dataDir.resolve(TokenStore.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return;
    }
    List<FileEntry> entries = read(file);
    Map<String, List<FileEntry>> byUser = new LinkedHashMap<>();
    entries.stream()
        .sorted(
            Comparator.comparing(
                FileEntry::created, Comparator.nullsFirst(Comparator.naturalOrder())))
        .forEach(e -> byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e));
    Instant now = Instant.now();
    Outcome outcome;
    try {
      outcome =
          store
              .write(
                  c -> {
                    int added = 0;
                    List<String> conflicts = new ArrayList<>();
                    for (var user : byUser.entrySet()) {
                      List<FileEntry> tokens = user.getValue();
                      Optional<UserRow> existing = store.users().user(c, user.getKey());
                      String role = existing.map(UserRow::role).orElseGet(() -> chosenRole(tokens));
                      if (existing.isEmpty()) {
                        Instant first =
                            tokens.get(0).created() == null ? now : tokens.get(0).created();
                        store.users().insertUser(c, new UserRow(user.getKey(), role, first));
                      }
                      for (FileEntry token : tokens) {
                        Instant revoked = token.revoked();
                        if (revoked == null && !token.role().equals(role)) {
                          revoked = now;
                          conflicts.add(user.getKey() + " (" + token.role() + ")");
                        }
                        if (store
                            .users()
                            .insertToken(
                                c,
                                token.hash(),
                                user.getKey(),
                                token.created() == null ? now : token.created(),
                                revoked)) {
                          added++;
                        }
                      }
                    }
                    store
                        .audit()
                        .append(
                            c,
                            now,
                            "leeway",
                            AuditAction.TOKENS_IMPORTED,
                            file.toString(),
                            added
                                + " of "
                                + entries.size()
                                + " tokens, "
                                + byUser.size()
                                + " users"
                                + (conflicts.isEmpty()
                                    ? ""
                                    : "; revoked for a role other than their user's: "
                                        + String.join(", ", conflicts)));
                    return new Outcome(added, byUser.size(), conflicts);
                  })
              .get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new StoreException(
              "importing " + file + " into the store failed: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while importing " + file, e);
    }
    if (!outcome.conflicts().isEmpty()) {
      LOG.warning(
          "users keep one role in the store: these tokens from "
              + file
              + " had another role than their user's newest token and were imported revoked: "
              + String.join(", ", outcome.conflicts())
              + "; issue new ones with 'leeway token create' if they are still needed");
    }
    Path retired = retire(file);
    LOG.info(
        "imported "
            + outcome.added()
            + " tokens of "
            + outcome.users()
            + " users from "
            + file
            + " into the store "
            + store.where()
            + (retired == null
                ? " (the file could not be renamed; it is imported again, adding nothing, on the next start)"
                : "; the file is now " + retired)
            + ". Users and tokens live in the store now: manage them with 'leeway token create',"
            + " 'leeway token revoke', 'leeway token role' and 'leeway token list'");
  }

  /** The role of the user's newest active token, else of their newest token. */
  private static String chosenRole(List<FileEntry> oldestFirst) {
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      if (oldestFirst.get(i).revoked() == null) {
        return oldestFirst.get(i).role();
      }
    }
    return oldestFirst.get(oldestFirst.size() - 1).role();
  }

  private static Path retire(Path file) {
    Path target = file.resolveSibling(file.getFileName() + ".imported");
    if (Files.exists(target)) {
      target = file.resolveSibling(file.getFileName() + ".imported-" + System.currentTimeMillis());
    }
    try {
      Files.move(file, target);
      return target;
    } catch (IOException e) {
      LOG.warning("cannot rename " + file + " to " + target + ": " + e.getMessage());
      return null;
    }
  }

  private static List<FileEntry> read(Path file) {
    List<FileEntry> loaded;
    try {
      loaded =
          Json.json()
              .readValue(
                  Files.readString(file, StandardCharsets.UTF_8),
                  new TypeReference<List<FileEntry>>() {});
    } catch (IOException e) {
      String why =
          e instanceof JsonProcessingException json
              ? json.getOriginalMessage()
                  + (json.getLocation() == null
                      ? ""
                      : " at line "
                          + json.getLocation().getLineNr()
                          + ", column "
                          + json.getLocation().getColumnNr())
              : e.getMessage();
      throw new IllegalStateException(unreadable(file, why), e);
    }
    if (loaded == null) {
      throw new IllegalStateException(unreadable(file, "it holds null, not a list of tokens"));
    }
    for (int i = 0; i < loaded.size(); i++) {
      FileEntry e = loaded.get(i);
      if (e == null || e.user() == null || e.role() == null || e.hash() == null) {
        throw new IllegalStateException(
            unreadable(file, "entry " + (i + 1) + " lacks a user, role or hash"));
      }
    }
    return loaded;
  }

  private static String unreadable(Path file, String why) {
    return "cannot import the token file "
        + file
        + ": "
        + why
        + " -- fix it, or move it away to start without its tokens (users and tokens now live in"
        + " the store; the file is read once, then renamed)";
  }
}
