package dev.leeway.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.insights.Proposals.Proposal;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PlayStatus;
import dev.leeway.playbook.Playbook;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
import dev.leeway.store.LedgerRepository.Grant;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proposed examples over a real store: grants, verdicts and the answers' texts. */
abstract class ProposalsContract {

  Store store;

  abstract StoreSettings settings();

  static final Playbook PLAYBOOK =
      Playbook.of(
          List.of(
              play("lost-parcel", PlayStatus.PUBLISHED, "Parcel never arrived"),
              play("damaged-item", PlayStatus.PUBLISHED),
              play("old-play", PlayStatus.RETIRED)));

  static Play play(String id, PlayStatus status, String... examples) {
    return new Play(
        id,
        id,
        "",
        List.of(examples),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "ops",
        status,
        1,
        LocalDate.parse("2027-01-01"));
  }

  @BeforeEach
  void open() {
    store = Store.open(settings());
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static AnswerRow answer(String id, String at, String text, String playId) {
    AnswerRow row =
        InsightsFixture.row(
            id,
            at,
            "agent",
            playId == null ? "no_match" : "matched",
            InsightsFixture.answer(playId == null ? "no_match" : "matched", playId));
    return new AnswerRow(
        row.id(),
        row.at(),
        row.user(),
        row.role(),
        row.channel(),
        null,
        null,
        null,
        row.today(),
        text,
        row.context(),
        row.contentVersion(),
        row.outcome(),
        row.answer());
  }

  void given(Work work) throws Exception {
    store
        .write(
            c -> {
              work.run(c);
              return null;
            })
        .get();
  }

  interface Work {
    void run(Connection c) throws SQLException;
  }

  void stored(AnswerRow row) throws Exception {
    given(
        c -> {
          store.answers().insert(c, row);
          Digests.insert(
              c, row.id(), AnswerDigest.of(row.at(), row.role(), row.outcome(), row.answer()));
        });
  }

  void verdict(String answerId, String at, String playId, String verdict, String right)
      throws Exception {
    given(
        c ->
            store
                .feedback()
                .upsert(
                    c,
                    new FeedbackRow(
                        Instant.parse(at),
                        "user-agent",
                        answerId,
                        playId,
                        null,
                        verdict,
                        right,
                        null,
                        null)));
  }

  void used(String answerId, String at, String playId) throws Exception {
    given(
        c ->
            store
                .ledger()
                .record(
                    c,
                    new Grant(
                        answerId,
                        playId,
                        "refund",
                        "user-agent",
                        Instant.parse(at),
                        null,
                        "refund",
                        null,
                        null),
                    List.of()));
  }

  List<Proposal> proposals() {
    return new Proposals(store).list(PLAYBOOK);
  }

  @Test
  void phrasings_confirmed_by_use_help_or_correction_are_proposed_most_confirmed_first()
      throws Exception {
    stored(
        answer(
            "a1", "2026-03-01T09:00:00Z", "box came crushed, [email] sent photos", "damaged-item"));
    stored(answer("a2", "2026-03-01T10:00:00Z", "Box came crushed!", "damaged-item"));
    stored(answer("a3", "2026-03-01T11:00:00Z", "courier left it nowhere", "damaged-item"));
    stored(answer("a4", "2026-03-01T12:00:00Z", "parcel went missing", "lost-parcel"));
    used("a1", "2026-03-02T09:00:00Z", "damaged-item");
    // Helpful on the answer as a whole: the play it offered first.
    verdict("a2", "2026-03-02T10:00:00Z", null, "helpful", null);
    verdict("a2", "2026-03-02T10:05:00Z", "damaged-item", "helpful", null);
    // Wrong, with the play that was right.
    verdict("a3", "2026-03-02T11:00:00Z", "damaged-item", "wrong", "lost-parcel");
    verdict("a4", "2026-03-02T12:00:00Z", "lost-parcel", "helpful", null);
    assertThat(proposals())
        .extracting(
            p -> p.playId() + " | " + p.text() + " | " + p.source().id() + " | " + p.count())
        .containsExactly(
            "lost-parcel | parcel went missing | helpful | 1",
            "lost-parcel | courier left it nowhere | corrected | 1",
            "damaged-item | Box came crushed! | helpful | 1",
            "damaged-item | box came crushed, [email] sent photos | used | 1");
    assertThat(proposals().get(0).latest()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
  }

  @Test
  void one_phrasing_confirmed_on_several_answers_is_one_proposal_with_their_count()
      throws Exception {
    stored(answer("b1", "2026-03-01T09:00:00Z", "Box came crushed", "damaged-item"));
    stored(answer("b2", "2026-03-01T10:00:00Z", "box  came CRUSHED.", "damaged-item"));
    used("b1", "2026-03-02T09:00:00Z", "damaged-item");
    verdict("b1", "2026-03-02T09:30:00Z", "damaged-item", "helpful", null);
    verdict("b2", "2026-03-02T10:00:00Z", "damaged-item", "helpful", null);
    assertThat(proposals())
        .extracting(p -> p.text() + " | " + p.source().id() + " | " + p.count())
        .containsExactly("box  came CRUSHED. | used | 2");
  }

  @Test
  void existing_examples_retired_and_unknown_plays_and_unconfirmed_answers_are_left_out()
      throws Exception {
    stored(answer("c1", "2026-03-01T09:00:00Z", "  parcel NEVER arrived ", "lost-parcel"));
    stored(answer("c2", "2026-03-01T10:00:00Z", "old phrasing", "old-play"));
    stored(answer("c3", "2026-03-01T11:00:00Z", "gone play", "no-such-play"));
    stored(answer("c4", "2026-03-01T12:00:00Z", "marked wrong only", "damaged-item"));
    stored(answer("c5", "2026-03-01T13:00:00Z", "what is the weather", null));
    verdict("c1", "2026-03-02T09:00:00Z", "lost-parcel", "helpful", null);
    verdict("c2", "2026-03-02T09:00:00Z", "old-play", "helpful", null);
    verdict("c3", "2026-03-02T09:00:00Z", "no-such-play", "helpful", null);
    verdict("c4", "2026-03-02T09:00:00Z", "damaged-item", "wrong", null);
    verdict("c5", "2026-03-02T09:00:00Z", null, "helpful", null);
    assertThat(proposals()).isEmpty();
  }

  @Test
  void a_dismissed_phrasing_is_not_proposed_again_in_any_wording() throws Exception {
    stored(answer("d1", "2026-03-01T09:00:00Z", "Box came crushed", "damaged-item"));
    stored(answer("d2", "2026-03-01T10:00:00Z", "lid was cracked", "damaged-item"));
    verdict("d1", "2026-03-02T09:00:00Z", "damaged-item", "helpful", null);
    verdict("d2", "2026-03-02T09:00:00Z", "damaged-item", "helpful", null);
    Proposals proposals = new Proposals(store);
    proposals.dismiss("damaged-item", "box came crushed!", "sam", Instant.now()).get();
    proposals.dismiss("damaged-item", "Box came crushed", "sam", Instant.now()).get();
    assertThat(proposals.list(PLAYBOOK))
        .extracting(Proposal::text)
        .containsExactly("lid was cracked");
    // Dismissed for one play only.
    stored(answer("d3", "2026-03-01T11:00:00Z", "box came crushed", "lost-parcel"));
    verdict("d3", "2026-03-02T09:00:00Z", "lost-parcel", "helpful", null);
    assertThat(proposals.list(PLAYBOOK))
        .extracting(p -> p.playId() + " | " + p.text())
        .contains("lost-parcel | box came crushed");
    assertThatThrownBy(() -> proposals.dismiss("damaged-item", " ?! ", "sam", Instant.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text");
  }

  @Test
  void phrasings_compare_by_their_words_only() {
    assertThat(Proposals.key("  Parcel   NEVER arrived!! ")).isEqualTo("parcel never arrived");
    assertThat(Proposals.key("ｂｏｘ, crushed—$120")).isEqualTo("box crushed 120");
    assertThat(Proposals.key("?!")).isEmpty();
  }
}
