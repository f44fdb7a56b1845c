package dev.leeway.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The figures over a real store holding the fixture's answers, counted by hand. */
abstract class InsightsContract {

  Store store;
  Report report;

  abstract StoreSettings settings();

  @BeforeEach
  void fill() throws Exception {
    store = Store.open(settings());
    store
        .write(
            c -> {
              for (AnswerRow row : InsightsFixture.rows()) {
                store.answers().insert(c, row);
              }
              return null;
            })
        .get();
    Tally tally = new Tally(InsightsFixture.PERIOD);
    new Insights(store).scan(InsightsFixture.PERIOD, tally::add);
    report =
        tally.report(
            InsightsFixture.authority(), InsightsFixture.playbook(), InsightsFixture.TODAY);
    // The same figures counted straight from the answers' JSON, as before the digest.
    Tally fromJson = new Tally(InsightsFixture.PERIOD);
    for (AnswerRow row : InsightsFixture.rows()) {
      fromJson.add(AnswerDigest.of(row.at(), row.role(), row.outcome(), row.answer()));
    }
    Report expected =
        fromJson.report(
            InsightsFixture.authority(), InsightsFixture.playbook(), InsightsFixture.TODAY);
    for (Figure figure : Figure.values()) {
      assertThat(report.table(figure).csv()).isEqualTo(expected.table(figure).csv());
    }
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static List<String> lines(Table table) {
    return List.of(table.csv().split("\r\n"));
  }

  @Test
  void only_answers_within_the_period_count_by_their_utc_day() {
    assertThat(report.answers()).isEqualTo(7);
    assertThat(lines(report.table(Figure.ANSWERS_BY_OUTCOME)))
        .containsExactly(
            "day,matched,vague,no_match,total",
            "2026-03-01,3,0,0,3",
            "2026-03-02,2,0,0,2",
            "2026-03-03,0,1,1,2");
  }

  @Test
  void decisions_per_day_count_every_action() {
    assertThat(lines(report.table(Figure.DECISIONS_BY_KIND)))
        .containsExactly(
            "day,CAN_DO,CAN_DO_BY_EXCEPTION,NEEDS_APPROVAL,CANNOT_DO,ESCALATE,NEED_INFO,NOT_APPLICABLE,total",
            "2026-03-01,1,0,3,0,0,1,0,5",
            "2026-03-02,2,0,0,1,1,0,0,4",
            "2026-03-03,0,0,0,0,0,0,0,0");
  }

  @Test
  void a_case_counts_as_acted_alone_when_any_action_was_the_agents_to_take() {
    assertThat(lines(report.table(Figure.AUTONOMY)))
        .containsExactly(
            "role,cases,acted_alone,went_up,other,share_acted_alone",
            "agent,4,1,3,0,0.250",
            "senior_agent,1,1,0,0,1.000",
            "all roles,5,2,3,0,0.400");
  }

  @Test
  void limits_and_budgets_hit_with_the_amounts_asked_against_the_cap() {
    assertThat(lines(report.table(Figure.LIMITS_HIT)))
        .containsExactly(
            "kind,role,check,hits,cap_amount,cap_count,period_days,asked_min,asked_median,asked_max",
            "refund,agent,limit,2,75,,,90,105.00,120",
            "credit,agent,customer budget,1,50,2,365,30,30,30");
  }

  @Test
  void approvals_escalations_and_nos_by_play_and_by_rule() {
    assertThat(lines(report.table(Figure.PLAYS)))
        .containsExactly(
            "play_id,title,offered,needs_approval,escalate,cannot_do",
            "refund-late,Late order refund,3,2,0,0",
            "credit-goodwill,Goodwill credit,1,1,0,0",
            "return-window,Return window,1,0,1,1");
    assertThat(lines(report.table(Figure.REFUSALS)))
        .containsExactly(
            "play_id,action_id,rule,count", "return-window,return,days_since_purchase <= 30,1");
  }

  @Test
  void published_plays_nobody_was_offered_and_plays_past_review() {
    assertThat(lines(report.table(Figure.UNUSED_PLAYS)))
        .containsExactly("play_id,title,owner,review_by", "lost-parcel,Lost parcel,ops,2026-03-01");
    assertThat(lines(report.table(Figure.REVIEW_OVERDUE)))
        .containsExactly(
            "play_id,title,owner,review_by,days_overdue",
            "lost-parcel,Lost parcel,ops,2026-03-01,9");
  }

  @Test
  void a_second_report_reuses_past_days_yet_sees_an_answer_added_or_removed_since()
      throws Exception {
    Insights insights = new Insights(store);
    Report first = report(insights);
    assertThat(lines(first.table(Figure.ANSWERS_BY_OUTCOME)))
        .isEqualTo(lines(report.table(Figure.ANSWERS_BY_OUTCOME)));
    assertThat(lines(report(insights).table(Figure.AUTONOMY)))
        .isEqualTo(lines(first.table(Figure.AUTONOMY)));
    // An answer that commits late on a past day, and one that retention removes.
    store
        .write(
            c -> {
              store
                  .answers()
                  .insert(
                      c,
                      InsightsFixture.row(
                          "late",
                          "2026-03-02T15:00:00Z",
                          "agent",
                          "no_match",
                          InsightsFixture.answer("no_match", null)));
              store.answers().deleteBefore(c, java.time.Instant.parse("2026-03-01T10:00:00Z"));
              return null;
            })
        .get();
    Report again = report(insights);
    assertThat(again.answers()).isEqualTo(7);
    assertThat(lines(again.table(Figure.ANSWERS_BY_OUTCOME)))
        .containsExactly(
            "day,matched,vague,no_match,total",
            "2026-03-01,2,0,0,2",
            "2026-03-02,2,0,1,3",
            "2026-03-03,0,1,1,2");
  }

  static long digests(Store store) {
    return store.read(
        c -> {
          try (var s = c.createStatement();
              var rs = s.executeQuery("SELECT COUNT(*) FROM answer_digests")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Test
  void answers_stored_without_a_digest_get_one_once_and_retention_removes_it_with_the_answer()
      throws Exception {
    // The fixture's answers were stored without digests (as before the digest existed); the
    // first read of the period wrote the digests of its seven.
    assertThat(digests(store)).isEqualTo(7);
    Insights insights = new Insights(store);
    assertThat(insights.backfill(InsightsFixture.PERIOD)).isZero();
    assertThat(insights.backfill(new Period(PERIOD_START.minusDays(1), PERIOD_START.plusDays(5))))
        .isEqualTo(2);
    assertThat(digests(store)).isEqualTo(9);
    store
        .write(
            c -> store.answers().deleteBefore(c, java.time.Instant.parse("2026-03-02T00:00:00Z")))
        .get();
    assertThat(digests(store)).isEqualTo(5);
  }

  @Test
  void a_new_instance_reads_the_days_kept_in_the_store_and_counts_again_a_day_that_changed()
      throws Exception {
    Report first = report(new Insights(store));
    store.flush().get();
    // Without digests a day could only be counted by digesting its answers again: a server
    // started afterwards reads the kept days instead.
    store
        .write(
            c -> {
              try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM answer_digests");
              }
              return null;
            })
        .get();
    Report again = report(new Insights(store));
    assertThat(digests(store)).isZero();
    for (Figure figure : Figure.values()) {
      assertThat(again.table(figure).csv()).isEqualTo(first.table(figure).csv());
    }
    // An answer committed late on 2026-03-02: that day is counted again (its digests written
    // again first), the others still come from the store.
    store
        .write(
            c -> {
              store
                  .answers()
                  .insert(
                      c,
                      InsightsFixture.row(
                          "late",
                          "2026-03-02T15:00:00Z",
                          "agent",
                          "no_match",
                          InsightsFixture.answer("no_match", null)));
              return null;
            })
        .get();
    Report later = report(new Insights(store));
    assertThat(digests(store)).isEqualTo(3);
    assertThat(lines(later.table(Figure.ANSWERS_BY_OUTCOME)))
        .containsExactly(
            "day,matched,vague,no_match,total",
            "2026-03-01,3,0,0,3",
            "2026-03-02,2,0,1,3",
            "2026-03-03,0,1,1,2");
    assertThat(lines(later.table(Figure.LIMITS_HIT)))
        .isEqualTo(lines(first.table(Figure.LIMITS_HIT)));
  }

  @Test
  void a_tally_written_as_json_reads_back_to_the_same_figures() {
    Tally tally = new Tally(InsightsFixture.PERIOD);
    for (AnswerRow row : InsightsFixture.rows()) {
      AnswerDigest digest = AnswerDigest.of(row.at(), row.role(), row.outcome(), row.answer());
      // Half with the cap at the time, half without.
      tally.add(
          row.id().compareTo("a4") < 0
              ? digest.withCaps(InsightsFixture.authorityWithRefundCap("60"))
              : digest);
    }
    Tally back = Tally.of(InsightsFixture.PERIOD, tally.json()).orElseThrow();
    assertThat(back.answers()).isEqualTo(tally.answers());
    Report expected =
        tally.report(
            InsightsFixture.authority(), InsightsFixture.playbook(), InsightsFixture.TODAY);
    Report read =
        back.report(InsightsFixture.authority(), InsightsFixture.playbook(), InsightsFixture.TODAY);
    for (Figure figure : Figure.values()) {
      assertThat(read.table(figure).csv()).isEqualTo(expected.table(figure).csv());
    }
    assertThat(lines(read.table(Figure.LIMITS_HIT))).hasSize(4);
    assertThat(Tally.of(InsightsFixture.PERIOD, tally.json().put("format", 99))).isEmpty();
  }

  static final java.time.LocalDate PERIOD_START = InsightsFixture.PERIOD.from();

  @Test
  void a_limit_hit_is_set_against_the_cap_in_force_when_it_was_decided() throws Exception {
    // Two refunds decided when the agent's cap was 60, recorded with their digests as the server
    // writes them; today's cap is 75.
    var then = InsightsFixture.authorityWithRefundCap("60");
    store
        .write(
            c -> {
              for (String[] r :
                  new String[][] {
                    {"t1", "2026-03-02T13:00:00Z", "70"}, {"t2", "2026-03-03T13:00:00Z", "65"}
                  }) {
                var row =
                    InsightsFixture.row(
                        r[0],
                        r[1],
                        "agent",
                        "matched",
                        InsightsFixture.answer(
                            "matched",
                            "refund-late",
                            InsightsFixture.action(
                                "refund",
                                "refund",
                                "NEEDS_APPROVAL",
                                r[2],
                                "limit",
                                "$" + r[2] + ".00 <= $60.00",
                                "false")));
                store.answers().insert(c, row);
                Digests.insert(
                    c,
                    row.id(),
                    AnswerDigest.of(row.at(), row.role(), row.outcome(), row.answer())
                        .withCaps(then));
              }
              return null;
            })
        .get();
    assertThat(lines(report(new Insights(store)).table(Figure.LIMITS_HIT)))
        .containsExactly(
            "kind,role,check,hits,cap_amount,cap_count,period_days,asked_min,asked_median,asked_max",
            "refund,agent,limit,2,60,,,65,67.50,70",
            "refund,agent,limit,2,75,,,90,105.00,120",
            "credit,agent,customer budget,1,50,2,365,30,30,30");
    // The other figures count them as any answer.
    assertThat(lines(report(new Insights(store)).table(Figure.PLAYS)))
        .contains("refund-late,Late order refund,5,4,0,0");
  }

  static Report report(Insights insights) {
    return insights.report(
        InsightsFixture.PERIOD,
        InsightsFixture.authority(),
        InsightsFixture.playbook(),
        InsightsFixture.TODAY);
  }

  @Test
  void the_scan_reads_the_period_in_time_order() {
    List<String> days = new ArrayList<>();
    new Insights(store).scan(InsightsFixture.PERIOD, a -> days.add(a.at().toString()));
    assertThat(days)
        .containsExactly(
            "2026-03-01T09:00:00Z",
            "2026-03-01T12:00:00Z",
            "2026-03-01T23:30:00Z",
            "2026-03-02T10:00:00Z",
            "2026-03-02T11:00:00Z",
            "2026-03-03T08:00:00Z",
            "2026-03-03T09:00:00Z");
  }
}
