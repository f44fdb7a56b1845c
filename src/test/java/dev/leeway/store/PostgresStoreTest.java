package dev.leeway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on the real PostgreSQL, in a fresh database per test, dropped afterwards. */
class PostgresStoreTest extends StoreContract {

  @TempDir Path dataDir;
  String url;

  @Override
  StoreSettings fresh() {
    if (url != null) {
      TestDatabases.drop(url);
    }
    url = TestDatabases.create();
    return StoreSettings.postgres(url, dataDir);
  }

  @Override
  StoreSettings again() {
    return StoreSettings.postgres(url, dataDir);
  }

  @Override
  Store second() {
    return Store.open(again());
  }

  @org.junit.jupiter.api.AfterEach
  void dropDatabase() {
    if (store != null) {
      store.close();
      store = null;
    }
    if (url != null) {
      TestDatabases.drop(url);
      url = null;
    }
  }

  @Test
  void writes_go_on_after_the_database_cut_the_writers_connection() throws Exception {
    store
        .write(
            c -> {
              store.answers().insert(c, answer("before", NOW));
              return null;
            })
        .get();
    // What a PostgreSQL restart does to every open connection.
    try (var admin =
            java.sql.DriverManager.getConnection(TestDatabases.SERVER + "postgres?user=postgres");
        var ps =
            admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
      ps.setString(1, url.substring(TestDatabases.SERVER.length(), url.indexOf('?')));
      ps.executeQuery().close();
    }
    store
        .write(
            c -> {
              store.answers().insert(c, answer("after", NOW));
              return null;
            })
        .get();
    assertThat(store.<Long>read(c -> store.answers().count(c))).isEqualTo(2);
  }

  @Test
  void an_unreachable_server_is_named_with_what_to_do() {
    StoreSettings nowhere =
        StoreSettings.postgres(
            "jdbc:postgresql://127.0.0.1:1/leeway?user=postgres&password=secret&connectTimeout=2",
            dataDir);
    assertThatThrownBy(() -> Store.open(nowhere))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/leeway")
        .hasMessageContaining("start PostgreSQL or fix LEEWAY_DATABASE_URL")
        .hasMessageNotContaining("secret");
  }

  @Test
  void a_missing_database_is_named_with_what_to_do() {
    StoreSettings missing =
        StoreSettings.postgres(TestDatabases.SERVER + "leeway_no_such_db?user=postgres", dataDir);
    assertThatThrownBy(() -> Store.open(missing))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not exist");
  }
}
