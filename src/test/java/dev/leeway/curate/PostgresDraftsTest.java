package dev.leeway.curate;

import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The drafts workflow on the real PostgreSQL, in a fresh database per test. */
class PostgresDraftsTest extends DraftsContract {

  @TempDir Path dataDir;
  String url;

  @Override
  StoreSettings fresh() {
    url = TestDatabases.create();
    return StoreSettings.postgres(url, dataDir);
  }

  @AfterEach
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
}
