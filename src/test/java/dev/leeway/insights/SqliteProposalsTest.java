package dev.leeway.insights;

import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Proposed examples on the embedded SQLite store in a temporary folder. */
class SqliteProposalsTest extends ProposalsContract {

  @TempDir Path dataDir;

  @Override
  StoreSettings settings() {
    return StoreSettings.embedded(dataDir);
  }
}
