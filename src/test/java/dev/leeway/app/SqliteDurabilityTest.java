package dev.leeway.app;

import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged writes survive SIGKILL on the embedded SQLite store. */
class SqliteDurabilityTest extends DurabilityContract {

  @TempDir Path dataDir;

  @Override
  Map<String, String> storeEnvironment() {
    return Map.of();
  }

  @Override
  StoreSettings storeSettings() {
    return StoreSettings.embedded(dataDir);
  }

  @Override
  Path dataDir() {
    return dataDir;
  }
}
