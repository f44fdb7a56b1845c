package dev.leeway.insights;

import dev.leeway.store.StoreSettings;
import dev.leeway.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Proposed examples on PostgreSQL, in a fresh database dropped afterwards. */
class PostgresProposalsTest extends ProposalsContract {

  @TempDir Path dataDir;
  String url;

  @Override
  StoreSettings settings() {
    url = TestDatabases.create();
    return StoreSettings.postgres(url, dataDir);
  }

  @AfterEach
  void drop() {
    closeStore();
    store = null;
    if (url != null) {
      TestDatabases.drop(url);
    }
  }
}
