package dev.leeway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The package rules of the architecture (docs/architecture.md), checked on the compiled classes. A
 * row for a package that does not exist yet holds as soon as its first class appears.
 */
@AnalyzeClasses(packages = "dev.leeway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * Which of our packages each package may use (itself aside); anything outside dev.leeway is free.
   */
  static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("json", Set.of());
    MAY_USE.put("text", Set.of());
    MAY_USE.put("config", Set.of("json"));
    MAY_USE.put("playbook", Set.of("json", "config"));
    MAY_USE.put("facts", Set.of("text", "playbook"));
    MAY_USE.put("match", Set.of("text", "playbook"));
    MAY_USE.put("decide", Set.of("facts", "playbook", "config"));
    // Beyond match, decide and facts, a conversation reads plays, the role list of the authority
    // configuration and JSON today.
    MAY_USE.put("chat", Set.of("match", "decide", "facts", "playbook", "config", "json"));
    MAY_USE.put("store", Set.of("json"));
    // Users and tokens live in the store; an earlier release's JSON file is imported once.
    MAY_USE.put("auth", Set.of("store", "json"));
    // The workflow reads its approval rule (publishing.approvals) from the authority matrix.
    MAY_USE.put("curate", Set.of("playbook", "store", "match", "json", "config"));
    MAY_USE.put("embed", Set.of("chat", "store"));
    // Supervisors' figures read the store, the current content and the matcher's sentence vectors.
    MAY_USE.put("insights", Set.of("store", "json", "playbook", "config", "match"));
  }

  /** Plain libraries the server calls on worker or virtual threads: no Vert.x in them. */
  static final List<String> WITHOUT_VERTX =
      List.of("text", "facts", "match", "decide", "playbook", "config", "json");

  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("dev.leeway.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule plain_libraries_do_not_use_vertx =
      noClasses()
          .that()
          .resideInAnyPackage(
              WITHOUT_VERTX.stream().map(p -> "dev.leeway." + p + "..").toArray(String[]::new))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.vertx..");

  @ArchTest
  static final ArchRule each_package_uses_only_what_its_row_allows =
      CompositeArchRule.of(mayUseRules()).as("each package uses only what its row allows");

  @ArchTest
  static final ArchRule nothing_uses_the_benchmarks =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.leeway.bench..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.leeway.bench..");

  /** The benchmarks start the server as the command line does, so they alone may use the wiring. */
  @ArchTest
  static final ArchRule only_the_benchmarks_use_the_command_line_and_wiring =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.leeway.app..", "dev.leeway.bench..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.leeway.app..");

  /**
   * The HTTP layer serves the feature packages; only the command line and the benchmarks stand
   * above it.
   */
  @ArchTest
  static final ArchRule only_the_command_line_and_benchmarks_use_the_api =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.leeway.api..", "dev.leeway.app..", "dev.leeway.bench..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.leeway.api..");

  private static List<ArchRule> mayUseRules() {
    List<ArchRule> rules = new ArrayList<>();
    MAY_USE.forEach(
        (pkg, allowed) -> {
          String[] ok =
              Stream.concat(Stream.of(pkg), allowed.stream())
                  .map(p -> "dev.leeway." + p + "..")
                  .toArray(String[]::new);
          rules.add(
              classes()
                  .that()
                  .resideInAPackage("dev.leeway." + pkg + "..")
                  .should()
                  .onlyDependOnClassesThat(
                      resideOutsideOfPackage("dev.leeway..").or(resideInAnyPackage(ok)))
                  .as(
                      pkg
                          + " uses only "
                          + (allowed.isEmpty()
                              ? "nothing of ours"
                              : String.join(", ", allowed.stream().sorted().toList())))
                  // A row for a package still to come (store, curate, embed) holds once it appears.
                  .allowEmptyShould(true));
        });
    return rules;
  }
}
