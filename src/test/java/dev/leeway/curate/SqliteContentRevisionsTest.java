package dev.leeway.curate;

import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The content's revisions on the embedded SQLite file. */
class SqliteContentRevisionsTest extends ContentRevisionsContract {

  @TempDir Path dataDir;

  @Override
  StoreSettings fresh() {
    return StoreSettings.embedded(dataDir);
  }

  @Override
  Store second() {
    // Another process on the same file: SQLite serialises the two writers.
    return Store.open(StoreSettings.embedded(dataDir));
  }
}
