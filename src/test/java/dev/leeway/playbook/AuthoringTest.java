package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slips people make writing plays get a message that says what to write instead, and a
 * condition that some value of its facts would break is refused when the pack loads.
 */
class AuthoringTest {

  private static final AuthorityMatrix AUTHORITY =
      AuthorityLoader.parse(
              null,
              """
              action_kinds:
                refund: {monetary: true, label: Refund}
                reship: {monetary: false, label: Reship}
              roles:
                agent: {label: Agent, approver: supervisor, limits: {refund: {max_amount: 75}, reship: {}}}
                supervisor: {label: Supervisor, limits: {refund: {}, reship: {}}}
              teams: [Fraud team, Returns team]
              """)
          .orElseThrow();

  @TempDir Path dir;

  /** A play whose facts, actions and triggers are written into the template below. */
  private static String play(String facts, String actions, String extra) {
    return """
        id: orders.test
        title: Test play
        situation: A play for checking messages.
        examples: [the parcel is damaged]
        facts:
          - {name: order_total, type: money, question: "What was the order total?"}
          - {name: days, type: days, question: "How many days ago?"}
          - {name: tier, type: enum, values: [guest, bronze, gold], question: "Which tier?"}
          - {name: shipped, type: boolean, question: "Has it shipped?"}
          - {name: note, type: text, question: "Anything else?"}
          - {name: bought_on, type: date, question: "When was it bought?"}
        %s
        actions:
          - id: refund
            kind: refund
            label: Refund it
            amount: order_total
        %s
        %s
        owner: returns-team
        version: 1
        review_by: 2027-01-01
        """
        .formatted(facts.indent(2).stripTrailing(), actions.indent(4).stripTrailing(), extra);
  }

  private List<Problem> problems(String yaml) throws IOException {
    Path file = dir.resolve("orders").resolve("test.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return switch (PlaybookLoader.load(dir, AUTHORITY, FactCatalogue.EMPTY)) {
      case LoadResult.Loaded<Playbook> loaded -> List.of();
      case LoadResult.Invalid<Playbook> invalid -> invalid.problems();
    };
  }

  private Problem onlyProblem(String yaml) throws IOException {
    List<Problem> problems = problems(yaml);
    assertThat(problems).as("problems of:\n%s", yaml).hasSize(1);
    return problems.get(0);
  }

  private Problem whenProblem(String when) throws IOException {
    return onlyProblem(play("", "when: \"" + when + "\"", ""));
  }

  @Test
  void the_template_is_valid() throws IOException {
    assertThat(problems(play("", "when: \"days <= 30\"", ""))).isEmpty();
  }

  // ---- conditions that some value breaks are refused at load ----

  @Test
  void refuses_a_division_by_a_fact_that_can_be_zero() throws IOException {
    Problem p = whenProblem("100 / days > 3");
    assertThat(p.field()).isEqualTo("actions[0].when");
    assertThat(p.line()).isPositive();
    assertThat(p.message()).startsWith("fails when days is 0: ").contains("/ by zero");
  }

  @Test
  void refuses_an_index_past_the_end_of_a_list() throws IOException {
    assertThat(whenProblem("[1, 2, 3][days] > 1").message()).startsWith("fails when days is ");
  }

  @Test
  void refuses_a_bad_regular_expression() throws IOException {
    assertThat(whenProblem("note.matches('[')").message()).startsWith("fails when ");
  }

  @Test
  void refuses_a_date_that_is_no_timestamp() throws IOException {
    assertThat(whenProblem("timestamp(bought_on) > timestamp('2020-01-01T00:00:00Z')").message())
        .startsWith("fails when ");
  }

  @Test
  void refuses_a_condition_over_a_thousand_characters() throws IOException {
    String longOne = "days <= 30" + " && days <= 30".repeat(80);
    assertThat(whenProblem(longOne).message())
        .isEqualTo("the condition is longer than 1000 characters");
  }

  @Test
  void refuses_nesting_deeper_than_the_parser_allows() throws IOException {
    String deep = "(".repeat(300) + "days <= 30" + ")".repeat(300);
    Problem p = onlyProblem(play("", "when: \"" + deep + "\"", ""));
    assertThat(p.field()).isEqualTo("actions[0].when");
  }

  @Test
  void refuses_a_worked_out_amount_that_divides_by_zero() throws IOException {
    String yaml =
        play("", "when: \"days <= 30\"", "")
            .replace("amount: order_total", "amount: \"order_total / (days - days)\"");
    Problem p = onlyProblem(yaml);
    assertThat(p.field()).isEqualTo("actions[0].amount");
  }

  // ---- the commonest slips, and what to write instead ----

  @Test
  void an_unquoted_leading_not_is_explained_as_a_yaml_tag() throws IOException {
    Problem p = onlyProblem(play("", "when: !shipped", ""));
    assertThat(p.field()).isEqualTo("actions[0].when");
    assertThat(p.message())
        .isEqualTo(
            "YAML reads the leading '!' of !shipped as a tag, so the condition came out empty: quote it, when: \"!shipped\"");
  }

  @Test
  void an_unquoted_enum_value_says_to_quote_it() throws IOException {
    Problem p = onlyProblem(play("", "when: tier == gold", ""));
    assertThat(p.message())
        .startsWith("'gold' is not a fact but a value of tier: quote it, e.g. tier == 'gold'");
  }

  @Test
  void a_condition_yaml_misreads_as_an_anchor_says_to_quote_it() throws IOException {
    Problem p = onlyProblem(play("", "when: \"days <= 30\" && shipped", ""));
    assertThat(p.message()).startsWith("invalid YAML").contains("must be quoted as a whole");
  }

  @Test
  void an_unknown_function_lists_the_functions_there_are() throws IOException {
    Problem p = whenProblem("days_betwen(bought_on, today) <= 30");
    assertThat(p.message())
        .startsWith(
            "unknown function 'days_betwen'; did you mean 'days_between'? (Leeway's functions: count_true, ");
  }

  @Test
  void a_misspelled_fact_suggests_the_one_meant() throws IOException {
    assertThat(whenProblem("dayz <= 30").message())
        .startsWith("names unknown fact 'dayz'; did you mean 'days'?");
  }

  @Test
  void a_misspelled_team_suggests_the_one_meant() throws IOException {
    Problem p =
        onlyProblem(
            play(
                "",
                "",
                "triggers:\n  - {id: big, when: \"order_total > 500.0\", to: Fruad team, reason: Big claims.}"));
    assertThat(p.field()).isEqualTo("triggers[0].to");
    assertThat(p.message())
        .startsWith("unknown team or role 'Fruad team'; did you mean 'Fraud team'?");
  }

  @Test
  void a_trigger_may_name_only_the_plays_actions() throws IOException {
    Problem p =
        onlyProblem(
            play(
                "",
                "",
                "triggers:\n  - {id: big, when: \"order_total > 500.0\", to: supervisor, reason: Big., actions: [refnd]}"));
    assertThat(p.field()).isEqualTo("triggers[0].actions[0]");
    assertThat(p.message()).startsWith("unknown action 'refnd'; did you mean 'refund'?");
  }

  @Test
  void instead_names_another_action_of_the_play() throws IOException {
    Problem self = onlyProblem(play("", "bendable: false\ninstead: [{action: refund}]", ""));
    assertThat(self.message()).isEqualTo("an action cannot be offered instead of itself");
    Problem unknown = onlyProblem(play("", "", "instead: [{action: reship}]"));
    assertThat(unknown.field()).isEqualTo("instead[0].action");
  }

  @Test
  void cue_words_name_the_facts_own_values() throws IOException {
    Problem p =
        onlyProblem(
            play(
                "- {name: level, type: enum, values: [guest, gold], question: Level, cues: {golld: [gold member]}}",
                "",
                ""));
    assertThat(p.field()).isEqualTo("facts[6].cues.golld");
    assertThat(p.message()).startsWith("'golld' is not a value of level; did you mean 'gold'?");
  }

  @Test
  void a_default_must_fit_its_type() throws IOException {
    Problem p =
        onlyProblem(play("- {name: paid, type: money, question: Paid, default: lots}", "", ""));
    assertThat(p.field()).isEqualTo("facts[6].default");
    assertThat(p.message()).isEqualTo("a money default is a number 0 or more, e.g. 50");
  }

  @Test
  void a_derived_fact_uses_only_facts_above_it() throws IOException {
    Problem p =
        onlyProblem(
            play(
                "- {name: circular, type: boolean, question: Circular, derive: \"circular\"}",
                "",
                ""));
    assertThat(p.field()).isEqualTo("facts[6].derive");
    assertThat(p.message()).contains("a fact cannot be derived from itself");
  }

  @Test
  void a_fact_named_after_a_reserved_word_is_told_to_rename_it() throws IOException {
    Problem p =
        onlyProblem(play("- {name: loop, type: boolean, question: Loop}", "when: \"loop\"", ""));
    assertThat(p.message())
        .startsWith("'loop' is a reserved word in conditions: give the fact another name");
  }

  @Test
  void the_richer_format_loads() throws IOException {
    String yaml =
        play(
            """
            - {name: in_transit, type: boolean, question: "Is it on its way?", derive: "shipped && days < 10"}
            - {name: checks_passed, type: count, question: "How many checks passed?", default: 0}
            - {name: level, type: enum, values: [guest, gold], question: "Level?", cues: {gold: [gold member], guest: [no account]}}
            """,
            """
            applies_when: "!in_transit"
            when: "bought_on >= add_months(today, -6) && count_true([shipped, level == 'gold']) >= 1"
            bendable: false
            instead: [{say: "Offer a replacement instead."}]
            """,
            """
            reply: Tell the customer how returns work.
            triggers:
              - {id: big, when: "order_total > 500.0", to: Returns team, reason: Big claims., actions: [refund]}
            """);
    assertThat(problems(yaml)).isEmpty();
  }
}
