package dev.leeway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The abuse benchmark's bounds: it refuses to run longer or harder than it promises. */
class AbuseBenchCommandTest {

  @Test
  void refuses_phases_longer_than_its_time_bound() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new AbuseBenchCommand()).setErr(new PrintWriter(err));
    assertThat(cli.execute("--seconds", "60")).isEqualTo(2);
    assertThat(err.toString()).contains("--seconds must be 2-25");
  }
}
