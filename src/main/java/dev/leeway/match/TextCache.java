package dev.leeway.match;

import dev.leeway.text.AnalysedText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What a build computed from a text (its embedding, its analysed terms), keyed by the exact text
 * and optionally persisted to a file, so a restart or a playbook edit recomputes only the texts it
 * has not seen.
 *
 * <p>The file is rewritten whole to a temporary sibling and moved into place, so a crash never
 * leaves a half-written cache; an unreadable cache is ignored (it is only a cache).
 */
public final class TextCache<V> {
  private static final int MAX_PERSISTED_CHARS = 16_000;
  // Below this many texts, a thread pool costs more than it saves.
  private static final int PARALLEL_FROM = 64;

  /** How one kind of value is written to and read from a cache file. */
  interface Codec<V> {
    /** Changes whenever the layout does, so an old file is ignored rather than misread. */
    int format();

    void write(DataOutput out, V value) throws IOException;

    /** Throws on anything that cannot be a value this codec wrote. */
    V read(DataInput in) throws IOException;
  }

  /** Embedding vectors. */
  static final Codec<float[]> VECTORS =
      new Codec<>() {
        @Override
        public int format() {
          return 1;
        }

        @Override
        public void write(DataOutput out, float[] v) throws IOException {
          out.writeShort(v.length);
          for (float f : v) {
            out.writeFloat(f);
          }
        }

        @Override
        public float[] read(DataInput in) throws IOException {
          short length = in.readShort();
          if (length <= 0) {
            throw new IOException("corrupt vector length " + length);
          }
          float[] v = new float[length];
          for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
          }
          return v;
        }
      };

  /** Analysed terms with their position increments. */
  static final Codec<AnalysedText> TERMS =
      new Codec<>() {
        @Override
        public int format() {
          return 101;
        }

        @Override
        public void write(DataOutput out, AnalysedText text) throws IOException {
          out.writeInt(text.terms().size());
          for (int i = 0; i < text.terms().size(); i++) {
            out.writeUTF(text.terms().get(i));
            out.writeShort(text.increment(i));
          }
        }

        @Override
        public AnalysedText read(DataInput in) throws IOException {
          int count = in.readInt();
          if (count < 0 || count > MAX_PERSISTED_CHARS) {
            throw new IOException("corrupt term count " + count);
          }
          List<String> terms = new ArrayList<>(count);
          int[] increments = new int[count];
          for (int i = 0; i < count; i++) {
            terms.add(in.readUTF());
            increments[i] = in.readShort();
            if (increments[i] < 0) {
              throw new IOException("corrupt position increment " + increments[i]);
            }
          }
          return new AnalysedText(terms, increments);
        }
      };

  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final Codec<V> codec;
  private final Path file;
  private volatile boolean dirty;

  private TextCache(Codec<V> codec, Path file) {
    this.codec = codec;
    this.file = file;
  }

  /** Embeddings kept only as long as this process. */
  public static TextCache<float[]> embeddingsInMemory() {
    return inMemory(VECTORS);
  }

  /** Embeddings backed by {@code file}, loaded now if it exists. */
  public static TextCache<float[]> embeddings(Path file) {
    return persistent(VECTORS, file);
  }

  static <V> TextCache<V> inMemory(Codec<V> codec) {
    return new TextCache<>(codec, null);
  }

  static <V> TextCache<V> persistent(Codec<V> codec, Path file) {
    TextCache<V> cache = new TextCache<>(codec, file);
    cache.load();
    return cache;
  }

  V get(String text) {
    return values.get(text);
  }

  void put(String text, V value) {
    values.put(text, value);
    dirty = true;
  }

  public int size() {
    return values.size();
  }

  /**
   * The value of every text, in input order: cached ones as they are, the others computed on {@code
   * threads} threads.
   */
  V[] getAll(
      List<String> texts,
      Function<String, V> compute,
      int threads,
      java.util.function.IntFunction<V[]> array) {
    V[] out = array.apply(texts.size());
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(texts.get(i));
      if (out[i] == null) {
        missing.add(i);
      }
    }
    if (threads <= 1 || missing.size() < PARALLEL_FROM) {
      missing.forEach(i -> out[i] = computed(texts.get(i), compute));
      return out;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      int chunk = (missing.size() + threads - 1) / threads;
      List<Future<?>> parts = new ArrayList<>();
      for (int from = 0; from < missing.size(); from += chunk) {
        List<Integer> part = missing.subList(from, Math.min(missing.size(), from + chunk));
        parts.add(pool.submit(() -> part.forEach(i -> out[i] = computed(texts.get(i), compute))));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing cached values", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
    return out;
  }

  private V computed(String text, Function<String, V> compute) {
    V value = compute.apply(text);
    put(text, value);
    return value;
  }

  /** The folder the cache file lives in, where other build results may be cached too. */
  Optional<Path> folder() {
    return file == null ? Optional.empty() : Optional.ofNullable(file.toAbsolutePath().getParent());
  }

  /** Keeps only the given texts, so the file does not grow with texts no play uses any more. */
  public void retainOnly(java.util.Collection<String> texts) {
    java.util.Set<String> keep = new java.util.HashSet<>(texts);
    if (values.keySet().retainAll(keep)) {
      dirty = true;
    }
  }

  /** Writes the cache to its file if anything changed since it was loaded or last saved. */
  public synchronized void save() {
    if (file == null || !dirty) {
      return;
    }
    Path tmp = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      // A name of its own: two builds may save caches of the same file at once.
      tmp =
          Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(codec.format());
        for (Map.Entry<String, V> e : values.entrySet()) {
          if (e.getKey().length() > MAX_PERSISTED_CHARS) {
            continue; // writeUTF holds at most 64 KB; such texts are rare and simply recomputed
          }
          out.writeUTF(e.getKey());
          codec.write(out, e.getValue());
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      dirty = false;
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the cache is rewritten whole next time; a stray temporary file harms nothing
        }
      }
      throw new UncheckedIOException("could not write cache " + file, e);
    }
  }

  private void load() {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != codec.format()) {
        return;
      }
      while (true) {
        String text;
        try {
          text = in.readUTF();
        } catch (EOFException end) {
          break;
        }
        values.put(text, codec.read(in));
      }
    } catch (IOException | RuntimeException e) {
      // A corrupt cache (bad lengths, truncation) only costs recomputing; never fail start-up.
      values.clear();
    }
  }
}
