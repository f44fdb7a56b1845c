package dev.leeway.curate;

import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The drafts workflow on the embedded SQLite file. */
class SqliteDraftsTest extends DraftsContract {

  @TempDir Path dataDir;

  @Override
  StoreSettings fresh() {
    return StoreSettings.embedded(dataDir);
  }
}
