package dev.leeway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh PostgreSQL databases for tests, each dropped afterwards. */
public final class TestDatabases {

  /** The server tests use; the same as CI starts. */
  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private static final String ADMIN = SERVER + "postgres?user=postgres";

  private TestDatabases() {}

  /** Creates an empty database and returns its JDBC URL. */
  public static String create() {
    String name =
        "leeway_test_"
            + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(ADMIN);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is needed at " + ADMIN + " for this test: " + e.getMessage(), e);
    }
    return SERVER + name + "?user=postgres";
  }

  /** Drops the database at {@code url}, closing whatever is still connected to it. */
  public static void drop(String url) {
    String name = url.substring(SERVER.length(), url.indexOf('?'));
    try (Connection c = DriverManager.getConnection(ADMIN);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop " + name + ": " + e.getMessage(), e);
    }
  }
}
