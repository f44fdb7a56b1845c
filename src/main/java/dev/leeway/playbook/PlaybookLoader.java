package dev.leeway.playbook;

import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.FieldPath;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.json.SchemaCheck;
import dev.leeway.json.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Loads plays from YAML and validates them, reporting every problem in every file with its line and
 * field: first the JSON Schema ({@code /schema/playbook.schema.json}), then the rules that span
 * fields, files and the authority matrix.
 */
public final class PlaybookLoader {

  /** Where the starter pack lives, relative to the working directory. */
  public static final Path DEFAULT_DIR = Path.of("playbooks");

  private static final SchemaCheck SCHEMA =
      SchemaCheck.fromResource("/schema/playbook.schema.json");

  private PlaybookLoader() {}

  /**
   * Loads plays that use no shared facts; see {@link #load(Path, AuthorityMatrix, FactCatalogue)}.
   */
  public static LoadResult<Playbook> load(Path dir, AuthorityMatrix authority) {
    return load(dir, authority, FactCatalogue.EMPTY);
  }

  /**
   * Loads every {@code *.yaml} and {@code *.yml} file under {@code dir}, one play per file; their
   * conditions may use their own facts and the shared ones in {@code catalogue}.
   */
  public static LoadResult<Playbook> load(
      Path dir, AuthorityMatrix authority, FactCatalogue catalogue) {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(catalogue, "catalogue");
    if (!Files.isDirectory(dir)) {
      String why = Files.exists(dir) ? "not a folder" : "no such folder";
      return new LoadResult.Invalid<>(List.of(new Problem(dir, 0, "", why)));
    }
    List<Path> files;
    try {
      files = playFiles(dir);
    } catch (IOException | UncheckedIOException e) {
      return new LoadResult.Invalid<>(
          List.of(new Problem(dir, 0, "", "cannot list the folder: " + e.getMessage())));
    }
    return load(dir, files, file -> check(YamlDocument.read(file), authority, catalogue));
  }

  /** One play file given as text: {@code file} names it in problems. */
  public record Source(Path file, String text) {}

  /**
   * Loads plays given as text (the store's), with the same checks and messages as files read from
   * {@code dir}; {@code dir} only names the whole set in a problem that concerns no one file.
   */
  public static LoadResult<Playbook> load(
      Path dir, List<Source> sources, AuthorityMatrix authority, FactCatalogue catalogue) {
    return load(dir, sources, authority, catalogue, new java.util.HashMap<>());
  }

  /**
   * As {@link #load(Path, List, AuthorityMatrix, FactCatalogue)}, taking the outcome of a file from
   * {@code memo} when the same text was checked before against the same authority matrix and shared
   * facts (the caller keeps the memo only while those stay the same), and adding what it checks.
   */
  static LoadResult<Playbook> load(
      Path dir,
      List<Source> sources,
      AuthorityMatrix authority,
      FactCatalogue catalogue,
      Map<Source, Object> memo) {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(catalogue, "catalogue");
    Map<Path, String> texts = new LinkedHashMap<>();
    sources.stream()
        .sorted(Comparator.comparing((Source s) -> s.file().toString()))
        .forEach(s -> texts.put(s.file(), s.text()));
    Map<Source, Object> seen = java.util.Collections.synchronizedMap(memo);
    return load(
        dir,
        List.copyOf(texts.keySet()),
        file -> {
          Source source = new Source(file, texts.get(file));
          Object known = seen.get(source);
          if (known instanceof Checked checked) {
            return checked;
          }
          Checked checked = check(YamlDocument.parse(file, source.text()), authority, catalogue);
          seen.put(source, checked);
          return checked;
        });
  }

  private static LoadResult<Playbook> load(
      Path dir, List<Path> files, java.util.function.Function<Path, Checked> checker) {
    if (files.isEmpty()) {
      return new LoadResult.Invalid<>(
          List.of(new Problem(dir, 0, "", "no plays found (looked for *.yaml and *.yml files)")));
    }
    List<Problem> problems = new ArrayList<>();
    List<Play> plays = new ArrayList<>();
    Map<String, YamlDocument> firstById = new LinkedHashMap<>();
    // Files are checked independently (parsing and compiling conditions is most of a start-up's
    // content time), so on all cores; duplicates are then found in file order.
    List<Checked> checks = files.parallelStream().map(checker).toList();
    for (Checked checked : checks) {
      problems.addAll(checked.problems());
      if (checked.document() != null && checked.document().root().path("id").isTextual()) {
        String id = checked.document().root().path("id").asText();
        YamlDocument first = firstById.putIfAbsent(id, checked.document());
        if (first != null) {
          problems.add(duplicateId(id, checked.document(), first));
          continue;
        }
      }
      if (checked.play() != null) {
        plays.add(checked.play());
      }
    }
    return problems.isEmpty()
        ? new LoadResult.Loaded<>(Playbook.of(plays))
        : new LoadResult.Invalid<>(problems);
  }

  /**
   * Validates one play given as YAML text (an upload, an edit); {@code file} only labels problems
   * and may be null.
   */
  public static LoadResult<Play> parse(Path file, String yaml, AuthorityMatrix authority) {
    return parse(file, yaml, authority, FactCatalogue.EMPTY);
  }

  /** Validates one play given as YAML text, with shared facts in scope. */
  public static LoadResult<Play> parse(
      Path file, String yaml, AuthorityMatrix authority, FactCatalogue catalogue) {
    Checked checked =
        check(
            YamlDocument.parse(file, yaml),
            Objects.requireNonNull(authority),
            Objects.requireNonNull(catalogue));
    return checked.play() != null
        ? new LoadResult.Loaded<>(checked.play())
        : new LoadResult.Invalid<>(checked.problems());
  }

  /** One file's outcome: the document if it parsed, the play if it was valid, and its problems. */
  private record Checked(YamlDocument document, Play play, List<Problem> problems) {}

  private static Checked check(
      YamlDocument.Parse parse, AuthorityMatrix authority, FactCatalogue catalogue) {
    YamlDocument doc;
    switch (parse) {
      case YamlDocument.Failed failed -> {
        return new Checked(null, null, List.of(failed.problem()));
      }
      case YamlDocument.Parsed parsed -> doc = parsed.document();
    }
    List<Problem> problems = new ArrayList<>(PlayRules.explainYamlSlips(doc, SCHEMA.check(doc)));
    problems.addAll(PlayRules.check(doc, authority, catalogue));
    if (!problems.isEmpty()) {
      return new Checked(doc, null, problems);
    }
    try {
      return new Checked(doc, PlayCodec.fromTree(doc.root()), List.of());
    } catch (IllegalArgumentException e) {
      // The schema and rules should leave nothing for the codec to refuse; if they missed
      // something, report it like any other problem rather than failing the whole load.
      return new Checked(doc, null, List.of(doc.problem(FieldPath.ROOT, e.getMessage())));
    }
  }

  private static Problem duplicateId(String id, YamlDocument later, YamlDocument first) {
    FieldPath idPath = FieldPath.of("id");
    String firstAt = first.file().toString().replace('\\', '/') + ":" + first.lineOf(idPath);
    return later.problem(idPath, "duplicate play id '" + id + "': also in " + firstAt);
  }

  private static List<Path> playFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(PlaybookLoader::isPlayFile)
          // Sorted so that problems, and which of two duplicates counts as first, are repeatable.
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }

  private static boolean isPlayFile(Path file) {
    String name = file.getFileName().toString();
    // Dot files are editor backups and lock files, never plays.
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }
}
