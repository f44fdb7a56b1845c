package dev.leeway.api;

import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the server keeps, on the real PostgreSQL, in a fresh database dropped afterwards. */
class PostgresStoreApiTest extends StoreApiContract {

  @TempDir static Path dataDir;
  static String url;

  @BeforeAll
  static void startServer() throws Exception {
    url = TestDatabases.create();
    start(dataDir, StoreSettings.postgres(url, dataDir));
  }

  @AfterAll
  static void dropDatabase() {
    stop();
    if (url != null) {
      TestDatabases.drop(url);
    }
  }
}
