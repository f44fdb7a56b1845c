package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped starter pack ({@code playbooks/} and {@code config/authority.yaml}) is valid and rich
 * enough.
 */
class StarterPackTest {

  // Surefire runs tests from the project root, where the pack lives.
  private static final Path PLAYBOOKS = PlaybookLoader.DEFAULT_DIR;
  private static final Path AUTHORITY = AuthorityLoader.DEFAULT_FILE;

  private static Playbook playbook;

  @BeforeAll
  static void load() {
    AuthorityMatrix authority = orFail(AuthorityLoader.load(AUTHORITY));
    playbook = orFail(PlaybookLoader.load(PLAYBOOKS, authority));
  }

  @Test
  void has_at_least_sixty_plays() {
    assertThat(playbook.size()).isGreaterThanOrEqualTo(60);
  }

  @Test
  void covers_at_least_six_domains() throws IOException {
    Set<String> byIdPrefix =
        playbook.plays().stream()
            .map(
                play ->
                    play.id().contains(".") ? play.id().substring(0, play.id().indexOf('.')) : "")
            .filter(domain -> !domain.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> byFolder;
    try (Stream<Path> entries = Files.list(PLAYBOOKS)) {
      byFolder =
          entries
              .filter(Files::isDirectory)
              .map(dir -> dir.getFileName().toString())
              .collect(Collectors.toCollection(TreeSet::new));
    }

    assertThat(Math.max(byIdPrefix.size(), byFolder.size()))
        .as("domains by id prefix %s, by folder %s", byIdPrefix, byFolder)
        .isGreaterThanOrEqualTo(6);
  }

  @Test
  void every_published_play_has_at_least_six_examples() {
    assertThat(playbook.published()).isNotEmpty();
    assertThat(playbook.published())
        .filteredOn(play -> play.examples().size() < 6)
        .extracting(Play::id)
        .as("published plays with fewer than 6 examples")
        .isEmpty();
  }

  @Test
  void at_least_half_the_plays_have_policy_exceptions() {
    long withExceptions = playbook.plays().stream().filter(p -> !p.exceptions().isEmpty()).count();

    assertThat(withExceptions * 2)
        .as("%d of %d plays have exceptions", withExceptions, playbook.size())
        .isGreaterThanOrEqualTo(playbook.size());
  }

  private static <T> T orFail(LoadResult<T> result) {
    return switch (result) {
      case LoadResult.Loaded<T> loaded -> loaded.value();
      case LoadResult.Invalid<T> invalid ->
          fail(
              invalid.problems().stream()
                  .map(Problem::format)
                  .collect(
                      Collectors.joining("\n", invalid.problems().size() + " problems:\n", "")));
    };
  }
}
