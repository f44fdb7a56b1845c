package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffTopicTextsTest {
  @TempDir Path dir;

  @Test
  void reads_one_text_per_line_without_comments_blanks_or_repeats() throws IOException {
    Path file = dir.resolve("off-topic.txt");
    Files.writeString(
        file,
        "# small talk\nanyone for coffee\n\n  who's on the late shift  \nanyone for coffee\n");

    assertThat(OffTopicTexts.read(file))
        .containsExactly("anyone for coffee", "who's on the late shift");
  }

  @Test
  void no_file_means_no_texts() {
    assertThat(OffTopicTexts.read(dir.resolve("absent.txt"))).isEmpty();
  }

  @Test
  void the_shipped_list_is_there_and_substantial() {
    assertThat(OffTopicTexts.read(Path.of("config/off-topic.txt"))).hasSizeGreaterThan(100);
  }
}
