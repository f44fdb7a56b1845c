package dev.leeway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leeway token} and {@code leeway audit} on the embedded store of a data folder. */
class TokenAndAuditCommandTest {

  @TempDir Path data;

  @Test
  void tokens_are_issued_revoked_and_reroled_in_the_store_and_each_change_is_in_the_audit_log() {
    String dir = data.toString();
    Cli.Result created =
        Cli.run("token", "create", "--user", "ana", "--role", "agent", "--data", dir);
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.lastLine()).startsWith("lw_");

    Cli.Result clash =
        Cli.run("token", "create", "--user", "ana", "--role", "supervisor", "--data", dir);
    assertThat(clash.exitCode()).isEqualTo(1);
    assertThat(clash.err()).contains("leeway token role --user ana --role supervisor");
    assertThat(clash.err()).doesNotContain("\tat ");

    Cli.Result unknownRole =
        Cli.run("token", "role", "--user", "ana", "--role", "overlord", "--data", dir);
    assertThat(unknownRole.exitCode()).isEqualTo(2);
    assertThat(unknownRole.err()).contains("unknown role 'overlord'");

    Cli.Result reroled =
        Cli.run("token", "role", "--user", "ana", "--role", "senior_agent", "--data", dir);
    assertThat(reroled.out()).contains("ana: role changed from agent to senior_agent");
    assertThat(Cli.run("token", "list", "--data", dir).out())
        .contains("ana")
        .contains("senior_agent");
    assertThat(Cli.run("token", "revoke", "--user", "ana", "--data", dir).out())
        .contains("revoked 1 token of ana");

    Cli.Result audit = Cli.run("audit", "--data", dir);
    assertThat(audit.exitCode()).isZero();
    String[] lines = audit.out().strip().split("\\R");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("token_revoked").contains("ana");
    assertThat(lines[1]).contains("role_changed").contains("from agent to senior_agent");
    assertThat(lines[2]).contains("token_issued").contains("cli:");

    assertThat(
            Cli.run("audit", "--data", dir, "--action", "role-changed", "-n", "5")
                .out()
                .strip()
                .lines())
        .hasSize(1);
    Cli.Result badAction = Cli.run("audit", "--data", dir, "--action", "deleted");
    assertThat(badAction.exitCode()).isEqualTo(2);
    assertThat(badAction.err()).contains("unknown 'deleted'").contains("token_issued");
  }
}
