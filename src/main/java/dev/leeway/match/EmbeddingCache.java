package dev.leeway.match;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Example embeddings by exact text, optionally persisted to one file per model so a restart or a
 * playbook edit re-embeds only texts it has not seen.
 *
 * <p>The file is rewritten whole to a temporary sibling and moved into place, so a crash never
 * leaves a half-written cache; an unreadable cache is ignored (it is only a cache).
 */
public final class EmbeddingCache {
  private static final int FORMAT = 1;
  private static final int MAX_PERSISTED_CHARS = 16_000;

  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
  private final Path file;
  private volatile boolean dirty;

  private EmbeddingCache(Path file) {
    this.file = file;
  }

  /** A cache that lives only as long as this process. */
  public static EmbeddingCache inMemory() {
    return new EmbeddingCache(null);
  }

  /** A cache backed by {@code file}, loaded now if it exists. */
  public static EmbeddingCache persistent(Path file) {
    EmbeddingCache cache = new EmbeddingCache(file);
    cache.load();
    return cache;
  }

  float[] get(String text) {
    return vectors.get(text);
  }

  void put(String text, float[] vector) {
    vectors.put(text, vector);
    dirty = true;
  }

  public int size() {
    return vectors.size();
  }

  /** The folder the cache file lives in, where other build results may be cached too. */
  java.util.Optional<Path> folder() {
    return file == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(file.toAbsolutePath().getParent());
  }

  /** Keeps only the given texts, so the file does not grow with texts no play uses any more. */
  public void retainOnly(java.util.Collection<String> texts) {
    java.util.Set<String> keep = new java.util.HashSet<>(texts);
    if (vectors.keySet().retainAll(keep)) {
      dirty = true;
    }
  }

  /** Writes the cache to its file if anything changed since it was loaded or last saved. */
  public synchronized void save() {
    if (file == null || !dirty) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(FORMAT);
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
          if (e.getKey().length() > MAX_PERSISTED_CHARS) {
            continue; // writeUTF holds at most 64 KB; such texts are rare and simply re-embedded
          }
          out.writeUTF(e.getKey());
          float[] v = e.getValue();
          out.writeShort(v.length);
          for (float f : v) {
            out.writeFloat(f);
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      dirty = false;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write embedding cache " + file, e);
    }
  }

  private void load() {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != FORMAT) {
        return;
      }
      while (true) {
        String text;
        try {
          text = in.readUTF();
        } catch (EOFException end) {
          break;
        }
        short length = in.readShort();
        if (length <= 0) {
          throw new IOException("corrupt vector length " + length);
        }
        float[] v = new float[length];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readFloat();
        }
        vectors.put(text, v);
      }
    } catch (IOException | RuntimeException e) {
      // A corrupt cache (bad lengths, truncation) only costs re-embedding; never fail start-up.
      vectors.clear();
    }
  }
}
