package dev.leeway.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the store lives and what it keeps: the embedded SQLite file in the data folder unless a
 * PostgreSQL JDBC URL is configured, how long answers and transcripts are kept, and what is
 * redacted from the text kept.
 *
 * @param databaseUrl a {@code jdbc:postgresql:} URL, or empty for the embedded store
 * @param dataDir the data folder; the embedded store is {@code leeway.db} in it
 * @param retentionDays how long answers and transcripts are kept, or 0 to keep them for good
 * @param redaction what is taken out of stored text
 * @param migrations Flyway locations of the schema migrations (the bundled ones unless a test adds
 *     its own)
 */
public record StoreSettings(
    Optional<String> databaseUrl,
    Path dataDir,
    int retentionDays,
    Redaction redaction,
    List<String> migrations) {

  public static final String DATABASE_URL = "LEEWAY_DATABASE_URL";
  public static final String RETENTION_DAYS = "LEEWAY_RETENTION_DAYS";
  public static final String REDACT = "LEEWAY_REDACT";

  /** The bundled migrations. */
  public static final String MIGRATIONS = "classpath:db/migration";

  /** The embedded store's file name in the data folder. */
  public static final String FILE_NAME = "leeway.db";

  public StoreSettings {
    if (retentionDays < 0) {
      throw new IllegalArgumentException(
          RETENTION_DAYS + ": must be 0 (keep for good) or more, got " + retentionDays);
    }
    databaseUrl.ifPresent(
        url -> {
          if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                DATABASE_URL
                    + ": expected a PostgreSQL JDBC URL like jdbc:postgresql://127.0.0.1:5432/leeway?user=postgres, got '"
                    + Store.withoutSecrets(url)
                    + "'");
          }
        });
    migrations = List.copyOf(migrations);
  }

  /** The embedded store in {@code dataDir}, keeping everything, with the default redaction. */
  public static StoreSettings embedded(Path dataDir) {
    return new StoreSettings(Optional.empty(), dataDir, 0, Redaction.DEFAULT, List.of(MIGRATIONS));
  }

  /** The store at {@code url}, with the default redaction. */
  public static StoreSettings postgres(String url, Path dataDir) {
    return new StoreSettings(Optional.of(url), dataDir, 0, Redaction.DEFAULT, List.of(MIGRATIONS));
  }

  /** Defaults overridden by whichever of the store's variables {@code env} sets. */
  public static StoreSettings fromEnvironment(Map<String, String> env, Path dataDir) {
    String url = env.get(DATABASE_URL);
    String days = env.getOrDefault(RETENTION_DAYS, "0").strip();
    int retention;
    try {
      retention = Integer.parseInt(days);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          RETENTION_DAYS + ": expected a whole number of days, got '" + days + "'");
    }
    return new StoreSettings(
        url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip()),
        dataDir,
        retention,
        Redaction.parse(env.getOrDefault(REDACT, Redaction.DEFAULT_SPEC)),
        List.of(MIGRATIONS));
  }

  public StoreSettings withRetentionDays(int days) {
    return new StoreSettings(databaseUrl, dataDir, days, redaction, migrations);
  }

  public StoreSettings withMigrations(List<String> locations) {
    return new StoreSettings(databaseUrl, dataDir, retentionDays, redaction, locations);
  }

  /** The embedded store's file. */
  public Path file() {
    return dataDir.resolve(FILE_NAME);
  }
}
