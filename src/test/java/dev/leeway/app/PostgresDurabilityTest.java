package dev.leeway.app;

import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged writes survive SIGKILL of the server on PostgreSQL, in a fresh database. */
class PostgresDurabilityTest extends DurabilityContract {

  @TempDir Path dataDir;
  String url;

  @BeforeEach
  void createDatabase() {
    url = TestDatabases.create();
  }

  @AfterEach
  void dropDatabase() {
    TestDatabases.drop(url);
  }

  @Override
  Map<String, String> storeEnvironment() {
    return Map.of(StoreSettings.DATABASE_URL, url);
  }

  @Override
  StoreSettings storeSettings() {
    return StoreSettings.postgres(url, dataDir);
  }

  @Override
  Path dataDir() {
    return dataDir;
  }
}
