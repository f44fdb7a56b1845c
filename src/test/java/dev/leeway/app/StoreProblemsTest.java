package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be used is named, with what to do, in one line and no stack trace. */
class StoreProblemsTest {

  @Test
  void a_damaged_store_file_is_named_with_what_to_do(@TempDir Path dataDir) throws Exception {
    Files.writeString(
        dataDir.resolve("leeway.db"), "not a database at all, only text; ".repeat(100));
    Cli.Result result = Cli.run("replay", "some-answer", "--data", dataDir.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(
            "leeway: the store "
                + dataDir.resolve("leeway.db")
                + " is not a SQLite database or is damaged")
        .contains("restore it from a backup, or move it away to start with an empty store")
        .doesNotContain("\tat ");
    assertThat(Files.readString(dataDir.resolve("leeway.db"))).startsWith("not a database at all");
  }

  @Test
  void an_unreachable_postgresql_is_named_with_what_to_do(@TempDir Path dataDir) {
    Cli.Result result =
        Cli.run(
            "replay",
            "some-answer",
            "--data",
            dataDir.toString(),
            "--database-url",
            "jdbc:postgresql://127.0.0.1:1/leeway?user=postgres&connectTimeout=2");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("leeway: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/leeway")
        .contains("start PostgreSQL or fix LEEWAY_DATABASE_URL")
        .doesNotContain("\tat ");
  }

  @Test
  void a_url_that_is_not_postgresql_is_refused_naming_the_variable(@TempDir Path dataDir) {
    Cli.Result result =
        Cli.run(
            "replay",
            "some-answer",
            "--data",
            dataDir.toString(),
            "--database-url",
            "jdbc:mysql://127.0.0.1/leeway");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("LEEWAY_DATABASE_URL: expected a PostgreSQL JDBC URL");
  }
}
