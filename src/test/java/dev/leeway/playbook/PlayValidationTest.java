package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of mistake a play file can contain, each checking file, line and field. */
class PlayValidationTest {

  private static final AuthorityMatrix AUTHORITY = Fixtures.authority();
  private static final String BASE =
      read(Fixtures.playbooksDir().resolve("orders/damaged-item.yaml"));

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void setUp() {
    file = dir.resolve("orders").resolve("damaged-item.yaml");
  }

  @Test
  void the_base_play_is_valid() {
    assertThat(load(BASE)).isInstanceOf(LoadResult.Loaded.class);
  }

  @Test
  void rejects_invalid_yaml_with_the_parsers_line() {
    String yaml = edit(BASE, "tags: [orders, damage]", "tags: [orders, damage");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.file()).isEqualTo(file);
    assertThat(problem.line()).isEqualTo(lineOf(yaml, "facts:"));
    assertThat(problem.field()).isEmpty();
    assertThat(problem.message()).startsWith("invalid YAML: ");
  }

  @Test
  void rejects_unknown_key() {
    String yaml = edit(BASE, "owner: returns-team", "owner: returns-team\nowners: [x]");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "owners: [x]",
        "owners",
        "unknown key 'owners'; did you mean 'owner'? (allowed: id, title, situation, examples, tags, facts, guidance, reply, actions, exceptions, triggers, instead, bendable, owner, status, version, review_by)");
  }

  @Test
  void rejects_unknown_key_inside_an_action() {
    String yaml =
        edit(
            BASE,
            "    label: Send a replacement at no cost",
            "    label: Send a replacement at no cost\n    colour: red");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "colour: red",
        "actions[2].colour",
        "unknown key 'colour' (allowed: id, kind, label, amount, applies_when, when, bendable, instead, policy, urgent)");
  }

  @Test
  void rejects_wrong_type() {
    String yaml = edit(BASE, "version: 3", "version: three");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "version: three",
        "version",
        "expected a whole number but found text 'three'");
  }

  @Test
  void rejects_a_list_where_text_is_expected() {
    String yaml =
        edit(BASE, "    label: Add a goodwill credit for the trouble", "    label: [a, b]");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "label: [a, b]",
        "actions[1].label",
        "expected text but found a list");
  }

  @Test
  void rejects_missing_required_field() {
    String yaml = edit(BASE, "owner: returns-team\n", "");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.field()).isEqualTo("owner");
    assertThat(problem.message()).isEqualTo("is required but missing");
  }

  @Test
  void rejects_missing_required_field_inside_a_trigger() {
    String yaml = edit(BASE, "    to: supervisor\n", "");

    assertProblem(
        onlyProblem(yaml), yaml, "- id: high-value", "triggers[0].to", "is required but missing");
  }

  @Test
  void rejects_unknown_status() {
    String yaml = edit(BASE, "status: published", "status: live");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "status: live",
        "status",
        "unknown value 'live' (known: draft, in_review, published, retired)");
  }

  @Test
  void rejects_unknown_fact_type() {
    String yaml = edit(BASE, "    type: days", "    type: duration");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "type: duration",
        "facts[1].type",
        "unknown value 'duration' (known: money, count, days, date, enum, boolean, text)");
  }

  @Test
  void rejects_badly_formed_play_id() {
    String yaml = edit(BASE, "id: orders.damaged-item", "id: Orders/Damaged Item");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "id: Orders/Damaged Item",
        "id",
        "'Orders/Damaged Item' is not valid: use lowercase letters and digits, separated by single"
            + " '.' or '-' (e.g. orders.damaged-item)");
  }

  @Test
  void rejects_badly_formed_fact_name() {
    String yaml = edit(BASE, "  - name: has_photo", "  - name: hasPhoto");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "name: hasPhoto",
        "facts[3].name",
        "'hasPhoto' is not valid: use snake_case: a lowercase letter, then lowercase letters,"
            + " digits and '_' (e.g. order_total)");
  }

  @Test
  void rejects_duplicate_play_ids_across_files_naming_both() throws IOException {
    Path other = dir.resolve("zz-copy.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, BASE);
    Files.writeString(other, BASE);

    List<Problem> problems = PlaybookLoaderTest.problems(PlaybookLoader.load(dir, AUTHORITY));

    assertThat(problems).hasSize(1);
    Problem problem = problems.get(0);
    assertThat(problem.file()).isEqualTo(other);
    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.field()).isEqualTo("id");
    assertThat(problem.message())
        .isEqualTo("duplicate play id 'orders.damaged-item': also in " + slashes(file) + ":1");
  }

  @Test
  void rejects_duplicate_action_ids() {
    String yaml = edit(BASE, "  - id: reship", "  - id: full-refund");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "  - id: full-refund\n    kind: reship",
        "actions[2].id",
        "duplicate action id 'full-refund': already used by actions[0] (line "
            + lineOf(yaml, "  - id: full-refund")
            + ")");
  }

  @Test
  void rejects_duplicate_fact_names() {
    String yaml = edit(BASE, "  - name: has_photo", "  - name: order_total");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "  - name: order_total\n    type: boolean"));
    assertThat(problem.field()).isEqualTo("facts[3].name");
    assertThat(problem.message())
        .startsWith("duplicate fact 'order_total': already used by facts[0]");
  }

  @Test
  void rejects_duplicate_exception_ids() {
    String yaml =
        edit(
            BASE,
            "triggers:",
            """
              - id: gold-no-photo
                when: "has_photo"
                allows: [reship]
            triggers:\
            """);

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "  - id: gold-no-photo\n    when: \"has_photo\"",
        "exceptions[1].id",
        "duplicate exception id 'gold-no-photo': already used by exceptions[0] (line "
            + lineOf(yaml, "  - id: gold-no-photo")
            + ")");
  }

  @Test
  void rejects_enum_fact_without_values() {
    String yaml = edit(BASE, "    values: [none, silver, gold, platinum]\n", "");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "- name: membership_tier",
        "facts[2].values",
        "an enum fact needs its values, e.g. values: [none, silver, gold]");
  }

  @Test
  void rejects_values_on_a_fact_that_is_not_an_enum() {
    String yaml = edit(BASE, "    type: money", "    type: money\n    values: [low, high]");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "values: [low, high]",
        "facts[0].values",
        "only enum facts have values; this fact is money");
  }

  @Test
  void rejects_amount_that_is_not_a_money_fact() {
    String yaml = edit(BASE, "    amount: order_total", "    amount: order_totl");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "amount: order_totl",
        "actions[0].amount",
        "'order_totl' is neither a number nor a money fact of this play (money facts:"
            + " order_total)");
  }

  @Test
  void rejects_amount_naming_a_fact_of_another_type() {
    String yaml = edit(BASE, "    amount: order_total", "    amount: days_since_delivery");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "amount: days_since_delivery",
        "actions[0].amount",
        "'days_since_delivery' is a days fact, not money (money facts: order_total)");
  }

  @Test
  void rejects_amount_on_a_non_monetary_action() {
    String yaml =
        edit(
            BASE,
            "    label: Send a replacement at no cost",
            "    label: Send a replacement at no cost\n    amount: 5");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "amount: 5",
        "actions[2].amount",
        "'reship' is not monetary, so the action has no amount");
  }

  @Test
  void rejects_negative_fixed_amount() {
    String yaml = edit(BASE, "    amount: 10", "    amount: -10");

    assertProblem(
        onlyProblem(yaml), yaml, "amount: -10", "actions[1].amount", "must be at least 0, was -10");
  }

  @Test
  void rejects_exception_allowing_an_unknown_action() {
    String yaml =
        edit(
            BASE,
            "    allows: [full-refund]",
            "    allows:\n      - full-refund\n      - fullrefund");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "- fullrefund",
        "exceptions[0].allows[1]",
        "unknown action 'fullrefund' (actions: full-refund, goodwill-credit, reship)");
  }

  @Test
  void rejects_action_kind_missing_from_the_authority_matrix() {
    String yaml = edit(BASE, "    kind: refund", "    kind: refnd");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "kind: refnd",
        "actions[0].kind",
        "unknown action kind 'refnd' (known: refund, credit, fee_waiver, reship, callback)");
  }

  @Test
  void rejects_empty_trigger_target() {
    String yaml = edit(BASE, "    to: supervisor", "    to: \"  \"");

    assertProblem(onlyProblem(yaml), yaml, "to: \"  \"", "triggers[0].to", "must not be blank");
  }

  @Test
  void rejects_blank_condition() {
    String yaml = edit(BASE, "    when: \"order_total > 1000.0\"", "    when: \"\"");

    assertProblem(onlyProblem(yaml), yaml, "when: \"\"", "triggers[0].when", "must not be blank");
  }

  @Test
  void rejects_version_below_one() {
    String yaml = edit(BASE, "version: 3", "version: 0");

    assertProblem(onlyProblem(yaml), yaml, "version: 0", "version", "must be at least 1, was 0");
  }

  @Test
  void rejects_empty_examples() {
    String yaml = BASE.replaceAll("(?s)examples:\n.*?\ntags:", "examples: []\ntags:");

    assertProblem(onlyProblem(yaml), yaml, "examples: []", "examples", "must not be empty");
  }

  @Test
  void rejects_examples_repeated_within_a_play() {
    String yaml =
        edit(
            BASE,
            "tags: [orders, damage]",
            "  - \"Customer says the mixer  arrived with a cracked bowl \"\n"
                + "tags: [orders, damage]");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "Customer says the mixer  arrived",
        "examples[3]",
        "duplicate example: same as examples[0] (line "
            + lineOf(yaml, "customer says the mixer")
            + ")");
  }

  @Test
  void rejects_review_by_that_is_not_an_iso_date() {
    String yaml = edit(BASE, "review_by: 2027-06-30", "review_by: 30/06/2027");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "review_by: 30/06/2027",
        "review_by",
        "'30/06/2027' is not valid: use an ISO date, YYYY-MM-DD (e.g. 2027-06-30)");
  }

  @Test
  void rejects_review_by_that_is_not_a_real_date() {
    String yaml = edit(BASE, "review_by: 2027-06-30", "review_by: 2027-02-30");

    assertProblem(
        onlyProblem(yaml),
        yaml,
        "review_by: 2027-02-30",
        "review_by",
        "'2027-02-30' is not a real date");
  }

  @Test
  void reports_every_problem_in_every_file() throws IOException {
    String broken =
        edit(
            edit(edit(BASE, "    kind: refund", "    kind: refnd"), "version: 3", "version: 0"),
            "status: published",
            "status: live");
    Files.createDirectories(file.getParent());
    Files.writeString(file, broken);
    Path second = dir.resolve("billing").resolve("broken.yml");
    Files.createDirectories(second.getParent());
    Files.writeString(second, "id: billing.broken\ntitle: [unclosed\n");

    List<Problem> problems = PlaybookLoaderTest.problems(PlaybookLoader.load(dir, AUTHORITY));

    assertThat(problems)
        .extracting(p -> p.file().getFileName().toString() + ":" + p.field())
        .containsExactly(
            "broken.yml:",
            "damaged-item.yaml:actions[0].kind",
            "damaged-item.yaml:status",
            "damaged-item.yaml:version");
    assertThat(problems.get(1).format())
        .isEqualTo(
            slashes(file)
                + ":"
                + lineOf(broken, "kind: refnd")
                + ": actions[0].kind: unknown action kind 'refnd' (known: refund, credit,"
                + " fee_waiver, reship, callback)");
  }

  // --- helpers ---

  @Test
  void rejects_a_condition_naming_an_unknown_fact_and_lists_the_facts_there_are() {
    String yaml =
        edit(
            BASE,
            "when: \"days_since_delivery <= 30 && has_photo\"",
            "when: \"days_since_delivery <= 30 && has_fotos\"");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.line()).isEqualTo(lineOf(yaml, "has_fotos"));
    assertThat(problem.field()).isEqualTo("actions[0].when");
    assertThat(problem.message())
        .startsWith("names unknown fact 'has_fotos'; did you mean 'has_photo'? (facts here: ")
        .contains("has_photo")
        .endsWith("(at column 30)");
  }

  @Test
  void rejects_a_condition_that_does_not_parse() {
    String yaml = edit(BASE, "when: \"order_total > 1000.0\"", "when: \"order_total > \"");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.field()).isEqualTo("triggers[0].when");
    assertThat(problem.line()).isEqualTo(lineOf(yaml, "when: \"order_total > \""));
    assertThat(problem.message()).isEqualTo("the condition ends too early (at column 15)");
  }

  @Test
  void rejects_a_stray_character_in_a_condition() {
    String yaml = edit(BASE, "when: \"order_total > 1000.0\"", "when: \"order_total > 1000.0 )\"");

    assertThat(onlyProblem(yaml).message()).isEqualTo("unexpected ')' (at column 22)");
  }

  @Test
  void rejects_a_condition_comparing_a_fact_with_the_wrong_type() {
    String yaml = edit(BASE, "when: \"order_total > 1000.0\"", "when: \"order_total > 'lots'\"");

    assertThat(onlyProblem(yaml).message())
        .isEqualTo("cannot use '>' between money (a decimal number) and text (at column 13)");
  }

  @Test
  void money_compared_for_equality_with_a_whole_number_says_how_to_write_it() {
    String yaml = edit(BASE, "when: \"order_total > 1000.0\"", "when: \"order_total == 1000\"");

    assertThat(onlyProblem(yaml).message())
        .isEqualTo(
            "cannot use '==' between money (a decimal number) and a whole number; write the number with a decimal point, e.g. 50.0 (at column 13)");
  }

  @Test
  void rejects_a_condition_that_is_not_true_or_false() {
    String yaml = edit(BASE, "when: \"order_total > 1000.0\"", "when: \"order_total + 1.0\"");

    assertThat(onlyProblem(yaml).message()).startsWith("must be true or false, but is 'double'");
  }

  @Test
  void rejects_an_enum_value_the_fact_does_not_have() {
    String yaml =
        edit(
            BASE,
            "when: \"membership_tier in ['gold', 'platinum']\"",
            "when: \"membership_tier in ['gold', 'platnum']\"");

    Problem problem = onlyProblem(yaml);

    assertThat(problem.field()).isEqualTo("exceptions[0].when");
    assertThat(problem.message())
        .isEqualTo(
            "'platnum' is not a value of membership_tier (values: none, silver, gold, platinum)");
  }

  @Test
  void rejects_a_shared_fact_declared_with_another_type() {
    FactCatalogue shared =
        new FactCatalogue(
            java.util.Map.of(
                "order_total",
                new SharedFact(
                    new FactSpec("order_total", FactType.COUNT, "How many?", List.of()), null)));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, BASE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Problem> problems =
        PlaybookLoaderTest.problems(PlaybookLoader.load(dir, AUTHORITY, shared));

    assertThat(problems)
        .extracting(Problem::message)
        .contains(
            "'order_total' is a count fact in config/facts.yaml; declare it the same way or rename it");
  }

  @Test
  void reads_urgent_steps_and_actions_beside_plain_ones() {
    String yaml =
        edit(
            edit(
                BASE,
                "  - Check the delivery date in the order history.",
                "  - step: \"Tell the customer to stop using it now.\"\n    urgent: true\n"
                    + "  - Check the delivery date in the order history."),
            "    label: Send a replacement at no cost",
            "    label: Send a replacement at no cost\n    urgent: true");

    Play play =
        ((LoadResult.Loaded<Playbook>) load(yaml))
            .value()
            .play("orders.damaged-item")
            .orElseThrow();

    assertThat(play.urgentSteps()).containsExactly("Tell the customer to stop using it now.");
    assertThat(play.otherSteps())
        .containsExactly(
            "Apologise and ask for a photo of the damage and the packaging.",
            "Check the delivery date in the order history.");
    assertThat(play.actions())
        .filteredOn(Action::comesFirst)
        .extracting(Action::id)
        .containsExactly("reship");
    assertThat(PlaybookLoader.parse(null, PlayCodec.toYaml(play), AUTHORITY).orElseThrow())
        .isEqualTo(play);
  }

  @Test
  void rejects_a_guidance_step_without_its_text() {
    String yaml =
        edit(BASE, "  - Check the delivery date in the order history.", "  - urgent: true");

    assertThat(PlaybookLoaderTest.problems(load(yaml)))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.field()).startsWith("guidance[1]"));
  }

  private LoadResult<Playbook> load(String yaml) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return PlaybookLoader.load(dir, AUTHORITY);
  }

  private Problem onlyProblem(String yaml) {
    List<Problem> problems = PlaybookLoaderTest.problems(load(yaml));
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  private void assertProblem(
      Problem problem, String yaml, String lineSnippet, String field, String message) {
    assertThat(problem.file()).isEqualTo(file);
    assertThat(problem.line()).as("line").isEqualTo(lineOf(yaml, lineSnippet));
    assertThat(problem.field()).as("field").isEqualTo(field);
    assertThat(problem.message()).as("message").isEqualTo(message);
  }

  private static String edit(String yaml, String from, String to) {
    assertThat(yaml).as("text to edit").contains(from);
    assertThat(yaml.indexOf(from)).as("edit is unique").isEqualTo(yaml.lastIndexOf(from));
    return yaml.replace(from, to);
  }

  /** The 1-based line on which {@code snippet} starts (the snippet may span lines). */
  private static int lineOf(String yaml, String snippet) {
    int at = yaml.indexOf(snippet);
    assertThat(at).as("snippet " + snippet).isNotNegative();
    return (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static String slashes(Path path) {
    return path.toString().replace('\\', '/');
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
