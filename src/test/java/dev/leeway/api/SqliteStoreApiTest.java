package dev.leeway.api;

import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the server keeps, on the embedded SQLite store in a temporary data folder. */
class SqliteStoreApiTest extends StoreApiContract {

  @TempDir static Path dataDir;

  @BeforeAll
  static void startServer() throws Exception {
    start(dataDir, StoreSettings.embedded(dataDir));
  }
}
