package dev.leeway.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValues;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decisions over the real starter pack, one rule of the decision at a time. */
class DeciderTest {

  static Content content;
  static Decider decider;

  @BeforeAll
  static void load() {
    content =
        switch (ContentLoader.load(
            Path.of("playbooks"), Path.of("config/authority.yaml"), Path.of("config/facts.yaml"))) {
          case LoadResult.Loaded<Content> loaded -> loaded.value();
          case LoadResult.Invalid<Content> invalid -> throw new AssertionError(invalid.problems());
        };
    decider = Decider.build(content);
  }

  static Play play(String id) {
    return content.playbook().play(id).orElseThrow();
  }

  /** Context facts, typed as the play declares them. */
  static FactSet facts(Play play, String... nameValues) {
    List<Fact> facts = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      String name = nameValues[i];
      facts.add(
          new Fact(
              name,
              FactValues.parse(specFor(play, name), nameValues[i + 1]),
              new FactSource.Context(name),
              1.0));
    }
    return FactSet.of(facts);
  }

  static FactSpec specFor(Play play, String name) {
    FactSpec spec = decider.factSpecs(play).get(name);
    if (spec != null) {
      return spec;
    }
    return Usage.specs(content.authority()).stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no fact " + name));
  }

  static Decision decision(String playId, String actionId, String role, String... facts) {
    Play play = play(playId);
    return decider.decide(play, facts(play, facts), role).decisions().stream()
        .filter(d -> d.action().id().equals(actionId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void a_rule_no_answer_could_change_is_not_confirmed_rather_than_not_met() {
    // Whether the charge is recent enough is not known, but $450 needs a senior agent either way.
    Decision d =
        decision(
            "cards.unrecognised-transaction",
            "raise-fraud-claim",
            "agent",
            "disputed_amount",
            "450");

    assertThat(d).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(d.reason())
        .startsWith(
            "The normal rule is not confirmed (days since charge not known) and no exception is confirmed")
        .doesNotContain("not met");
    assertThat(((Decision.NeedsApproval) d).canDoNow()).isEmpty();
  }

  @Test
  void refund_within_the_agents_limit_is_can_do() {
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "40",
            "days_since_delivery",
            "3",
            "has_photo",
            "true");
    assertThat(d).isInstanceOf(Decision.CanDo.class);
    assertThat(d.reason()).contains("$40.00 is within your refund limit of $75.00");
    assertThat(d.policy()).isEqualTo("Returns policy R-2.1 - damaged on arrival");
    assertThat(d.trace().playId()).isEqualTo("orders.damaged-item");
    assertThat(d.trace().contentVersion()).isEqualTo(content.version());
  }

  @Test
  void refund_over_the_limit_needs_a_senior_agent_and_offers_a_partial_refund_now() {
    // Not a member, so the member exception's higher cap cannot apply.
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "120",
            "days_since_delivery",
            "3",
            "has_photo",
            "true",
            "membership_tier",
            "none");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.NeedsApproval.class,
            n -> {
              assertThat(n.approverRole()).isEqualTo("senior_agent");
              assertThat(n.canDoNow()).contains(new BigDecimal("75"));
            });
    assertThat(d.reason())
        .contains("$120.00 is over your refund limit of $75.00")
        .contains("up to $75.00 now");
  }

  @Test
  void over_the_limit_with_the_tier_unknown_asks_the_tier_because_gold_would_raise_the_cap() {
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "120",
            "days_since_delivery",
            "3",
            "has_photo",
            "true");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.NeedInfo.class, n -> assertThat(n.fact()).isEqualTo("membership_tier"));
  }

  @Test
  void the_same_refund_is_can_do_for_a_senior_agent() {
    assertThat(
            decision(
                "orders.damaged-item",
                "refund-item",
                "senior_agent",
                "item_price",
                "120",
                "days_since_delivery",
                "3",
                "has_photo",
                "true"))
        .isInstanceOf(Decision.CanDo.class);
  }

  @Test
  void a_missing_amount_that_could_exceed_the_limit_is_asked_for_with_the_plays_question() {
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "days_since_delivery",
            "3",
            "has_photo",
            "true");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.NeedInfo.class,
            n -> {
              assertThat(n.fact()).isEqualTo("item_price");
              assertThat(n.question())
                  .isEqualTo("How much did the customer pay for the damaged item?");
            });
  }

  @Test
  void a_gold_member_without_a_photo_is_allowed_by_exception_and_the_exception_is_cited() {
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "60",
            "days_since_delivery",
            "3",
            "has_photo",
            "false",
            "membership_tier",
            "gold");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.CanDoByException.class,
            e -> assertThat(e.exceptionId()).isEqualTo("member-no-photo"));
    assertThat(d.policy()).isEqualTo("Loyalty charter L-3.1 - trusted member claims");
  }

  @Test
  void an_exception_cap_raises_the_limit_only_as_far_as_it_says() {
    // member-no-photo allows up to 250: an agent may refund 200 under it, but not 300.
    assertThat(
            decision(
                "orders.damaged-item",
                "refund-item",
                "agent",
                "item_price",
                "200",
                "days_since_delivery",
                "3",
                "has_photo",
                "false",
                "membership_tier",
                "gold"))
        .isInstanceOf(Decision.CanDoByException.class);
    assertThat(
            decision(
                "orders.damaged-item",
                "refund-item",
                "agent",
                "item_price",
                "300",
                "days_since_delivery",
                "3",
                "has_photo",
                "false",
                "membership_tier",
                "gold"))
        .isInstanceOfSatisfying(
            Decision.NeedsApproval.class,
            n -> assertThat(n.canDoNow()).contains(new BigDecimal("250")));
  }

  @Test
  void a_failed_rule_says_why_in_plain_words() {
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "60",
            "days_since_delivery",
            "45",
            "has_photo",
            "true",
            "membership_tier",
            "none");
    assertThat(d).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(d.reason()).contains("days since delivery is 45; needs at most 30");
  }

  @Test
  void an_unknown_fact_is_not_asked_when_every_answer_leads_to_the_same_decision() {
    // The photo is there and the rule holds, so the tier (which only matters for the exception) is
    // not asked.
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "40",
            "days_since_delivery",
            "3",
            "has_photo",
            "true");
    assertThat(d).isInstanceOf(Decision.CanDo.class);
  }

  @Test
  void an_unknown_fact_that_decides_between_exception_and_approval_is_asked() {
    Decision d =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "40",
            "days_since_delivery",
            "3",
            "has_photo",
            "false");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.NeedInfo.class, n -> assertThat(n.fact()).isEqualTo("membership_tier"));
  }

  @Test
  void a_trigger_escalates_every_action_of_the_play() {
    Play play = play("orders.damaged-item");
    PlayDecision decided =
        decider.decide(
            play,
            facts(play, "item_price", "1500", "days_since_delivery", "3", "has_photo", "true"),
            "supervisor");
    assertThat(decided.decisions())
        .allSatisfy(
            d ->
                assertThat(d)
                    .isInstanceOfSatisfying(
                        Decision.Escalate.class, e -> assertThat(e.to()).isEqualTo("supervisor")));
  }

  @Test
  void a_guardrail_wins_over_everything_and_unmentioned_flags_are_assumed_false_in_the_trace() {
    Decision fired =
        decision(
            "orders.damaged-item",
            "refund-item",
            "supervisor",
            "item_price",
            "40",
            "days_since_delivery",
            "3",
            "has_photo",
            "true",
            "legal_threat",
            "true");
    assertThat(fired)
        .isInstanceOfSatisfying(
            Decision.Escalate.class, e -> assertThat(e.to()).startsWith("Customer Relations"));

    Decision quiet =
        decision(
            "orders.damaged-item",
            "refund-item",
            "agent",
            "item_price",
            "40",
            "days_since_delivery",
            "3",
            "has_photo",
            "true");
    assertThat(quiet.trace().facts())
        .anySatisfy(
            f -> {
              assertThat(f.name()).isEqualTo("legal_threat");
              assertThat(f.source()).isInstanceOf(FactSource.Assumed.class);
            });
    assertThat(quiet.trace().checks())
        .anySatisfy(c -> assertThat(c.subject()).isEqualTo("guardrail legal-threat"));
  }

  @Test
  void a_customer_budget_nearly_used_up_leaves_a_partial_credit() {
    // Agents may give 50 of goodwill credit per customer per 365 days; 45 is already used.
    Decision d =
        decision(
            "orders.backorder-delay",
            "delay-credit",
            "agent",
            "days_since_order",
            "25",
            "customer_credit_count",
            "1",
            "customer_credit_total",
            "45");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.NeedsApproval.class,
            n -> assertThat(n.canDoNow()).contains(new BigDecimal("5")));
    assertThat(d.reason()).contains("$5.00 left");
  }

  @Test
  void unknown_budget_usage_is_asked_for_when_it_could_change_the_decision() {
    Decision d =
        decision("orders.backorder-delay", "delay-credit", "agent", "days_since_order", "25");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.NeedInfo.class, n -> assertThat(n.fact()).startsWith("customer_credit_"));
  }

  @Test
  void the_top_role_outside_policy_goes_to_the_configured_escalation_path() {
    Decision d =
        decision(
            "orders.backorder-delay",
            "delay-credit",
            "supervisor",
            "days_since_order",
            "5",
            "membership_tier",
            "none",
            "customer_credit_count",
            "0",
            "customer_credit_total",
            "0");
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.Escalate.class, e -> assertThat(e.to()).isEqualTo("the team leader on duty"));
  }

  @Test
  void the_same_facts_give_the_same_decision() {
    String[] facts = {"item_price", "120", "days_since_delivery", "3", "has_photo", "true"};
    assertThat(decision("orders.damaged-item", "refund-item", "agent", facts))
        .isEqualTo(decision("orders.damaged-item", "refund-item", "agent", facts));
  }

  @Test
  void an_unknown_role_is_refused_with_the_roles_there_are() {
    Play play = play("orders.damaged-item");
    assertThatThrownBy(() -> decider.decide(play, FactSet.empty(), "intern"))
        .hasMessageContaining("unknown role 'intern'")
        .hasMessageContaining("agent, senior_agent, supervisor");
  }

  @Test
  void an_urgent_action_is_taken_now_when_the_unknown_only_decides_whether_a_team_takes_over() {
    // Card details typed into a scam site: whether money has gone since decides whether the fraud
    // team takes the case, not whether to block the card first.
    Decision now =
        decision(
            "account.phishing-message",
            "replace-card",
            "agent",
            "details_entered",
            "yes",
            "card_details_given",
            "yes");
    assertThat(now).isInstanceOf(Decision.CanDo.class);
    assertThat(now.reason()).contains("do it now").contains("fraud team");
    // Once money is known to have gone, the fraud team has it.
    assertThat(
            decision(
                "account.phishing-message",
                "replace-card",
                "agent",
                "details_entered",
                "yes",
                "card_details_given",
                "yes",
                "charge_amount",
                "150"))
        .isInstanceOf(Decision.Escalate.class);
    // An action that is not urgent still asks.
    assertThat(
            decision(
                "cards.lost-stolen-card",
                "waive-express-fee",
                "agent",
                "card_in_possession",
                "no",
                "membership_tier",
                "gold"))
        .isInstanceOf(Decision.NeedInfo.class);
  }
}
