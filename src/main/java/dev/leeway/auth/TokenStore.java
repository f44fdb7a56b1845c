package dev.leeway.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.leeway.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * API tokens, kept as SHA-256 hashes in a JSON file in the data folder: the token itself is shown
 * once, when it is issued, and never stored or logged. Tokens are 256 random bits, so a plain hash
 * is enough (there is nothing to guess that a slow hash would protect).
 *
 * <p>{@link #verify} reads only memory; a running server calls {@link #refresh} every second on a
 * worker thread, so {@code leeway token revoke} takes effect within a second.
 */
public final class TokenStore {

  /** Where tokens live, under the data folder. */
  public static final String FILE_NAME = "tokens.json";

  private static final String PREFIX = "lw_";
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One issued token, as stored. */
  public record Entry(String user, String role, String hash, Instant created, Instant revoked) {
    public boolean active() {
      return revoked == null;
    }
  }

  private static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

  private final Path file;
  private Map<String, Entry> byHash = Map.of();
  private List<Entry> entries = List.of();
  private FileTime loadedVersion;

  /**
   * The version of the file that last failed to load, so its problem is logged once, not every
   * second.
   */
  private FileTime failedVersion;

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private TokenStore(Path file) {
    this.file = file;
  }

  /** The file the tokens are kept in. */
  public Path file() {
    return file;
  }

  /**
   * Runs {@code listener} after every change of tokens (issued, revoked, or the file changed by
   * another process), on the thread that made the change; it must be quick and must not block.
   */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** The store in {@code dataDir}; an absent file means no tokens yet. */
  public static TokenStore open(Path dataDir) {
    TokenStore store = new TokenStore(dataDir.resolve(FILE_NAME));
    store.reload();
    return store;
  }

  /**
   * Issues a new token for {@code user} with {@code role} and returns it; only its hash is kept.
   *
   * @throws IllegalArgumentException for a user name that is empty or has odd characters
   */
  public synchronized String issue(String user, String role, Instant now) {
    if (!USER_NAME.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "user '"
              + user
              + "': use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
    }
    reload();
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    List<Entry> next = new ArrayList<>(entries);
    next.add(new Entry(user, role, hash(token), now, null));
    write(next);
    return token;
  }

  /** Revokes every active token of {@code user}; returns how many. */
  public synchronized int revoke(String user, Instant now) {
    reload();
    int revoked = 0;
    List<Entry> next = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.user().equals(user) && entry.active()) {
        next.add(new Entry(entry.user(), entry.role(), entry.hash(), entry.created(), now));
        revoked++;
      } else {
        next.add(entry);
      }
    }
    if (revoked > 0) {
      write(next);
    }
    return revoked;
  }

  /** The user a token belongs to, if it is known and not revoked. */
  public Optional<User> verify(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    Entry entry;
    synchronized (this) {
      entry = byHash.get(hash(token));
    }
    return entry != null && entry.active()
        ? Optional.of(new User(entry.user(), entry.role()))
        : Optional.empty();
  }

  /** Every token ever issued (hashes only), oldest first. */
  public synchronized List<Entry> entries() {
    reload();
    return entries;
  }

  /**
   * Re-reads the file if another process (the token command) has changed it. Blocking: file I/O. A
   * file that no longer reads (hand-edited, half-copied) is logged once per change, naming the file
   * and the problem, and the tokens last read stay in use.
   */
  public synchronized void refresh() {
    FileTime version = version();
    if (version.equals(loadedVersion) || version.equals(failedVersion)) {
      return;
    }
    try {
      reload();
      failedVersion = null;
    } catch (UncheckedIOException e) {
      failedVersion = version;
      LOG.severe(e.getMessage() + "; still using the " + entries.size() + " tokens read before");
    }
  }

  private FileTime version() {
    try {
      return Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private synchronized void reload() {
    FileTime version = version();
    List<Entry> loaded;
    try {
      loaded =
          Files.exists(file)
              ? Json.json()
                  .readValue(
                      Files.readString(file, StandardCharsets.UTF_8),
                      new TypeReference<List<Entry>>() {})
              : List.of();
    } catch (IOException e) {
      String why =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException json
              ? json.getOriginalMessage()
                  + (json.getLocation() == null
                      ? ""
                      : " at line "
                          + json.getLocation().getLineNr()
                          + ", column "
                          + json.getLocation().getColumnNr())
              : e.getMessage();
      throw new UncheckedIOException("cannot read the token file " + file + ": " + why, e);
    }
    if (loaded == null) {
      String why = "cannot read the token file " + file + ": it holds null, not a list of tokens";
      throw new UncheckedIOException(why, new IOException(why));
    }
    for (int i = 0; i < loaded.size(); i++) {
      Entry e = loaded.get(i);
      if (e == null || e.user() == null || e.role() == null || e.hash() == null) {
        String why =
            "cannot read the token file "
                + file
                + ": entry "
                + (i + 1)
                + " lacks a user, role or hash";
        throw new UncheckedIOException(why, new IOException(why));
      }
    }
    install(loaded, version);
  }

  private void install(List<Entry> loaded, FileTime version) {
    Map<String, Entry> index = new HashMap<>();
    loaded.forEach(e -> index.put(e.hash(), e));
    boolean changed = !loaded.equals(entries);
    entries = List.copyOf(loaded);
    byHash = Map.copyOf(index);
    loadedVersion = version;
    if (changed) {
      listeners.forEach(Runnable::run);
    }
  }

  /**
   * Writes the whole file to a temporary sibling and moves it into place, so it is never
   * half-written.
   */
  private void write(List<Entry> next) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tokens", ".tmp");
      Files.writeString(
          temp,
          Json.json().writerWithDefaultPrettyPrinter().writeValueAsString(next),
          StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the token file " + file + ": " + e.getMessage(), e);
    }
    install(next, version());
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
