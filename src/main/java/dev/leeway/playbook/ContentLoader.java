package dev.leeway.playbook;

import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Guardrail;
import dev.leeway.json.FieldPath;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.json.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the authority matrix, the shared facts and the plays, and checks what spans them: guardrail
 * conditions against the shared facts, play conditions against both.
 */
public final class ContentLoader {

  private ContentLoader() {}

  public static LoadResult<Content> load(Path playbooks, Path authorityFile, Path factsFile) {
    List<Problem> problems = new ArrayList<>();
    AuthorityMatrix authority = take(AuthorityLoader.load(authorityFile), problems);
    FactCatalogue facts = take(FactCatalogueLoader.load(factsFile), problems);
    if (authority == null || facts == null) {
      return new LoadResult.Invalid<>(problems);
    }
    problems.addAll(checkGuardrails(YamlDocument.read(authorityFile), authority, facts));
    Playbook playbook = take(PlaybookLoader.load(playbooks, authority, facts), problems);
    if (!problems.isEmpty()) {
      return new LoadResult.Invalid<>(problems);
    }
    return new LoadResult.Loaded<>(
        new Content(authority, facts, playbook, version(playbooks, authorityFile, factsFile)));
  }

  /**
   * Loads content kept as text (the store's), with the same checks and messages as a folder; files
   * are named in problems as they are in {@code files}, e.g. {@code playbooks/shipping/x.yaml}.
   *
   * @param version the content's version, e.g. its revision in the store
   */
  public static LoadResult<Content> load(ContentFiles files, String version) {
    return load(files, version, new Memo());
  }

  /**
   * What checking content kept as text found, so that checking the next revision redoes only the
   * files that changed: while the authority matrix and the shared facts stay the same text, an
   * unchanged play file is the same {@link Play} as before, with no parsing or compiling.
   */
  public static final class Memo {
    private String authorityText;
    private String factsText;
    private AuthorityMatrix authority;
    private FactCatalogue facts;
    private List<Problem> guardrailProblems = List.of();
    private final java.util.Map<PlaybookLoader.Source, Object> plays = new java.util.HashMap<>();
  }

  /** As {@link #load(ContentFiles, String)}, reusing and then updating {@code memo}. */
  public static synchronized LoadResult<Content> load(
      ContentFiles files, String version, Memo memo) {
    List<Problem> problems = new ArrayList<>();
    Path authorityFile = Path.of(ContentFiles.AUTHORITY);
    Path factsFile = Path.of(ContentFiles.FACTS);
    String authorityText = files.texts().get(ContentFiles.AUTHORITY);
    String factsText = files.texts().get(ContentFiles.FACTS);
    if (authorityText == null || factsText == null) {
      if (authorityText == null) {
        problems.add(new Problem(authorityFile, 0, "", "no such file"));
      }
      if (factsText == null) {
        problems.add(new Problem(factsFile, 0, "", "no such file"));
      }
      return new LoadResult.Invalid<>(problems);
    }
    AuthorityMatrix authority;
    FactCatalogue facts;
    if (authorityText.equals(memo.authorityText) && factsText.equals(memo.factsText)) {
      authority = memo.authority;
      facts = memo.facts;
      problems.addAll(memo.guardrailProblems);
    } else {
      authority = take(AuthorityLoader.parse(authorityFile, authorityText), problems);
      facts = take(FactCatalogueLoader.parse(factsFile, factsText), problems);
      if (authority == null || facts == null) {
        return new LoadResult.Invalid<>(problems);
      }
      List<Problem> guardrails =
          checkGuardrails(YamlDocument.parse(authorityFile, authorityText), authority, facts);
      problems.addAll(guardrails);
      memo.authorityText = authorityText;
      memo.factsText = factsText;
      memo.authority = authority;
      memo.facts = facts;
      memo.guardrailProblems = List.copyOf(guardrails);
      memo.plays.clear();
    }
    List<PlaybookLoader.Source> sources =
        files.plays().stream()
            .map(name -> new PlaybookLoader.Source(Path.of(name), files.texts().get(name)))
            .toList();
    Playbook playbook =
        take(
            PlaybookLoader.load(
                Path.of(ContentFiles.PLAYBOOKS), sources, authority, facts, memo.plays),
            problems);
    // Only the files of this revision: a memo must not grow with every revision ever seen.
    memo.plays.keySet().retainAll(new java.util.HashSet<>(sources));
    if (!problems.isEmpty()) {
      return new LoadResult.Invalid<>(problems);
    }
    return new LoadResult.Loaded<>(new Content(authority, facts, playbook, version));
  }

  private static <T> T take(LoadResult<T> result, List<Problem> problems) {
    return switch (result) {
      case LoadResult.Loaded<T> loaded -> loaded.value();
      case LoadResult.Invalid<T> invalid -> {
        problems.addAll(invalid.problems());
        yield null;
      }
    };
  }

  private static List<Problem> checkGuardrails(
      YamlDocument.Parse parse, AuthorityMatrix authority, FactCatalogue facts) {
    if (authority.guardrails().isEmpty()) {
      return List.of();
    }
    ConditionCompiler compiler =
        ConditionCompiler.forFacts(facts.facts().values().stream().map(SharedFact::spec).toList());
    YamlDocument doc;
    Path file;
    switch (parse) {
      case YamlDocument.Parsed parsed -> {
        doc = parsed.document();
        file = doc.file();
      }
      case YamlDocument.Failed failed -> {
        doc = null; // it parsed a moment ago; lines are a nicety
        file = failed.problem().file();
      }
    }
    List<Problem> problems = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < authority.guardrails().size(); i++) {
      Guardrail guardrail = authority.guardrails().get(i);
      FieldPath at = FieldPath.of("guardrails", i);
      if (seen.contains(guardrail.id())) {
        problems.add(
            problem(doc, file, at.key("id"), "duplicate guardrail id '" + guardrail.id() + "'"));
      }
      seen.add(guardrail.id());
      boolean compiles = true;
      switch (compiler.compile(guardrail.when())) {
        case ConditionCompiler.Rejected rejected -> {
          compiles = false;
          problems.add(
              problem(
                  doc,
                  file,
                  at.key("when"),
                  rejected.message() + " (guardrails may use the facts in config/facts.yaml)"));
        }
        case ConditionCompiler.Compiled compiled ->
            ConditionProbe.check(compiled, compiler.facts())
                .ifPresent(p -> problems.add(problem(doc, file, at.key("when"), p)));
      }
      if (compiles && !guardrail.cues().isEmpty() && cueFact(guardrail, facts).isEmpty()) {
        problems.add(
            problem(
                doc,
                file,
                at.key("cues"),
                "cues set the yes/no fact that 'when' names, but 'when' is '"
                    + guardrail.when()
                    + "': write 'when' as one yes/no fact of config/facts.yaml (e.g. safety_concern)"));
      }
    }
    return problems;
  }

  /**
   * The yes/no shared fact a guardrail's cue words set: the one its {@code when} names, when it
   * names exactly one; empty otherwise.
   */
  public static java.util.Optional<String> cueFact(Guardrail guardrail, FactCatalogue facts) {
    String name = guardrail.when().strip();
    SharedFact fact = facts.facts().get(name);
    return fact != null && fact.spec().type() == FactType.BOOLEAN
        ? java.util.Optional.of(name)
        : java.util.Optional.empty();
  }

  private static Problem problem(YamlDocument doc, Path file, FieldPath at, String message) {
    return doc != null ? doc.problem(at, message) : new Problem(file, 0, at.toString(), message);
  }

  /** The first 12 hex digits of a SHA-256 over every content file, in a fixed order. */
  static String version(Path playbooks, Path authorityFile, Path factsFile) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      List<Path> files = new ArrayList<>(List.of(authorityFile, factsFile));
      try (Stream<Path> walk = Files.walk(playbooks)) {
        walk.filter(Files::isRegularFile)
            .filter(f -> !f.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(files::add);
      }
      for (Path file : files) {
        String name =
            file.equals(authorityFile) || file.equals(factsFile)
                ? file.getFileName().toString()
                : playbooks.relativize(file).toString().replace('\\', '/');
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read content to fingerprint it", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
