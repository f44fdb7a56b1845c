package dev.leeway.app;

import dev.leeway.config.ServerConfig;
import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which store a command opens: the environment's, or the one these options name. */
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

  StoreSettings settings() {
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    Path data = dataDir != null ? dataDir : config.dataDir();
    if (databaseUrl != null) {
      return StoreSettings.postgres(databaseUrl, data);
    }
    if (dataDir != null) {
      return StoreSettings.embedded(data);
    }
    return StoreSettings.fromEnvironment(System.getenv(), data);
  }
}
