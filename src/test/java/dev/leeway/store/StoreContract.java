package dev.leeway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.ConversationRepository.ConversationRow;
import dev.leeway.store.ConversationRepository.TurnRow;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
import dev.leeway.store.GapRepository.GapRow;
import dev.leeway.store.LedgerRepository.Budget;
import dev.leeway.store.LedgerRepository.Grant;
import dev.leeway.store.LedgerRepository.Outcome;
import dev.leeway.store.LedgerRepository.Scope;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store does, on whichever database a subclass opens. */
abstract class StoreContract {

  static final Instant NOW = Instant.parse("2026-03-31T10:15:30.123Z");

  Store store;

  /** Settings for a fresh, empty store. */
  abstract StoreSettings fresh();

  /** Settings for the same store again, as after a restart. */
  abstract StoreSettings again();

  @BeforeEach
  void open() {
    store = Store.open(fresh());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static AnswerRow answer(String id, Instant at) {
    return new AnswerRow(
        id,
        at,
        "ana",
        "agent",
        "suggest",
        null,
        null,
        "cust-1",
        LocalDate.parse("2026-03-31"),
        "double charged [card]",
        "{}",
        "abc123",
        "matched",
        "{\"plays\":[]}");
  }

  @Test
  void an_answer_written_is_read_back_after_a_restart() throws Exception {
    AnswerRow row = answer("a1", NOW);
    store
        .write(
            c -> {
              store.answers().insert(c, row);
              return null;
            })
        .get();
    store.close();
    store = Store.open(again());
    assertThat(store.<java.util.Optional<AnswerRow>>read(c -> store.answers().find(c, "a1")))
        .contains(row);
    assertThat(store.<java.util.Optional<AnswerRow>>read(c -> store.answers().find(c, "nope")))
        .isEmpty();
  }

  @Test
  void feedback_is_one_verdict_per_user_answer_and_subject() throws Exception {
    store
        .write(
            c -> {
              store
                  .feedback()
                  .upsert(
                      c, new FeedbackRow(NOW, "ana", "a1", "p", "x", "helpful", null, null, null));
              store
                  .feedback()
                  .upsert(
                      c,
                      new FeedbackRow(
                          NOW.plusSeconds(1),
                          "ana",
                          "a1",
                          "p",
                          "x",
                          "used",
                          null,
                          "gave it",
                          new BigDecimal("12.50")));
              store
                  .feedback()
                  .upsert(
                      c,
                      new FeedbackRow(
                          NOW.plusSeconds(2), "ana", "a1", null, null, "wrong", "q", null, null));
              return null;
            })
        .get();
    List<FeedbackRow> rows = store.read(c -> store.feedback().forAnswer(c, "a1"));
    assertThat(rows)
        .extracting(FeedbackRow::subject, FeedbackRow::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("p/x", "used"),
            org.assertj.core.groups.Tuple.tuple("", "wrong"));
    assertThat(rows.get(0).amount()).isEqualByComparingTo("12.50");
  }

  @Test
  void gaps_come_back_oldest_first_with_their_nearest_plays() throws Exception {
    for (int i = 0; i < 5; i++) {
      int n = i;
      store.write(
          c -> {
            store
                .gaps()
                .insert(
                    c,
                    new GapRow(
                        "g" + n,
                        NOW.plusSeconds(n),
                        "suggest",
                        null,
                        "agent",
                        "text " + n,
                        "no play fits",
                        List.of("p (0.20)")));
            return null;
          });
    }
    store.flush().get();
    assertThat(store.<List<GapRow>>read(c -> store.gaps().recent(c, 3)))
        .extracting(GapRow::id)
        .containsExactly("g2", "g3", "g4");
    assertThat(store.<List<GapRow>>read(c -> store.gaps().recent(c, 1)).get(0).nearest())
        .containsExactly("p (0.20)");
    assertThat(store.<Long>read(c -> store.gaps().count(c))).isEqualTo(5);
  }

  @Test
  void a_conversation_keeps_its_turns_in_order_until_retention_removes_it() throws Exception {
    ConversationRow row = new ConversationRow("c1", "ana", "agent", null, NOW, NOW);
    store
        .write(
            c -> {
              store.conversations().upsert(c, row);
              store
                  .conversations()
                  .insertTurn(
                      c,
                      new TurnRow(
                          "c1",
                          2,
                          NOW.plusSeconds(2),
                          LocalDate.parse("2026-03-31"),
                          "second",
                          "{}",
                          "{}"));
              store
                  .conversations()
                  .insertTurn(
                      c,
                      new TurnRow(
                          "c1",
                          1,
                          NOW.plusSeconds(1),
                          LocalDate.parse("2026-03-31"),
                          "first",
                          "{\"order_total\":12}",
                          "{}"));
              store
                  .conversations()
                  .upsert(
                      c,
                      new ConversationRow("c1", "ana", "agent", "cust-9", NOW, NOW.plusSeconds(2)));
              return null;
            })
        .get();
    assertThat(
            store.<java.util.Optional<ConversationRow>>read(
                c -> store.conversations().find(c, "c1")))
        .contains(new ConversationRow("c1", "ana", "agent", "cust-9", NOW, NOW.plusSeconds(2)));
    assertThat(store.<List<TurnRow>>read(c -> store.conversations().turns(c, "c1")))
        .extracting(TurnRow::text)
        .containsExactly("first", "second");
    int gone = store.write(c -> store.conversations().deleteBefore(c, NOW.plusSeconds(3))).get();
    assertThat(gone).isEqualTo(1);
    assertThat(store.<List<TurnRow>>read(c -> store.conversations().turns(c, "c1"))).isEmpty();
  }

  @Test
  void retention_deletes_only_older_answers() throws Exception {
    store
        .write(
            c -> {
              store.answers().insert(c, answer("old", NOW.minus(40, ChronoUnit.DAYS)));
              store.answers().insert(c, answer("new", NOW));
              return null;
            })
        .get();
    assertThat(
            store.write(c -> store.answers().deleteBefore(c, NOW.minus(30, ChronoUnit.DAYS))).get())
        .isEqualTo(1);
    assertThat(store.<java.util.Optional<AnswerRow>>read(c -> store.answers().find(c, "new")))
        .isPresent();
  }

  @Test
  void one_failing_write_does_not_take_its_batch_with_it() throws Exception {
    List<CompletableFuture<Object>> writes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = i == 7 ? "a1" : "b" + i;
      writes.add(
          store.write(
              c -> {
                store.answers().insert(c, answer(id, NOW));
                return null;
              }));
    }
    writes.add(
        store.write(
            c -> {
              store.answers().insert(c, answer("a1", NOW));
              return null;
            }));
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get();
    assertThat(writes.subList(0, 20))
        .allSatisfy(w -> assertThat(w).isCompleted().isNotCompletedExceptionally());
    assertThat(writes.get(20)).isCompletedExceptionally();
    assertThat(store.<Long>read(c -> store.answers().count(c))).isEqualTo(20);
  }

  static Grant grant(String answerId, String agent, String customer, String amount) {
    return new Grant(
        answerId, "p", "credit", agent, NOW, customer, "credit", new BigDecimal(amount), "EUR");
  }

  static final List<Budget> CREDIT =
      List.of(
          new Budget(
              "per_customer budget for credit", Scope.CUSTOMER, 2, new BigDecimal("50"), 365));

  @Test
  void a_grant_over_the_customers_budget_is_refused_naming_the_budget() throws Exception {
    assertThat(
            store
                .write(c -> store.ledger().record(c, grant("a1", "ana", "cust-1", "20"), CREDIT))
                .get())
        .isInstanceOf(Outcome.Recorded.class);
    // The same grant again is an update, not a second use.
    assertThat(
            store
                .write(c -> store.ledger().record(c, grant("a1", "ana", "cust-1", "25"), CREDIT))
                .get())
        .isInstanceOf(Outcome.Recorded.class);
    Outcome over =
        store
            .write(c -> store.ledger().record(c, grant("a2", "bob", "cust-1", "30"), CREDIT))
            .get();
    assertThat(over)
        .isInstanceOfSatisfying(
            Outcome.Refused.class,
            r -> assertThat(r.detail()).contains("per_customer budget for credit", "25 of 50"));
    assertThat(
            store
                .write(c -> store.ledger().record(c, grant("a3", "bob", "cust-2", "30"), CREDIT))
                .get())
        .isInstanceOf(Outcome.Recorded.class);
    assertThat(
            store.<LedgerRepository.Used>read(
                c ->
                    store
                        .ledger()
                        .usage(
                            c,
                            Scope.CUSTOMER,
                            "cust-1",
                            "credit",
                            NOW.minus(365, ChronoUnit.DAYS))))
        .satisfies(
            u -> {
              assertThat(u.count()).isEqualTo(1);
              assertThat(u.total()).isEqualByComparingTo("25");
            });
    assertThat(store.write(c -> store.ledger().remove(c, "a1", "p", "credit", "ana")).get())
        .isTrue();
    assertThat(
            store
                .<LedgerRepository.Used>read(
                    c ->
                        store
                            .ledger()
                            .usage(c, Scope.AGENT, "ana", "credit", NOW.minus(1, ChronoUnit.DAYS)))
                .count())
        .isZero();
  }

  @Test
  void two_agents_racing_for_the_last_of_a_budget_cannot_both_record_it() throws Exception {
    store.write(c -> store.ledger().record(c, grant("first", "ana", "cust-1", "10"), CREDIT)).get();
    // Two stores on one database stand for two servers where the database allows it.
    Store other = second();
    try {
      for (int round = 0; round < 5; round++) {
        String customer = "cust-race-" + round;
        store
            .write(
                c ->
                    store
                        .ledger()
                        .record(c, grant("seed-" + customer, "ana", customer, "10"), CREDIT))
            .get();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          Store via = i % 2 == 0 ? store : other;
          String id = "try-" + round + "-" + i;
          tries.add(
              pool.submit(
                  () -> {
                    go.await();
                    return via.write(
                            c ->
                                via.ledger()
                                    .record(c, grant(id, "agent" + id, customer, "5"), CREDIT))
                        .get();
                  }));
        }
        go.countDown();
        int recorded = 0;
        for (Future<Outcome> t : tries) {
          if (t.get() instanceof Outcome.Recorded) {
            recorded++;
          }
        }
        pool.shutdown();
        assertThat(recorded).as("round %d", round).isEqualTo(1);
        assertThat(
                store
                    .<LedgerRepository.Used>read(
                        c ->
                            store
                                .ledger()
                                .usage(
                                    c,
                                    Scope.CUSTOMER,
                                    customer,
                                    "credit",
                                    NOW.minus(1, ChronoUnit.DAYS)))
                    .count())
            .isEqualTo(2);
      }
    } finally {
      if (other != store) {
        other.close();
      }
    }
  }

  @Test
  void audit_records_are_numbered_in_commit_order_and_read_newest_first() throws Exception {
    List<CompletableFuture<Long>> written = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      written.add(
          store
              .audit()
              .record(i % 2 == 0 ? "ana" : "cli:root", AuditAction.SIGN_IN, "ana", "n" + i));
    }
    List<Long> seqs = new ArrayList<>();
    for (CompletableFuture<Long> w : written) {
      seqs.add(w.get());
    }
    assertThat(seqs).isSorted().doesNotHaveDuplicates().startsWith(1L);
    List<AuditLog.Entry> ana =
        store.read(
            c ->
                store
                    .audit()
                    .latest(
                        c,
                        new AuditLog.Query(
                            java.util.Optional.of("ana"),
                            java.util.Optional.of(AuditAction.SIGN_IN),
                            3)));
    assertThat(ana).extracting(AuditLog.Entry::detail).containsExactly("n18", "n16", "n14");
    assertThat(
            store.<List<AuditLog.Entry>>read(
                c ->
                    store
                        .audit()
                        .latest(
                            c,
                            new AuditLog.Query(
                                java.util.Optional.empty(),
                                java.util.Optional.of(AuditAction.TOKEN_REVOKED),
                                10))))
        .isEmpty();
    assertThatThrownBy(() -> AuditLog.Query.latest(AuditLog.MAX_READ + 1))
        .hasMessageContaining("limit");
  }

  @Test
  void a_record_written_with_a_change_that_fails_is_not_kept() throws Exception {
    CompletableFuture<Object> failed =
        store.write(
            c -> {
              store.audit().append(c, NOW, "ana", AuditAction.CONTENT_PUBLISHED, "play x", "");
              throw new SQLException("the change itself failed");
            });
    assertThatThrownBy(failed::get).hasMessageContaining("the change itself failed");
    assertThat(store.<Long>read(c -> store.audit().count(c))).isZero();
  }

  @Test
  void the_audit_log_has_no_path_that_changes_or_removes_a_record_and_retention_leaves_it()
      throws Exception {
    // Append-only in code: the class offers appending and reading, nothing else.
    assertThat(
            java.util.Arrays.stream(AuditLog.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .map(java.lang.reflect.Method::getName)
                .distinct()
                .sorted())
        .containsExactly("append", "count", "lastOf", "latest", "record");
    store.audit().record("ana", AuditAction.SIGN_IN, "ana", "old").get();
    store
        .write(
            c -> {
              store.answers().deleteBefore(c, NOW.plus(3650, ChronoUnit.DAYS));
              store.conversations().deleteBefore(c, NOW.plus(3650, ChronoUnit.DAYS));
              return null;
            })
        .get();
    assertThat(store.<Long>read(c -> store.audit().count(c))).isEqualTo(1);
  }

  @Test
  void two_stores_on_one_database_number_their_records_without_gaps_or_clashes() throws Exception {
    Store other = second();
    try {
      List<CompletableFuture<Long>> written = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        written.add(store.audit().record("a", AuditAction.SIGN_IN, "a", ""));
        written.add(other.audit().record("b", AuditAction.SIGN_IN, "b", ""));
      }
      List<Long> seqs = new ArrayList<>();
      for (CompletableFuture<Long> w : written) {
        seqs.add(w.get());
      }
      assertThat(seqs).doesNotHaveDuplicates();
      assertThat(seqs.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(100);
    } finally {
      if (other != store) {
        other.close();
      }
    }
  }

  /** A second store on the same database, or this one where a second writer is not allowed. */
  abstract Store second();

  @Test
  void a_failed_migration_says_so_and_leaves_the_store_as_it_was() throws Exception {
    store
        .write(
            c -> {
              store.answers().insert(c, answer("kept", NOW));
              return null;
            })
        .get();
    store.close();
    store = null;
    assertThatThrownBy(
            () ->
                Store.open(
                    again()
                        .withMigrations(List.of(StoreSettings.MIGRATIONS, "classpath:db/broken"))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema migration failed")
        .hasMessageContaining("nothing of it was applied");
    store = Store.open(again());
    assertThat(store.<java.util.Optional<AnswerRow>>read(c -> store.answers().find(c, "kept")))
        .isPresent();
    assertThat(
            store.<Long>read(
                c -> {
                  try (var s = c.createStatement();
                      var rs = s.executeQuery("SELECT COUNT(*) FROM answers")) {
                    rs.next();
                    return rs.getLong(1);
                  } catch (SQLException e) {
                    throw e;
                  }
                }))
        .isEqualTo(1);
  }
}
