package dev.leeway.app;

import dev.leeway.config.ServerConfig;
import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that name the store a command works on: the data folder or a PostgreSQL URL. */
final class StoreOptions {

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "data folder holding leeway.db (default: LEEWAY_DATA_DIR or data)")
  Path dataDir;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description =
          "a PostgreSQL JDBC URL (default: LEEWAY_DATABASE_URL, else the data folder's SQLite file)")
  String databaseUrl;

  /** The store these options name, with the environment's defaults for the rest. */
  StoreSettings settings() {
    Path data = dataDir != null ? dataDir : ServerConfig.fromEnvironment(System.getenv()).dataDir();
    if (databaseUrl != null) {
      return StoreSettings.postgres(databaseUrl, data);
    }
    if (dataDir != null) {
      return StoreSettings.embedded(data);
    }
    return StoreSettings.fromEnvironment(System.getenv(), data);
  }
}
