package dev.leeway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on the embedded SQLite file, in a temporary folder. */
class SqliteStoreTest extends StoreContract {

  @TempDir Path dataDir;

  @Override
  StoreSettings fresh() {
    return StoreSettings.embedded(dataDir);
  }

  @Override
  StoreSettings again() {
    return StoreSettings.embedded(dataDir);
  }

  @Override
  Store second() {
    // One server per file: a second writer would only wait for the first. The race still runs
    // through one writer, which must refuse the late grants.
    return store;
  }

  @Test
  void the_file_is_in_wal_mode_with_full_sync_and_passes_the_integrity_check() {
    assertThat(
            store.<String>read(
                c -> {
                  try (var s = c.createStatement();
                      var rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                  }
                }))
        .isEqualTo("wal");
    assertThat(
            store.<Integer>read(
                c -> {
                  try (var s = c.createStatement();
                      var rs = s.executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    return rs.getInt(1);
                  }
                }))
        .isEqualTo(2);
    assertThat(store.integrityCheck()).containsExactly("ok");
  }

  @Test
  void a_write_past_a_full_queue_is_refused_at_once_rather_than_held() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    var blocked =
        store.write(
            c -> {
              writing.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new java.sql.SQLException(e);
              }
              return null;
            });
    writing.await();
    java.util.List<java.util.concurrent.CompletableFuture<Object>> queued =
        new java.util.ArrayList<>();
    for (int i = 0; i < BatchWriter.MAX_QUEUED; i++) {
      queued.add(store.write(c -> null));
    }
    var refused = store.write(c -> null);
    assertThat(refused).isCompletedExceptionally();
    assertThatThrownBy(refused::join).hasMessageContaining("writes behind");
    release.countDown();
    blocked.get();
    java.util.concurrent.CompletableFuture.allOf(
            queued.toArray(java.util.concurrent.CompletableFuture[]::new))
        .get();
  }

  @Test
  void a_file_that_is_not_a_database_is_named_with_what_to_do() throws Exception {
    store.close();
    store = null;
    Path file = dataDir.resolve(StoreSettings.FILE_NAME);
    Files.deleteIfExists(dataDir.resolve(StoreSettings.FILE_NAME + "-wal"));
    Files.deleteIfExists(dataDir.resolve(StoreSettings.FILE_NAME + "-shm"));
    Files.writeString(
        file,
        "this is not a database, just some text that happens to be long enough to look like a header"
            .repeat(50));
    assertThatThrownBy(() -> Store.open(fresh()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a SQLite database or is damaged")
        .hasMessageContaining("restore it from a backup");
  }

  @Test
  void an_unreadable_file_is_named_with_what_to_do() throws Exception {
    store.close();
    store = null;
    Path file = dataDir.resolve(StoreSettings.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    try {
      // Root reads anything; the check is then on what the file holds, which is still sound.
      if (Files.isReadable(file)) {
        Store.open(fresh()).close();
        return;
      }
      assertThatThrownBy(() -> Store.open(fresh()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("permissions");
    } finally {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
