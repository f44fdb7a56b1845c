package dev.leeway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a short user's guide, and the guides' links lead to files in this repository.
 */
class ReadmeTest {

  private static final Path README = Path.of("README.md");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)");

  @Test
  void the_readme_is_at_most_15_kb_and_keeps_the_test_command_ci_runs() throws IOException {
    assertThat(Files.size(README)).isLessThanOrEqualTo(15 * 1024);
    assertThat(Files.readString(README)).contains("JAVA_HOME=\"$(bin/find-jdk)\" mvn -B verify");
  }

  @Test
  void every_relative_link_in_the_guides_leads_to_a_file_that_exists() throws IOException {
    for (Path guide : guides()) {
      Matcher link = LINK.matcher(Files.readString(guide));
      while (link.find()) {
        String target = link.group(1);
        if (!target.contains("://")) {
          assertThat(guide.resolveSibling(target)).as(guide + " links to " + target).exists();
        }
      }
    }
  }

  private static List<Path> guides() throws IOException {
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      return Stream.concat(Stream.of(README), docs.filter(p -> p.toString().endsWith(".md")))
          .toList();
    }
  }
}
