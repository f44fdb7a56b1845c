package dev.leeway.auth;

import dev.leeway.store.AuditAction;
import dev.leeway.store.Store;
import dev.leeway.store.StoreException;
import dev.leeway.store.StoreSettings;
import dev.leeway.store.UserRepository.TokenRow;
import dev.leeway.store.UserRepository.UserRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Users and their API tokens, in the store as SHA-256 hashes: a token itself is shown once, when it
 * is issued, and never stored or logged. Tokens are 256 random bits, so a plain hash is enough
 * (there is nothing to guess that a slow hash would protect). Every change is written with its
 * audit record in one transaction.
 *
 * <p>{@link #verify} reads only memory. A running server calls {@link #refresh} every second on a
 * worker thread; it asks the store for the latest token change in the audit log and reloads only
 * when there is a newer one, so {@code leeway token revoke} run in another process takes effect
 * within a second.
 */
public final class TokenStore {

  /** Where an earlier release kept tokens, in the data folder; imported once, then renamed. */
  public static final String FILE_NAME = "tokens.json";

  private static final String PREFIX = "lw_";
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

  /** The audit actions that change who may sign in, and as whom. */
  static final Set<AuditAction> CHANGES =
      EnumSet.of(
          AuditAction.TOKEN_ISSUED,
          AuditAction.TOKEN_REVOKED,
          AuditAction.ROLE_CHANGED,
          AuditAction.TOKENS_IMPORTED);

  /** One issued token, as stored, with its user's role. */
  public record Entry(String user, String role, String hash, Instant created, Instant revoked) {
    public boolean active() {
      return revoked == null;
    }

    /** A short, harmless name for the token in logs and the audit log: its hash's first digits. */
    public String id() {
      return hash.substring(0, 12);
    }
  }

  /** How a token signed in. */
  public enum Via {
    /** A call to the HTTP API: recorded once per token and server start. */
    API,
    /** A WebSocket session: every one is recorded. */
    SOCKET
  }

  private final Store store;
  private volatile Map<String, Entry> byHash = Map.of();
  private volatile List<Entry> entries = List.of();
  private long loadedSeq = -1;
  private boolean failing;
  private final Set<String> signedIn = ConcurrentHashMap.newKeySet();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private TokenStore(Store store) {
    this.store = store;
  }

  /**
   * The users and tokens in {@code store}. An earlier release's {@code tokens.json} in the store's
   * data folder is imported first, then renamed (see {@link TokenFileImport}).
   *
   * @throws IllegalStateException when that file cannot be read, naming it and the problem
   * @throws StoreException when the store cannot be read
   */
  public static TokenStore open(Store store) {
    TokenFileImport.run(store, store.settings().dataDir());
    TokenStore tokens = new TokenStore(store);
    tokens.reload();
    return tokens;
  }

  /** Opens the store {@code settings} name, runs {@code work} on its tokens and closes it. */
  public static <T> T using(StoreSettings settings, Function<TokenStore, T> work) {
    try (Store store = Store.open(settings)) {
      return work.apply(open(store));
    }
  }

  /** Who the command line acts as in the audit log: {@code cli:} and the operating-system user. */
  public static String operator() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  /** Where users and tokens are kept, for messages. */
  public String where() {
    return store.where();
  }

  /**
   * Runs {@code listener} after every change of tokens (issued, revoked, a role changed, here or by
   * another process), on the thread that saw the change; it must be quick and must not block.
   */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** As {@link #issue(String, String, String, Instant)}, by the {@link #operator()}. */
  public String issue(String user, String role, Instant now) {
    return issue(operator(), user, role, now);
  }

  /**
   * Issues a new token for {@code user} with {@code role} and returns it; only its hash is kept. A
   * new user is created with that role.
   *
   * @throws IllegalArgumentException for a user name that is empty or has odd characters, or a user
   *     who exists with another role (change it with {@link #changeRole} first)
   */
  public String issue(String actor, String user, String role, Instant now) {
    return issueAll(actor, Map.of(user, role), now).get(user);
  }

  /**
   * As {@link #issue(String, String, String, Instant)} for many users at once (one token each), in
   * one transaction: all are issued or none. Returns each user's token.
   */
  public Map<String, String> issueAll(String actor, Map<String, String> roleByUser, Instant now) {
    Map<String, String> tokens = new java.util.LinkedHashMap<>();
    for (String user : roleByUser.keySet()) {
      if (!USER_NAME.matcher(user).matches()) {
        throw new IllegalArgumentException(
            "user '"
                + user
                + "': use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
      }
      byte[] secret = new byte[32];
      RANDOM.nextBytes(secret);
      tokens.put(user, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }
    await(
        store.write(
            c -> {
              for (var issued : tokens.entrySet()) {
                String user = issued.getKey();
                String role = roleByUser.get(user);
                String hash = hash(issued.getValue());
                Optional<UserRow> existing = store.users().user(c, user);
                if (existing.isPresent() && !existing.get().role().equals(role)) {
                  throw new IllegalArgumentException(
                      "user '"
                          + user
                          + "' has the role '"
                          + existing.get().role()
                          + "', not '"
                          + role
                          + "': change it first with 'leeway token role --user "
                          + user
                          + " --role "
                          + role
                          + "' (every token of the user follows)");
                }
                if (existing.isEmpty()) {
                  store.users().insertUser(c, new UserRow(user, role, now));
                }
                store.users().insertToken(c, hash, user, now, null);
                store
                    .audit()
                    .append(
                        c,
                        now,
                        actor,
                        AuditAction.TOKEN_ISSUED,
                        user,
                        "token " + hash.substring(0, 12) + ", role " + role);
              }
              return null;
            }));
    reload();
    return tokens;
  }

  /** As {@link #revoke(String, String, Instant)}, by the {@link #operator()}. */
  public int revoke(String user, Instant now) {
    return revoke(operator(), user, now);
  }

  /** Revokes every active token of {@code user}; returns how many. */
  public int revoke(String actor, String user, Instant now) {
    int revoked =
        await(
            store.write(
                c -> {
                  int n = store.users().revoke(c, user, now);
                  if (n > 0) {
                    store
                        .audit()
                        .append(
                            c,
                            now,
                            actor,
                            AuditAction.TOKEN_REVOKED,
                            user,
                            n + (n == 1 ? " token" : " tokens"));
                  }
                  return n;
                }));
    reload();
    return revoked;
  }

  /**
   * Gives {@code user} the role {@code role}; every token they hold carries it from now on, and
   * their open WebSocket sessions close. Returns the role they had, or empty for an unknown user.
   */
  public Optional<String> changeRole(String actor, String user, String role, Instant now) {
    Optional<String> before =
        await(
            store.write(
                c -> {
                  Optional<UserRow> existing = store.users().user(c, user);
                  if (existing.isPresent() && !existing.get().role().equals(role)) {
                    store.users().setRole(c, user, role);
                    store
                        .audit()
                        .append(
                            c,
                            now,
                            actor,
                            AuditAction.ROLE_CHANGED,
                            user,
                            "from " + existing.get().role() + " to " + role);
                  }
                  return existing.map(UserRow::role);
                }));
    reload();
    return before;
  }

  /** The user a token belongs to, if it is known and not revoked. Reads only memory. */
  public Optional<User> verify(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    Entry entry = byHash.get(hash(token));
    return entry != null && entry.active()
        ? Optional.of(new User(entry.user(), entry.role()))
        : Optional.empty();
  }

  /**
   * As {@link #verify}, and records the sign-in in the audit log: every WebSocket session, and a
   * token's first API call since this server started (not every request). The record is written
   * with the store's next batch; this does not wait for it.
   */
  public Optional<User> signIn(String token, Via via) {
    Optional<User> user = verify(token);
    if (user.isPresent()) {
      String hash = hash(token);
      if (via == Via.SOCKET || signedIn.add(hash)) {
        store
            .audit()
            .record(
                user.get().name(),
                AuditAction.SIGN_IN,
                user.get().name(),
                (via == Via.SOCKET
                        ? "WebSocket session"
                        : "first API call since the server started")
                    + ", token "
                    + hash.substring(0, 12)
                    + ", role "
                    + user.get().role())
            .whenComplete(
                (seq, e) -> {
                  if (e != null) {
                    LOG.log(Level.WARNING, "a sign-in was not recorded in the audit log", e);
                  }
                });
      }
    }
    return user;
  }

  /** Every token ever issued (hashes only), oldest first, as last read. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Reloads the tokens if another process (the token command) has changed them since they were last
   * read. Blocking: reads the store. A store that cannot be read is logged once, naming it and the
   * problem, and the tokens last read stay in use.
   */
  public void refresh() {
    long latest;
    try {
      latest = store.read(c -> store.audit().lastOf(c, CHANGES));
    } catch (StoreException e) {
      problem(e);
      return;
    }
    synchronized (this) {
      if (latest == loadedSeq) {
        return;
      }
    }
    try {
      reload();
    } catch (StoreException e) {
      problem(e);
    }
  }

  private synchronized void problem(StoreException e) {
    if (!failing) {
      failing = true;
      LOG.severe(
          "cannot read tokens from the store "
              + store.where()
              + ": "
              + e.getMessage()
              + "; still using the "
              + entries.size()
              + " tokens read before");
    }
  }

  private synchronized void reload() {
    record Read(long seq, List<TokenRow> rows) {}
    // The change number first: tokens read after it are at least that new.
    Read read =
        store.read(c -> new Read(store.audit().lastOf(c, CHANGES), store.users().tokens(c)));
    failing = false;
    List<Entry> loaded =
        read.rows().stream()
            .map(r -> new Entry(r.user(), r.role(), r.hash(), r.created(), r.revoked()))
            .toList();
    Map<String, Entry> index = new HashMap<>();
    loaded.forEach(e -> index.put(e.hash(), e));
    boolean changed = !loaded.equals(entries);
    entries = loaded;
    byHash = Map.copyOf(index);
    loadedSeq = read.seq();
    if (changed) {
      listeners.forEach(Runnable::run);
    }
  }

  private static <T> T await(CompletableFuture<T> write) {
    try {
      return write.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException("writing to the store failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while writing to the store", e);
    }
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
