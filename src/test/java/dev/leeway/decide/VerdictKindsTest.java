package dev.leeway.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValue;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.Play;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The richer verdicts on a small clothing-store pack (src/test/resources/verdicts): firm no's with
 * what to offer instead, actions that do not apply, questions only when the answer matters,
 * defaults, derived facts, worked-out amounts, counted checks, calendar windows, scoped triggers
 * and informational plays.
 */
class VerdictKindsTest {

  private static final Path PACK = Path.of("src/test/resources/verdicts");
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  private static final Content CONTENT =
      switch (ContentLoader.load(
          PACK.resolve("playbooks"),
          PACK.resolve("config/authority.yaml"),
          PACK.resolve("config/facts.yaml"))) {
        case LoadResult.Loaded<Content> loaded -> loaded.value();
        case LoadResult.Invalid<Content> invalid ->
            throw new AssertionError("the test pack is invalid: " + invalid.problems());
      };
  private static final Decider DECIDER = Decider.build(CONTENT);

  /** Facts as "name=value" pairs, typed by the play's declarations. */
  private static List<Decision> decide(String playId, String role, String... facts) {
    Play play = CONTENT.playbook().play(playId).orElseThrow();
    var specs = DECIDER.factSpecs(play);
    List<Fact> given = new ArrayList<>();
    for (String pair : facts) {
      String name = pair.substring(0, pair.indexOf('='));
      String text = pair.substring(pair.indexOf('=') + 1);
      FactValue value =
          switch (specs.get(name).type()) {
            case MONEY -> new FactValue.Money(new BigDecimal(text), "USD");
            case COUNT, DAYS -> new FactValue.Whole(Long.parseLong(text));
            case BOOLEAN -> new FactValue.Flag(Boolean.parseBoolean(text));
            case DATE -> new FactValue.Date(LocalDate.parse(text));
            case ENUM, TEXT -> new FactValue.Text(text);
          };
      given.add(new Fact(name, value, new FactSource.Context(name), 1.0));
    }
    return DECIDER.decide(play, FactSet.of(given), role, Optional.of(TODAY)).decisions();
  }

  private static Decision action(List<Decision> decisions, String id) {
    return decisions.stream().filter(d -> d.action().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void a_guest_past_their_window_is_a_firm_no_with_what_to_offer_instead() {
    Decision refund =
        action(
            decide(
                "orders.return",
                "agent",
                "membership_level=guest",
                "days_since_purchase=45",
                "item_price=30"),
            "refund");

    assertThat(refund)
        .isInstanceOfSatisfying(
            Decision.CannotDo.class,
            no -> {
              assertThat(no.instead())
                  .containsExactly(
                      new Decision.Instead.OtherAction("exchange", "Exchange for another size"),
                      new Decision.Instead.Say(
                          "Explain kindly that the return window has closed."));
              assertThat(no.reason())
                  .contains("days since purchase is 45; needs at most 30")
                  .doesNotContain("bronze")
                  .doesNotContain("silver");
            });
  }

  @Test
  void a_guest_is_never_asked_about_packaging_that_only_members_rules_read() {
    Decision refund =
        action(
            decide(
                "orders.return",
                "agent",
                "membership_level=guest",
                "days_since_purchase=45",
                "item_price=30"),
            "refund");
    assertThat(refund).isNotInstanceOf(Decision.NeedInfo.class);
  }

  @Test
  void a_return_every_level_allows_is_not_asked_the_level() {
    Decision refund =
        action(
            decide("orders.return", "agent", "days_since_purchase=14", "item_price=30"), "refund");
    assertThat(refund).isInstanceOf(Decision.CanDo.class);
  }

  @Test
  void a_return_only_some_levels_allow_asks_the_level() {
    Decision refund =
        action(
            decide("orders.return", "agent", "days_since_purchase=40", "item_price=30"), "refund");
    assertThat(refund)
        .isInstanceOfSatisfying(
            Decision.NeedInfo.class,
            n -> {
              assertThat(n.fact()).isEqualTo("membership_level");
              assertThat(n.reason())
                  .contains("If guest: the policy does not allow it.")
                  .contains("If gold: you can do it.");
            });
  }

  @Test
  void a_worked_out_amount_sums_its_facts_and_meets_the_cap() {
    Decision refund =
        action(
            decide(
                "orders.return",
                "agent",
                "membership_level=gold",
                "days_since_purchase=10",
                "item_price=70",
                "earlier_refund=40"),
            "refund");
    assertThat(refund)
        .isInstanceOfSatisfying(
            Decision.NeedsApproval.class,
            n -> {
              assertThat(n.amount()).contains(new BigDecimal("110.00"));
              assertThat(n.approverRole()).isEqualTo("supervisor");
            });
  }

  @Test
  void a_default_is_used_and_named_only_when_another_value_would_change_the_verdict() {
    // earlier_refund defaults to 0: $70 is within the $100 limit, but an earlier refund of $40
    // would not be.
    Decision near =
        action(
            decide(
                "orders.return",
                "agent",
                "membership_level=gold",
                "days_since_purchase=10",
                "item_price=70"),
            "refund");
    assertThat(near).isInstanceOf(Decision.CanDo.class);
    assertThat(near.reason())
        .contains("This assumes earlier refund is $0")
        .contains("How much was refunded on this order before?");
    assertThat(near.trace().facts())
        .anySatisfy(
            f -> {
              assertThat(f.name()).isEqualTo("earlier_refund");
              assertThat(f.source()).isInstanceOf(FactSource.Assumed.class);
            });
  }

  @Test
  void an_action_whose_precondition_fails_does_not_apply() {
    List<Decision> decisions =
        decide("orders.change", "agent", "shipping_status=in_transit", "order_total=80");
    assertThat(action(decisions, "change-address")).isInstanceOf(Decision.NotApplicable.class);
    assertThat(action(decisions, "cancel")).isInstanceOf(Decision.NotApplicable.class);
    assertThat(action(decisions, "refund-shipping")).isInstanceOf(Decision.CanDo.class);
  }

  @Test
  void a_derived_fact_is_worked_out_and_shown_with_where_it_came_from() {
    List<Decision> decisions =
        decide("orders.change", "agent", "shipping_status=processing", "order_total=80");
    assertThat(action(decisions, "change-address")).isInstanceOf(Decision.CanDo.class);
    assertThat(action(decisions, "refund-shipping")).isInstanceOf(Decision.NotApplicable.class);
    assertThat(action(decisions, "change-address").trace().facts())
        .anySatisfy(
            f ->
                assertThat(f.source())
                    .isEqualTo(new FactSource.Derived(List.of("shipping_status"))));
  }

  @Test
  void an_unknown_status_asks_the_derived_fact_the_rules_read_which_settles_every_action() {
    List<Decision> decisions = decide("orders.change", "agent", "order_total=80");
    for (Decision d : decisions) {
      assertThat(d)
          .isInstanceOfSatisfying(
              Decision.NeedInfo.class,
              n -> {
                assertThat(n.fact()).isEqualTo("shipped");
                assertThat(n.question()).isEqualTo("Has the order shipped?");
              });
    }
  }

  @Test
  void a_derived_facts_inputs_show_in_the_trace_beside_it() {
    Decision change =
        action(
            decide("orders.change", "agent", "shipping_status=packed", "order_total=80"),
            "change-address");
    assertThat(change.trace().facts())
        .extracting(Fact::name)
        .contains("shipped", "shipping_status");
  }

  @Test
  void a_trigger_scoped_to_one_action_escalates_only_that_action() {
    List<Decision> decisions =
        decide("orders.change", "agent", "shipping_status=packed", "order_total=800");
    assertThat(action(decisions, "cancel"))
        .isInstanceOfSatisfying(
            Decision.Escalate.class, e -> assertThat(e.to()).isEqualTo("Warehouse team"));
    assertThat(action(decisions, "change-address")).isInstanceOf(Decision.CanDo.class);
  }

  @Test
  void a_fired_guardrail_escalates_what_applies_and_leaves_what_does_not_apply_alone() {
    List<Decision> decisions =
        decide(
            "orders.change",
            "agent",
            "shipping_status=in_transit",
            "order_total=80",
            "suspected_fraud=true");
    assertThat(action(decisions, "refund-shipping")).isInstanceOf(Decision.Escalate.class);
    assertThat(action(decisions, "change-address")).isInstanceOf(Decision.NotApplicable.class);
    assertThat(action(decisions, "cancel")).isInstanceOf(Decision.NotApplicable.class);
  }

  @Test
  void counted_checks_pass_with_two_of_three_and_a_missing_third_is_not_asked() {
    Decision passed =
        action(
            decide("account.identity", "agent", "dob_matches=true", "postcode_matches=true"),
            "change-email");
    assertThat(passed).isInstanceOf(Decision.CanDo.class);
    Decision open =
        action(
            decide("account.identity", "agent", "dob_matches=true", "postcode_matches=false"),
            "change-email");
    assertThat(open)
        .isInstanceOfSatisfying(
            Decision.NeedInfo.class, n -> assertThat(n.fact()).isEqualTo("last_order_matches"));
    Decision failed =
        action(
            decide("account.identity", "agent", "dob_matches=false", "postcode_matches=false"),
            "change-email");
    assertThat(failed).isInstanceOf(Decision.CannotDo.class);
  }

  @Test
  void a_calendar_window_counts_months_back_from_today() {
    assertThat(
            action(
                decide(
                    "account.identity",
                    "agent",
                    "card_in_possession=false",
                    "card_issued_on=2026-01-10"),
                "replace-card"))
        .isInstanceOf(Decision.CanDo.class);
    assertThat(
            action(
                decide(
                    "account.identity",
                    "agent",
                    "card_in_possession=false",
                    "card_issued_on=2025-11-10"),
                "replace-card"))
        .isInstanceOf(Decision.NeedsApproval.class);
    assertThat(
            action(decide("account.identity", "agent", "card_in_possession=true"), "replace-card"))
        .isInstanceOf(Decision.NotApplicable.class);
  }

  @Test
  void an_informational_play_decides_nothing_and_carries_its_reply() {
    Play faq = CONTENT.playbook().play("info.return-windows").orElseThrow();
    assertThat(faq.informational()).isTrue();
    assertThat(faq.replyText())
        .hasValueSatisfying(r -> assertThat(r).startsWith("Guests have 30 days"));
    assertThat(decide("info.return-windows", "agent")).isEmpty();
  }

  @Test
  void a_rule_that_fails_on_the_facts_escalates_instead_of_erroring() {
    // Bypasses validation on purpose: content built in code can hold what a pack may not.
    Play change = CONTENT.playbook().play("orders.change").orElseThrow();
    var broken =
        new dev.leeway.playbook.Action(
            "refund-shipping",
            "refund",
            "Refund the shipping fee",
            "shipping_fee",
            null,
            "100 / 0 > 1",
            null,
            null,
            null);
    Play edited =
        new Play(
            change.id(),
            change.title(),
            change.situation(),
            change.examples(),
            change.tags(),
            change.facts(),
            change.guidance(),
            null,
            List.of(broken),
            List.of(),
            List.of(),
            null,
            null,
            change.owner(),
            change.status(),
            change.version(),
            change.reviewBy());
    Decision d =
        DECIDER.decide(edited, FactSet.empty(), "agent", Optional.of(TODAY)).decisions().get(0);
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.Escalate.class,
            e -> {
              assertThat(e.to()).isEqualTo("the team leader on duty");
              assertThat(e.reason()).startsWith("This rule could not be checked");
            });
  }
}
