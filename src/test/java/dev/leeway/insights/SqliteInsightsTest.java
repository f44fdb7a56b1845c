package dev.leeway.insights;

import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The figures on the embedded SQLite store in a temporary folder. */
class SqliteInsightsTest extends InsightsContract {

  @TempDir Path dataDir;

  @Override
  StoreSettings settings() {
    return StoreSettings.embedded(dataDir);
  }
}
