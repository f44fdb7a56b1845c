package dev.leeway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The store: the embedded SQLite file by default, PostgreSQL when configured, through plain JDBC on
 * both. All writes go through one {@link BatchWriter} thread (SQLite has one writer anyway;
 * batching makes one commit serve many requests); reads run on the caller's thread, each thread
 * with its own connection, never on an event loop.
 */
public final class Store implements AutoCloseable {

  static {
    // Flyway reports every migration at INFO; a start-up needs only its warnings.
    if (System.getProperty("org.slf4j.simpleLogger.log.org.flywaydb") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
    }
  }

  private final StoreSettings settings;
  private final Dialect dialect;
  private final String url;
  private final String where;
  private final BatchWriter writer;
  private final ThreadLocal<Connection> readers = new ThreadLocal<>();
  private final List<Connection> opened = new CopyOnWriteArrayList<>();
  private final AnswerRepository answers = new AnswerRepository();
  private final FeedbackRepository feedback = new FeedbackRepository();
  private final GapRepository gaps = new GapRepository();
  private final ConversationRepository conversations = new ConversationRepository();
  private final ContentRepository content = new ContentRepository();
  private final DraftRepository drafts = new DraftRepository();
  private final LedgerRepository ledger;
  private final UserRepository users = new UserRepository();
  private final AuditLog audit = new AuditLog(this);

  private Store(StoreSettings settings, Dialect dialect, String url, String where)
      throws SQLException {
    this.settings = settings;
    this.dialect = dialect;
    this.url = url;
    this.where = where;
    this.ledger = new LedgerRepository(dialect);
    this.writer = new BatchWriter(this::connect, where);
  }

  /**
   * Opens the configured store and brings its schema up to date.
   *
   * @throws StoreException naming the file or server and what to do: a file that is not a database
   *     or cannot be read, a server that cannot be reached, a migration that failed
   */
  public static Store open(StoreSettings settings) {
    Dialect dialect = settings.databaseUrl().isPresent() ? Dialect.POSTGRESQL : Dialect.SQLITE;
    String url;
    String where;
    if (dialect == Dialect.SQLITE) {
      Path file = settings.file();
      where = file.toString();
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new StoreException(
            "cannot create the data folder "
                + file.toAbsolutePath().getParent()
                + ": "
                + e.getMessage()
                + "; set LEEWAY_DATA_DIR to a folder Leeway may write",
            e);
      }
      if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
        throw new StoreException(
            "cannot read and write the store "
                + file
                + ": check its permissions (the server needs to read and write it)",
            null);
      }
      url = "jdbc:sqlite:" + file.toAbsolutePath();
    } else {
      url = settings.databaseUrl().orElseThrow();
      where = withoutSecrets(url);
    }
    Store store;
    try {
      store = new Store(settings, dialect, url, where);
    } catch (SQLException e) {
      throw explain(dialect, where, e);
    }
    try {
      store.migrate();
      // A damaged file often opens and migrates; reading a page of each table finds most damage.
      store.read(
          c -> {
            try (Statement s = c.createStatement()) {
              for (String table :
                  List.of(
                      "answers",
                      "conversations",
                      "turns",
                      "feedback",
                      "gaps",
                      "grants",
                      "content_files",
                      "drafts",
                      "users",
                      "tokens",
                      "audit")) {
                s.executeQuery("SELECT * FROM " + table + " LIMIT 1").close();
              }
            }
            return null;
          });
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void migrate() {
    try {
      Flyway.configure()
          .dataSource(url, null, null)
          .locations(settings.migrations().toArray(String[]::new))
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof SQLException)) {
        cause = cause.getCause();
      }
      if (cause instanceof SQLException sql && connectionProblem(dialect, sql)) {
        throw explain(dialect, where, sql);
      }
      throw new StoreException(
          "the store's schema migration failed on "
              + where
              + ": "
              + firstLine(e.getMessage())
              + " -- nothing of it was applied (each migration runs in one transaction); restore the database from a backup"
              + " or run the Leeway version that wrote it",
          e);
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  public StoreSettings settings() {
    return settings;
  }

  /** Where the store is, for messages: the file, or the URL without its password. */
  public String where() {
    return where;
  }

  public AnswerRepository answers() {
    return answers;
  }

  public FeedbackRepository feedback() {
    return feedback;
  }

  public GapRepository gaps() {
    return gaps;
  }

  public ConversationRepository conversations() {
    return conversations;
  }

  /** The content's revisions: plays, the authority matrix and the shared facts. */
  public ContentRepository content() {
    return content;
  }

  /** Supervisors' drafts of content files. */
  public DraftRepository drafts() {
    return drafts;
  }

  public LedgerRepository ledger() {
    return ledger;
  }

  public UserRepository users() {
    return users;
  }

  /** The append-only audit log. */
  public AuditLog audit() {
    return audit;
  }

  /**
   * Queues a write; it commits with whatever else is queued, in one transaction. The future
   * completes once it is durable, or fails with the cause (and the write undone).
   */
  public <T> CompletableFuture<T> write(Work<T> work) {
    return writer.submit(work);
  }

  /** Completes once every write queued before it is durable. */
  public CompletableFuture<Void> flush() {
    return writer.submit(c -> null);
  }

  /** Runs a read on this thread's own connection (blocking: call it from a worker thread). */
  public <T> T read(Work<T> work) {
    return read(work, true);
  }

  private <T> T read(Work<T> work, boolean again) {
    Connection connection = readers.get();
    try {
      if (connection == null || connection.isClosed()) {
        connection = connect();
        readers.set(connection);
      }
      return work.run(connection);
    } catch (SQLException e) {
      boolean broken = connection != null && !valid(connection);
      drop(connection);
      if (broken && again) {
        // The database dropped this thread's connection (a restart): once more on a new one.
        return read(work, false);
      }
      if (connectionProblem(dialect, e)) {
        throw explain(dialect, where, e);
      }
      throw new StoreException("reading the store " + where + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean valid(Connection connection) {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void drop(Connection connection) {
    if (connection == null) {
      return;
    }
    readers.remove();
    opened.remove(connection);
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Already broken; a fresh one is opened on the next read.
    }
  }

  Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    if (dialect == Dialect.SQLITE) {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        s.execute("PRAGMA journal_mode = WAL");
        // FULL: a commit is on disk before it is acknowledged, even if the machine loses power.
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA foreign_keys = ON");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    opened.add(connection);
    return connection;
  }

  /** Runs SQLite's own check of the whole file; "ok" when it is sound (for tests and tools). */
  public List<String> integrityCheck() {
    if (dialect != Dialect.SQLITE) {
      return List.of("ok");
    }
    return read(
        c -> {
          List<String> rows = new ArrayList<>();
          try (Statement s = c.createStatement();
              var rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
              rows.add(rs.getString(1));
            }
          }
          return rows;
        });
  }

  @Override
  public void close() {
    writer.close();
    for (Connection connection : opened) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing anyway.
      }
    }
    opened.clear();
  }

  static boolean connectionProblem(Dialect dialect, SQLException e) {
    String state = e.getSQLState();
    return dialect == Dialect.POSTGRESQL
            && state != null
            && (state.startsWith("08") || state.equals("3D000") || state.equals("28000"))
        || dialect == Dialect.SQLITE && notADatabase(e);
  }

  private static boolean notADatabase(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("SQLITE_NOTADB")
        || message.contains("SQLITE_CORRUPT")
        || message.contains("SQLITE_CANTOPEN")
        || message.contains("SQLITE_READONLY");
  }

  static StoreException explain(Dialect dialect, String where, SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (dialect == Dialect.POSTGRESQL) {
      String state = String.valueOf(e.getSQLState());
      if (state.equals("3D000")) {
        return new StoreException(
            "the database in "
                + where
                + " does not exist: create it (createdb) or fix "
                + StoreSettings.DATABASE_URL,
            e);
      }
      if (state.startsWith("08")) {
        return new StoreException(
            "cannot reach PostgreSQL at "
                + where
                + ": "
                + firstLine(message)
                + " -- start PostgreSQL or fix "
                + StoreSettings.DATABASE_URL,
            e);
      }
      return new StoreException(
          "PostgreSQL at "
              + where
              + " refused the store: "
              + firstLine(message)
              + " -- check "
              + StoreSettings.DATABASE_URL,
          e);
    }
    if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
      return new StoreException(
          "the store "
              + where
              + " is not a SQLite database or is damaged ("
              + firstLine(message)
              + "): restore it from a backup,"
              + " or move it away to start with an empty store",
          e);
    }
    if (message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_READONLY")) {
      return new StoreException(
          "cannot open the store "
              + where
              + " for writing ("
              + firstLine(message)
              + "): check the file's and folder's permissions",
          e);
    }
    return new StoreException("cannot open the store " + where + ": " + firstLine(message), e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  /** A JDBC URL with any password taken out, fit for a message or a log. */
  static String withoutSecrets(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***")
        .replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }
}
