package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

  @TempDir Path dir;

  private static final float[] CARD = {0.25f, -0.5f, 0.125f, 1f};
  private static final float[] PARCEL = {-1f, 0f, 0.75f, Float.MIN_VALUE};

  @Test
  void persisted_vectors_round_trip_through_the_file() {
    Path file = dir.resolve("cache").resolve("embeddings-test.bin");
    EmbeddingCache cache = EmbeddingCache.persistent(file);
    cache.put("my card is lost", CARD);
    cache.put("où est mon colis ? \u2014 parcel", PARCEL);
    cache.save();

    EmbeddingCache reloaded = EmbeddingCache.persistent(file);

    assertThat(reloaded.size()).isEqualTo(2);
    assertThat(reloaded.get("my card is lost")).containsExactly(CARD);
    assertThat(reloaded.get("où est mon colis ? \u2014 parcel")).containsExactly(PARCEL);
    assertThat(reloaded.get("never stored")).isNull();
  }

  @Test
  void saving_creates_the_folder_and_leaves_no_temporary_file() throws IOException {
    Path file = dir.resolve("deep").resolve("er").resolve("embeddings.bin");
    EmbeddingCache cache = EmbeddingCache.persistent(file);
    cache.put("text", CARD);

    cache.save();

    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void a_missing_file_is_an_empty_cache() {
    assertThat(EmbeddingCache.persistent(dir.resolve("absent.bin")).size()).isZero();
  }

  @Test
  void nothing_is_written_until_something_changes() {
    Path file = dir.resolve("embeddings.bin");
    EmbeddingCache.persistent(file).save();

    assertThat(file).doesNotExist();
  }

  @Test
  void an_in_memory_cache_never_touches_the_disk() {
    EmbeddingCache cache = EmbeddingCache.inMemory();
    cache.put("text", CARD);
    cache.save();

    assertThat(cache.get("text")).containsExactly(CARD);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void a_file_of_garbage_is_ignored() throws IOException {
    Path file = dir.resolve("embeddings.bin");
    Files.writeString(file, "this is not an embedding cache at all");

    assertThat(EmbeddingCache.persistent(file).size()).isZero();
  }

  @Test
  void a_truncated_file_is_ignored() throws IOException {
    Path file = dir.resolve("embeddings.bin");
    EmbeddingCache cache = EmbeddingCache.persistent(file);
    cache.put("my card is lost", CARD);
    cache.save();
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3));

    assertThat(EmbeddingCache.persistent(file).size()).isZero();
  }

  /**
   * Fails today: a vector length read as negative (a flipped sign bit) throws
   * NegativeArraySizeException, which load() does not catch, so start-up crashes on a bad cache.
   */
  @Test
  void a_record_with_a_negative_vector_length_is_ignored() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeUTF("my card is lost");
      out.writeShort(-4);
    }
    Path file = dir.resolve("embeddings.bin");
    Files.write(file, bytes.toByteArray());

    assertThat(EmbeddingCache.persistent(file).size()).isZero();
  }

  @Test
  void a_corrupt_file_is_replaced_on_the_next_save() throws IOException {
    Path file = dir.resolve("embeddings.bin");
    Files.writeString(file, "garbage");
    EmbeddingCache cache = EmbeddingCache.persistent(file);
    cache.put("my card is lost", CARD);

    cache.save();

    assertThat(EmbeddingCache.persistent(file).get("my card is lost")).containsExactly(CARD);
  }

  @Test
  void retain_only_drops_the_other_texts_and_the_file_follows() {
    Path file = dir.resolve("embeddings.bin");
    EmbeddingCache cache = EmbeddingCache.persistent(file);
    cache.put("kept", CARD);
    cache.put("dropped", PARCEL);
    cache.save();

    EmbeddingCache reloaded = EmbeddingCache.persistent(file);
    reloaded.retainOnly(List.of("kept", "never cached"));
    reloaded.save();

    assertThat(reloaded.size()).isEqualTo(1);
    assertThat(reloaded.get("kept")).containsExactly(CARD);
    assertThat(reloaded.get("dropped")).isNull();
    EmbeddingCache again = EmbeddingCache.persistent(file);
    assertThat(again.size()).isEqualTo(1);
    assertThat(again.get("dropped")).isNull();
  }
}
