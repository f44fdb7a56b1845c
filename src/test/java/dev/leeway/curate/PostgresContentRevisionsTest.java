package dev.leeway.curate;

import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The content's revisions on the real PostgreSQL, in a fresh database per test. */
class PostgresContentRevisionsTest extends ContentRevisionsContract {

  @TempDir Path dataDir;
  String url;

  @Override
  StoreSettings fresh() {
    url = TestDatabases.create();
    return StoreSettings.postgres(url, dataDir);
  }

  @Override
  Store second() {
    return Store.open(StoreSettings.postgres(url, dataDir));
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
