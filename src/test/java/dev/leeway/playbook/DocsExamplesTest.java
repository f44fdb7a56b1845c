package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/playbook-format.md are valid, so people can copy them. */
class DocsExamplesTest {

  private static final Path DOC = Path.of("docs", "playbook-format.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

  @Test
  void the_documented_play_and_authority_matrix_are_valid() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = YAML_BLOCK.matcher(Files.readString(DOC));
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    String authorityYaml = only(blocks, "action_kinds:");
    String playYaml = only(blocks, "id: ");

    AuthorityMatrix authority = AuthorityLoader.parse(DOC, authorityYaml).orElseThrow();
    Play play = PlaybookLoader.parse(DOC, playYaml, authority).orElseThrow();

    assertThat(play.examples()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(play.exceptions()).isNotEmpty();
  }

  private static String only(List<String> blocks, String start) {
    List<String> matching = blocks.stream().filter(b -> b.startsWith(start)).toList();
    assertThat(matching).as("yaml blocks starting with " + start).hasSize(1);
    return matching.get(0);
  }
}
