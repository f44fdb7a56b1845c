package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leeway validate} on the real starter pack and on a broken copy of it. */
class ValidateCommandTest {

  // Surefire runs from the project root, where the starter pack lives.
  private static final Path PLAYBOOKS = Path.of("playbooks");
  private static final String BROKEN_PLAY =
      "shipping-delivery/shipping.delivered-not-received.yaml";

  @TempDir Path dir;

  /** Copies the starter pack into {@code target} and adds an unknown key as line 2 of one play. */
  static Path brokenCopy(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(PLAYBOOKS)) {
      for (Path source : files.toList()) {
        Path copy = target.resolve(PLAYBOOKS.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
    // The pack's config goes beside it, as in this repository: validate finds it there.
    Path config = target.toAbsolutePath().getParent().resolve("config");
    Files.createDirectories(config);
    for (String file : List.of("authority.yaml", "facts.yaml")) {
      Files.copy(Path.of("config", file), config.resolve(file));
    }
    Path broken = target.resolve(BROKEN_PLAY);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(broken));
    assertThat(lines.get(0)).startsWith("id: ");
    lines.add(1, "colour: red");
    Files.write(broken, lines);
    return broken;
  }

  @Test
  void the_starter_pack_is_valid() {
    Cli.Result run = Cli.run("validate", "playbooks");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualToNormalizingNewlines("playbooks: 71 plays valid (68 published)\n");
  }

  @Test
  void validates_the_playbooks_folder_by_default() {
    Cli.Result run = Cli.run("validate");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("plays valid");
  }

  @Test
  void a_broken_play_fails_with_file_line_field_and_message() throws IOException {
    Path pack = dir.resolve("playbooks");
    Path broken = brokenCopy(pack);

    Cli.Result run = Cli.run("validate", pack.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            broken.toString().replace('\\', '/') + ":2: colour: unknown key 'colour' (allowed: ")
        .containsPattern("(?m)^1 problem$");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void the_config_beside_the_pack_is_used_not_the_current_directorys() {
    // The test pack's kinds (store_credit, order_change...) are not in the starter config here.
    Cli.Result run = Cli.run("validate", "src/test/resources/verdicts/playbooks");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("4 plays valid");
  }

  @Test
  void a_missing_config_names_the_file_it_looked_for() throws IOException {
    Path pack = Files.createDirectories(dir.resolve("lonely"));

    Cli.Result run = Cli.run("validate", pack.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("authority.yaml").contains("no such file");
  }

  @Test
  void a_missing_folder_fails_naming_it() {
    Path missing = dir.resolve("no-playbooks");

    Cli.Result run = Cli.run("validate", missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(missing + ": no such folder");
  }

  @Test
  void a_missing_authority_file_fails_naming_it() {
    Path missing = dir.resolve("authority.yaml");

    Cli.Result run = Cli.run("validate", "playbooks", "--authority", missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(missing.toString());
  }
}
