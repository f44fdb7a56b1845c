package dev.leeway.playbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content as text: every play's YAML file, the authority matrix and the shared facts, named by
 * where they sit in a content folder ({@code playbooks/<folder>/<file>.yaml}, {@code
 * config/authority.yaml}, {@code config/facts.yaml}). This is what the store keeps and what {@code
 * leeway export} writes, byte for byte.
 */
public record ContentFiles(Map<String, String> texts) {

  /** Where plays sit in a content folder. */
  public static final String PLAYBOOKS = "playbooks/";

  /** Where the authority matrix sits in a content folder. */
  public static final String AUTHORITY = "config/authority.yaml";

  /** Where the shared facts sit in a content folder. */
  public static final String FACTS = "config/facts.yaml";

  public ContentFiles {
    Objects.requireNonNull(texts, "texts");
    texts = Collections.unmodifiableMap(new TreeMap<>(texts));
    for (String name : texts.keySet()) {
      if (!name.equals(AUTHORITY) && !name.equals(FACTS) && !isPlay(name)) {
        throw new IllegalArgumentException("not a content file name: " + name);
      }
    }
  }

  /** Whether a name is a play's file: under {@code playbooks/}, as the loader would read it. */
  public static boolean isPlay(String name) {
    if (!name.startsWith(PLAYBOOKS) || name.contains("..") || name.contains("\\")) {
      return false;
    }
    String file = name.substring(name.lastIndexOf('/') + 1);
    return !file.startsWith(".") && (file.endsWith(".yaml") || file.endsWith(".yml"));
  }

  /** The folder layout's plays folder, authority matrix and shared facts under {@code dir}. */
  public static Path playbooksIn(Path dir) {
    return dir.resolve("playbooks");
  }

  public static Path authorityIn(Path dir) {
    return dir.resolve(AUTHORITY);
  }

  public static Path factsIn(Path dir) {
    return dir.resolve(FACTS);
  }

  /**
   * Reads the files the loader reads: every play file under {@code playbooks} and the two config
   * files. Call it on content the loader has accepted: a file that is not UTF-8 fails here.
   */
  public static ContentFiles read(Path playbooks, Path authority, Path facts) {
    Map<String, String> texts = new TreeMap<>();
    texts.put(AUTHORITY, text(authority));
    texts.put(FACTS, text(facts));
    try (Stream<Path> walk = Files.walk(playbooks)) {
      for (Path file :
          walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
        String name = PLAYBOOKS + playbooks.relativize(file).toString().replace('\\', '/');
        if (isPlay(name)) {
          texts.put(name, text(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + playbooks + ": " + e.getMessage(), e);
    }
    return new ContentFiles(texts);
  }

  /** Reads a content folder: {@code dir/playbooks} and {@code dir/config}. */
  public static ContentFiles readFolder(Path dir) {
    return read(playbooksIn(dir), authorityIn(dir), factsIn(dir));
  }

  /**
   * Writes every file under {@code dir} in the loader's layout, byte for byte as kept. Files
   * already in {@code dir} that are not content are left alone.
   */
  public void write(Path dir) throws IOException {
    for (Map.Entry<String, String> file : texts.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** The names of the plays' files, sorted. */
  public List<String> plays() {
    return texts.keySet().stream().filter(ContentFiles::isPlay).toList();
  }

  /**
   * A top-level text field of a file ({@code id}, {@code status} of a play), or null when the file
   * has none or is not YAML.
   */
  public String field(String name, String key) {
    String text = texts.get(name);
    if (text == null) {
      return null;
    }
    return switch (dev.leeway.json.YamlDocument.parse(Path.of(name), text)) {
      case dev.leeway.json.YamlDocument.Parsed parsed ->
          parsed.document().root().path(key).isTextual()
              ? parsed.document().root().path(key).asText()
              : null;
      case dev.leeway.json.YamlDocument.Failed failed -> null;
    };
  }

  private static String text(Path file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UncheckedIOException(file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
