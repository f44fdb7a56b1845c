package dev.leeway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up under the store: the writes it refuses say so plainly, and what it had
 * acknowledged is all there afterwards, in a sound file, with nothing half-written. The full disk
 * is a process whose files may not grow past 8 MB ({@code ulimit -f}), so the test needs no
 * privileges.
 */
class FullDiskTest {

  @TempDir Path dataDir;

  @Test
  void a_full_disk_refuses_the_write_with_what_to_do_and_loses_nothing_acknowledged()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "ulimit -f 8192 && exec '"
            + java
            + "' -Xmx256m -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + FullDiskChild.class.getName()
            + " '"
            + dataDir
            + "'";
    Process child = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    List<String> acknowledged = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.substring(4));
        } else if (line.startsWith("REFUSED ")) {
          refusals.add(line.substring(8));
        } else {
          output.append(line).append('\n');
        }
      }
    }
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(refusals).as(output.toString()).hasSize(2);
    assertThat(acknowledged).isNotEmpty();
    Path file = dataDir.resolve(StoreSettings.FILE_NAME);
    for (String refusal : refusals) {
      assertThat(refusal)
          .contains(file.toString())
          .contains("full")
          .contains("free space")
          .contains("nothing of this write was stored");
    }
    assertThat(output.toString()).doesNotContain("\tat dev.leeway");

    try (Store store = Store.open(StoreSettings.embedded(dataDir))) {
      assertThat(store.integrityCheck()).containsExactly("ok");
      assertThat(store.<Long>read(c -> store.answers().count(c))).isEqualTo(acknowledged.size());
      for (String id : acknowledged) {
        assertThat(
                store.<java.util.Optional<AnswerRepository.AnswerRow>>read(
                    c -> store.answers().find(c, id)))
            .isPresent();
      }
    }
  }
}
