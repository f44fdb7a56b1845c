package dev.leeway.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {

  private static final AuthorityMatrix AUTHORITY = Fixtures.authority();

  @Test
  void loads_every_play_under_the_folder_ordered_by_id() {
    Playbook playbook = PlaybookLoader.load(Fixtures.playbooksDir(), AUTHORITY).orElseThrow();

    assertThat(playbook.plays())
        .extracting(Play::id)
        .containsExactly("billing.double-charge", "orders.damaged-item", "orders.late-delivery");
    assertThat(playbook.size()).isEqualTo(3);
  }

  @Test
  void offers_only_published_plays() {
    Playbook playbook = PlaybookLoader.load(Fixtures.playbooksDir(), AUTHORITY).orElseThrow();

    assertThat(playbook.published())
        .extracting(Play::id)
        .containsExactly("billing.double-charge", "orders.damaged-item");
  }

  @Test
  void looks_plays_up_by_id() {
    Playbook playbook = PlaybookLoader.load(Fixtures.playbooksDir(), AUTHORITY).orElseThrow();

    assertThat(playbook.play("orders.late-delivery"))
        .get()
        .extracting(Play::status)
        .isEqualTo(PlayStatus.DRAFT);
    assertThat(playbook.play("orders.nothing")).isEmpty();
  }

  @Test
  void reads_every_field_of_a_play() {
    Play play =
        PlaybookLoader.load(Fixtures.playbooksDir(), AUTHORITY)
            .orElseThrow()
            .play("orders.damaged-item")
            .orElseThrow();

    assertThat(play.title()).isEqualTo("Item arrived damaged");
    assertThat(play.situation())
        .startsWith("The customer received an item")
        .endsWith("faulty-item).\n");
    assertThat(play.examples())
        .hasSize(3)
        .contains("customer says the mixer arrived with a cracked bowl");
    assertThat(play.tags()).containsExactly("orders", "damage");
    assertThat(play.facts())
        .extracting(FactSpec::name)
        .containsExactly("order_total", "days_since_delivery", "membership_tier", "has_photo");
    assertThat(play.facts().get(2))
        .isEqualTo(
            new FactSpec(
                "membership_tier",
                FactType.ENUM,
                "Is the customer a member, and which tier?",
                List.of("none", "silver", "gold", "platinum")));
    assertThat(play.guidance()).hasSize(2);
    assertThat(play.actions().get(0))
        .isEqualTo(
            new Action(
                "full-refund",
                "refund",
                "Refund the item to the original payment method",
                "order_total",
                "days_since_delivery <= 30 && has_photo",
                "Returns policy 2.1 - damaged on arrival"));
    assertThat(play.actions().get(0).amountFact()).contains("order_total");
    assertThat(play.actions().get(1).fixedAmount()).contains(new BigDecimal("10"));
    assertThat(play.actions().get(2).amount()).isNull();
    assertThat(play.exceptions().get(0).allows()).containsExactly("full-refund");
    assertThat(play.exceptions().get(0).maxAmount()).isEqualByComparingTo("200");
    assertThat(play.triggers().get(0))
        .isEqualTo(
            new EscalationTrigger(
                "high-value",
                "order_total > 1000.0",
                "supervisor",
                "High-value damage claims need a carrier claim opened by a supervisor."));
    assertThat(play.owner()).isEqualTo("returns-team");
    assertThat(play.status()).isEqualTo(PlayStatus.PUBLISHED);
    assertThat(play.version()).isEqualTo(3);
    assertThat(play.reviewBy()).isEqualTo(LocalDate.of(2027, 6, 30));
  }

  @Test
  void keeps_decimal_amounts_exact() {
    Play play =
        PlaybookLoader.load(Fixtures.playbooksDir(), AUTHORITY)
            .orElseThrow()
            .play("orders.late-delivery")
            .orElseThrow();

    assertThat(play.actions().get(0).fixedAmount()).contains(new BigDecimal("4.95"));
  }

  @Test
  void parses_a_single_play_from_text() throws Exception {
    String yaml = Files.readString(Fixtures.playbooksDir().resolve("billing/double-charge.yaml"));

    Play play = PlaybookLoader.parse(null, yaml, AUTHORITY).orElseThrow();

    assertThat(play.id()).isEqualTo("billing.double-charge");
  }

  @Test
  void reports_a_missing_folder() {
    LoadResult<Playbook> result = PlaybookLoader.load(Path.of("no-such-folder"), AUTHORITY);

    assertThat(problems(result))
        .extracting(Problem::format)
        .containsExactly("no-such-folder: no such folder");
  }

  @Test
  void reports_a_folder_without_plays(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "not a play");

    assertThat(problems(PlaybookLoader.load(dir, AUTHORITY)))
        .extracting(Problem::message)
        .containsExactly("no plays found (looked for *.yaml and *.yml files)");
  }

  static List<Problem> problems(LoadResult<?> result) {
    assertThat(result).isInstanceOf(LoadResult.Invalid.class);
    return ((LoadResult.Invalid<?>) result).problems();
  }
}
