package dev.leeway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorityLoaderTest {

  private static final Path FILE = Path.of("config", "authority.yaml");

  private static final String VALID =
      """
      action_kinds:
        refund: {monetary: true, label: Refund}
        reship: {monetary: false, label: Reship}
      roles:
        agent:
          label: Agent
          approver: senior_agent
          limits:
            refund: {max_amount: 75, per_customer: {max_count: 2, max_amount: 100, period_days: 365}}
            reship: {}
        senior_agent:
          label: Senior agent
          approver: supervisor
          limits:
            refund: {max_amount: 250.50}
        supervisor:
          label: Supervisor
          approver: null
          limits:
            refund: {}
            reship:
      """;

  private static List<Problem> problems(String yaml) {
    LoadResult<AuthorityMatrix> result = AuthorityLoader.parse(FILE, yaml);
    assertThat(result).isInstanceOf(LoadResult.Invalid.class);
    return ((LoadResult.Invalid<AuthorityMatrix>) result).problems();
  }

  private static Problem onlyProblem(String yaml) {
    List<Problem> problems = problems(yaml);
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  private static int lineOf(String yaml, String snippet) {
    String[] lines = yaml.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(snippet)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line contains " + snippet);
  }

  @Test
  void loads_kinds_roles_and_limits_in_file_order() {
    AuthorityMatrix matrix = AuthorityLoader.parse(FILE, VALID).orElseThrow();

    assertThat(matrix.actionKinds().keySet()).containsExactly("refund", "reship");
    assertThat(matrix.kind("reship")).get().extracting(ActionKind::monetary).isEqualTo(false);
    assertThat(matrix.roles().keySet()).containsExactly("agent", "senior_agent", "supervisor");

    Role agent = matrix.role("agent").orElseThrow();
    assertThat(agent.label()).isEqualTo("Agent");
    assertThat(agent.limit("refund").orElseThrow())
        .isEqualTo(
            new Limit(new BigDecimal("75"), new Budget(2, new BigDecimal("100"), 365), null));
    assertThat(agent.limit("reship")).contains(Limit.UNLIMITED);
    assertThat(matrix.role("senior_agent").orElseThrow().limit("refund").orElseThrow().maxAmount())
        .isEqualByComparingTo("250.50");
    assertThat(matrix.role("senior_agent").orElseThrow().limit("reship")).isEmpty();
    assertThat(matrix.role("supervisor").orElseThrow().limit("reship")).contains(Limit.UNLIMITED);
  }

  @Test
  void follows_the_approval_chain_to_the_top() {
    AuthorityMatrix matrix = AuthorityLoader.parse(FILE, VALID).orElseThrow();

    assertThat(matrix.approvalChain("agent"))
        .extracting(Role::id)
        .containsExactly("senior_agent", "supervisor");
    assertThat(matrix.approvalChain("supervisor")).isEmpty();
  }

  @Test
  void publishing_needs_no_approval_unless_the_matrix_asks_for_one() {
    assertThat(AuthorityLoader.parse(FILE, VALID).orElseThrow().publishing().approvals()).isZero();
    String one = VALID + "publishing:\n  approvals: 1\n";
    assertThat(AuthorityLoader.parse(FILE, one).orElseThrow().publishing().approvals())
        .isEqualTo(1);
  }

  @Test
  void rejects_more_approvals_than_a_second_curator_and_unknown_publishing_keys() {
    String two = VALID + "publishing:\n  approvals: 2\n";
    Problem problem = onlyProblem(two);
    assertThat(problem.field()).isEqualTo("publishing.approvals");
    assertThat(problem.line()).isEqualTo(lineOf(two, "approvals: 2"));
    String typo = VALID + "publishing:\n  aprovals: 1\n";
    assertThat(onlyProblem(typo).message()).startsWith("unknown key 'aprovals'");
  }

  @Test
  void loads_the_test_fixture() throws URISyntaxException {
    Path fixture = Path.of(getClass().getResource("/authority-fixture.yaml").toURI());

    AuthorityMatrix matrix = AuthorityLoader.load(fixture).orElseThrow();

    assertThat(matrix.roles()).hasSize(3);
    assertThat(matrix.role("agent").orElseThrow().limit("callback")).contains(Limit.UNLIMITED);
  }

  @Test
  void rejects_unknown_key() {
    String yaml = VALID.replace("label: Senior agent", "label: Senior agent\n    colour: blue");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.file()).isEqualTo(FILE);
    assertThat(problem.line()).isEqualTo(lineOf(yaml, "colour: blue"));
    assertThat(problem.field()).isEqualTo("roles.senior_agent.colour");
    assertThat(problem.message())
        .startsWith("unknown key 'colour' (allowed: label, approver, limits)");
  }

  @Test
  void rejects_unknown_key_in_a_limit() {
    String yaml = VALID.replace("refund: {max_amount: 250.50}", "refund: {max_amont: 250.50}");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "max_amont"));
    assertThat(problem.field()).isEqualTo("roles.senior_agent.limits.refund.max_amont");
    assertThat(problem.message()).startsWith("unknown key 'max_amont'");
  }

  @Test
  void rejects_an_approver_that_is_not_a_role() {
    String yaml = VALID.replace("approver: supervisor", "approver: superviser");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "approver: superviser"));
    assertThat(problem.field()).isEqualTo("roles.senior_agent.approver");
    assertThat(problem.message())
        .isEqualTo("unknown role 'superviser' (roles: agent, senior_agent, supervisor)");
  }

  @Test
  void rejects_an_approver_cycle() {
    String yaml = VALID.replace("approver: null", "approver: agent");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "approver: senior_agent"));
    assertThat(problem.field()).isEqualTo("roles.agent.approver");
    assertThat(problem.message())
        .startsWith("approvers go round in a cycle: agent -> senior_agent -> supervisor -> agent");
  }

  @Test
  void rejects_a_role_that_approves_itself() {
    String yaml = VALID.replace("approver: null", "approver: supervisor");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.field()).isEqualTo("roles.supervisor.approver");
    assertThat(problem.message()).contains("supervisor -> supervisor");
  }

  @Test
  void rejects_a_limit_on_an_unknown_kind() {
    String yaml = VALID.replace("      reship: {}\n  senior", "      reshipp: {}\n  senior");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "reshipp"));
    assertThat(problem.field()).isEqualTo("roles.agent.limits.reshipp");
    assertThat(problem.message())
        .isEqualTo("unknown action kind 'reshipp' (known: refund, reship)");
  }

  @Test
  void rejects_a_negative_amount() {
    String yaml = VALID.replace("max_amount: 250.50", "max_amount: -1");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "max_amount: -1"));
    assertThat(problem.field()).isEqualTo("roles.senior_agent.limits.refund.max_amount");
    assertThat(problem.message()).isEqualTo("must be at least 0, was -1");
  }

  @Test
  void rejects_max_amount_on_a_non_monetary_kind() {
    String yaml =
        VALID.replace("      reship: {}\n  senior", "      reship: {max_amount: 5}\n  senior");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "reship: {max_amount: 5}"));
    assertThat(problem.field()).isEqualTo("roles.agent.limits.reship.max_amount");
    assertThat(problem.message()).isEqualTo("'reship' is not monetary, so it has no max_amount");
  }

  @Test
  void rejects_a_customer_budget_without_a_count_or_amount() {
    String yaml =
        VALID.replace(
            "per_customer: {max_count: 2, max_amount: 100, period_days: 365}",
            "per_customer: {period_days: 365}");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.field()).isEqualTo("roles.agent.limits.refund.per_customer");
    assertThat(problem.message()).startsWith("needs max_count or max_amount");
  }

  @Test
  void rejects_a_missing_section() {
    String yaml = VALID.substring(VALID.indexOf("roles:"));

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.field()).isEqualTo("action_kinds");
    assertThat(problem.message()).isEqualTo("is required but missing");
  }

  @Test
  void rejects_a_wrong_type() {
    String yaml =
        VALID.replace("{monetary: false, label: Reship}", "{monetary: maybe, label: Reship}");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "monetary: maybe"));
    assertThat(problem.field()).isEqualTo("action_kinds.reship.monetary");
    assertThat(problem.message()).isEqualTo("expected true or false but found text 'maybe'");
  }

  @Test
  void rejects_a_badly_formed_role_name() {
    String yaml =
        VALID
            .replace("  supervisor:\n", "  Supervisor:\n")
            .replace("approver: supervisor", "approver: Supervisor");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "  Supervisor:"));
    assertThat(problem.field()).isEqualTo("roles.Supervisor");
    assertThat(problem.message()).startsWith("'Supervisor' is not a valid name: use snake_case");
  }

  @Test
  void suggests_quotes_when_a_comma_splits_a_label() {
    String yaml = VALID.replace("label: Reship}", "label: Reship, resend or replace}");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "resend or replace"));
    assertThat(problem.field()).isEqualTo("action_kinds.reship.resend or replace");
    assertThat(problem.message())
        .isEqualTo(
            "unknown key 'resend or replace' (allowed: monetary, label); if this is part of a"
                + " text value, put that text in quotes");
  }

  @Test
  void reports_every_problem_at_once() {
    String yaml =
        VALID
            .replace("approver: supervisor", "approver: boss")
            .replace("max_amount: 250.50", "max_amount: -3")
            .replace("label: Reship}", "label: Reship, extra: 1}");

    assertThat(problems(yaml))
        .extracting(Problem::field)
        .containsExactly(
            "action_kinds.reship.extra",
            "roles.senior_agent.approver",
            "roles.senior_agent.limits.refund.max_amount");
  }

  @Test
  void reports_a_missing_file() {
    LoadResult<AuthorityMatrix> result = AuthorityLoader.load(Path.of("no", "such.yaml"));

    assertThat(result).isInstanceOf(LoadResult.Invalid.class);
    assertThat(((LoadResult.Invalid<AuthorityMatrix>) result).problems())
        .extracting(Problem::format)
        .containsExactly("no/such.yaml: no such file");
  }
}
