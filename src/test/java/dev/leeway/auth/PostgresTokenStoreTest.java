package dev.leeway.auth;

import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Users and tokens in PostgreSQL, a fresh database per test, dropped afterwards. */
class PostgresTokenStoreTest extends TokenStoreContract {

  @TempDir Path dataDir;
  String url;

  @Override
  StoreSettings fresh() {
    url = TestDatabases.create();
    return StoreSettings.postgres(url, dataDir);
  }

  @Override
  StoreSettings same() {
    return StoreSettings.postgres(url, dataDir);
  }

  @Override
  Path dataDir() {
    return dataDir;
  }

  @AfterEach
  void dropDatabase() {
    if (store != null) {
      store.close();
      store = null;
    }
    if (url != null) {
      TestDatabases.drop(url);
    }
  }
}
