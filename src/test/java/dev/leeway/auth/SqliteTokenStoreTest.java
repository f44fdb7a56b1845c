package dev.leeway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and tokens in the embedded SQLite store. */
class SqliteTokenStoreTest extends TokenStoreContract {

  // Held in a field: JUL keeps loggers weakly.
  static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

  @TempDir Path dataDir;

  @Override
  StoreSettings fresh() {
    return StoreSettings.embedded(dataDir);
  }

  @Override
  StoreSettings same() {
    return StoreSettings.embedded(dataDir);
  }

  @Override
  Path dataDir() {
    return dataDir;
  }

  @Test
  void a_store_that_stops_reading_is_logged_once_and_the_last_tokens_stay_in_use()
      throws Exception {
    TokenStore tokens = TokenStore.open(store);
    String token = tokens.issue("ana", "agent", Instant.now());
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    LOG.addHandler(capture);
    String url = "jdbc:sqlite:" + dataDir.resolve(StoreSettings.FILE_NAME);
    try (var other = DriverManager.getConnection(url);
        var s = other.createStatement()) {
      s.execute("ALTER TABLE audit RENAME TO audit_elsewhere");
      tokens.refresh();
      tokens.refresh();
      tokens.refresh();
      assertThat(logged)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(r.getMessage())
                    .contains(dataDir.resolve(StoreSettings.FILE_NAME).toString())
                    .contains("still using the 1 tokens");
              });
      assertThat(tokens.verify(token)).isPresent();
      s.execute("ALTER TABLE audit_elsewhere RENAME TO audit");
    } finally {
      LOG.removeHandler(capture);
    }
    tokens.refresh();
    assertThat(tokens.verify(token)).isPresent();
  }
}
