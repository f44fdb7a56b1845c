package dev.leeway.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.leeway.curate.ContentRevisions.Conflicted;
import dev.leeway.curate.ContentRevisions.Edit;
import dev.leeway.curate.ContentRevisions.Invalid;
import dev.leeway.curate.ContentRevisions.Saved;
import dev.leeway.curate.ContentRevisions.Stored;
import dev.leeway.curate.ContentRevisions.Unchanged;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.store.AuditAction;
import dev.leeway.store.AuditLog;
import dev.leeway.store.ContentRepository.Change;
import dev.leeway.store.ContentRepository.HistoryRow;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the content's revisions do, on whichever database a subclass opens. */
abstract class ContentRevisionsContract {

  static final ContentFiles STARTER =
      ContentFiles.read(
          Path.of("playbooks"), Path.of("config/authority.yaml"), Path.of("config/facts.yaml"));

  static final String PLAY = "playbooks/orders-returns/orders.backorder-delay.yaml";

  Store store;
  ContentRevisions revisions;

  /** Settings for a fresh, empty store. */
  abstract StoreSettings fresh();

  /** A second store on the same database, as another process would open it. */
  abstract Store second();

  @BeforeEach
  void open() {
    store = Store.open(fresh());
    revisions = new ContentRevisions(store, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static ContentFiles with(ContentFiles files, String path, String text) {
    Map<String, String> texts = new LinkedHashMap<>(files.texts());
    if (text == null) {
      texts.remove(path);
    } else {
      texts.put(path, text);
    }
    return new ContentFiles(texts);
  }

  @Test
  void an_empty_store_is_seeded_once_as_revision_one_with_who_and_why() {
    assertThat(revisions.head()).isZero();
    assertThat(revisions.seed(STARTER, "leeway", "first start")).isInstanceOf(Stored.class);
    assertThat(revisions.seed(STARTER, "leeway", "first start")).isEqualTo(new Unchanged(1));
    ContentRevisions.Published published = revisions.published();
    assertThat(published.revision()).isEqualTo(1);
    assertThat(published.files()).isEqualTo(STARTER);
    assertThat(ContentRevisions.load(published)).isInstanceOf(LoadResult.Loaded.class);
    List<HistoryRow> history = store.read(c -> store.content().history(c, PLAY));
    assertThat(history).hasSize(1);
    assertThat(history.get(0).author()).isEqualTo("leeway");
    assertThat(history.get(0).why()).isEqualTo("first start");
    assertThat(history.get(0).change()).isEqualTo(Change.ADDED);
    assertThat(history.get(0).playStatus()).isEqualTo("published");
    assertThat(history.get(0).yaml()).isEqualTo(STARTER.texts().get(PLAY));
  }

  @Test
  void replacing_with_the_same_content_makes_no_revision() {
    revisions.seed(STARTER, "leeway", "first start");
    assertThat(revisions.replace(STARTER, "sam", "again")).isEqualTo(new Unchanged(1));
    assertThat(revisions.head()).isEqualTo(1);
  }

  @Test
  void a_change_is_a_new_revision_of_what_changed_and_earlier_revisions_stay_readable() {
    revisions.seed(STARTER, "leeway", "first start");
    String before = STARTER.texts().get(PLAY);
    String after = before.replace("status: published", "status: retired");
    ContentFiles next =
        with(with(STARTER, PLAY, after), "playbooks/shipping-delivery/x.yaml", null);
    Saved saved = revisions.replace(next, "sam", "retire the backorder play");
    assertThat(saved).isEqualTo(new Stored(2, List.of(PLAY)));
    assertThat(revisions.published().files().texts().get(PLAY)).isEqualTo(after);
    assertThat(revisions.at(1).files()).isEqualTo(STARTER);
    List<HistoryRow> history = store.read(c -> store.content().history(c, PLAY));
    assertThat(history).extracting(HistoryRow::revision).containsExactly(1L, 2L);
    assertThat(history.get(1).author()).isEqualTo("sam");
    assertThat(history.get(1).why()).isEqualTo("retire the backorder play");
    assertThat(history.get(1).base()).isEqualTo(1);
    assertThat(history.get(1).playStatus()).isEqualTo("retired");
  }

  @Test
  void every_stored_revision_is_in_the_audit_log_with_who_what_and_why_and_a_refused_one_is_not() {
    revisions.seed(STARTER, "leeway", "first start");
    String after = STARTER.texts().get(PLAY).replace("status: published", "status: retired");
    revisions.replace(with(STARTER, PLAY, after), "sam", "retire the backorder play");
    revisions.replace(with(STARTER, PLAY, "id: [broken"), "kim", "a bad edit");
    List<AuditLog.Entry> entries =
        store.read(c -> store.audit().latest(c, AuditLog.Query.latest(10)));
    assertThat(entries)
        .extracting(AuditLog.Entry::actor, AuditLog.Entry::action, AuditLog.Entry::subject)
        .containsExactly(
            tuple("sam", AuditAction.CONTENT_IMPORTED, "revision 2"),
            tuple("leeway", AuditAction.CONTENT_IMPORTED, "revision 1"));
    assertThat(entries.get(0).detail())
        .isEqualTo("changed " + PLAY + "; retire the backorder play");
  }

  @Test
  void a_removed_play_is_gone_from_the_published_content_but_kept_in_its_history() {
    revisions.seed(STARTER, "leeway", "first start");
    assertThat(revisions.replace(with(STARTER, PLAY, null), "sam", "not needed"))
        .isEqualTo(new Stored(2, List.of(PLAY)));
    assertThat(revisions.published().files().texts()).doesNotContainKey(PLAY);
    assertThat(store.<List<HistoryRow>>read(c -> store.content().history(c, PLAY)))
        .extracting(HistoryRow::change)
        .containsExactly(Change.ADDED, Change.REMOVED);
  }

  @Test
  void an_invalid_change_is_refused_whole_with_the_loaders_messages_and_nothing_is_stored() {
    revisions.seed(STARTER, "leeway", "first start");
    String broken = STARTER.texts().get(PLAY).replace("status: published", "status: live");
    ContentFiles next =
        with(
            with(STARTER, PLAY, broken),
            "playbooks/orders-returns/zz.new.yaml",
            STARTER.texts().get(PLAY).replace("id: orders.backorder-delay", "id: orders.new"));
    Saved saved = revisions.replace(next, "sam", "oops");
    assertThat(saved).isInstanceOf(Invalid.class);
    String problems =
        ((Invalid) saved).problems().stream().map(p -> p.format()).reduce("", String::concat);
    assertThat(problems).contains(PLAY + ":").contains("status");
    assertThat(revisions.head()).isEqualTo(1);
    assertThat(revisions.published().files()).isEqualTo(STARTER);
  }

  @Test
  void two_writers_saving_the_same_play_from_the_same_revision_one_wins_the_other_is_told()
      throws Exception {
    revisions.seed(STARTER, "leeway", "first start");
    String text = STARTER.texts().get(PLAY);
    String ana = text.replace("wants to know when", "wants to know when (ana)");
    String sam = text.replace("wants to know when", "wants to know when (sam)");
    try (Store other = second()) {
      ContentRevisions otherRevisions = new ContentRevisions(other, Clock.systemUTC());
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      List<Callable<Saved>> writers =
          List.of(
              () -> {
                go.await();
                return revisions.save(List.of(new Edit(PLAY, 1, ana)), "ana", "hers");
              },
              () -> {
                go.await();
                return otherRevisions.save(List.of(new Edit(PLAY, 1, sam)), "sam", "his");
              });
      List<Future<Saved>> results = new ArrayList<>();
      writers.forEach(w -> results.add(pool.submit(w)));
      go.countDown();
      List<Saved> outcomes = new ArrayList<>();
      for (Future<Saved> result : results) {
        outcomes.add(result.get());
      }
      pool.shutdown();
      assertThat(outcomes).filteredOn(Stored.class::isInstance).hasSize(1);
      assertThat(outcomes).filteredOn(Conflicted.class::isInstance).hasSize(1);
      Conflicted conflict =
          (Conflicted) outcomes.stream().filter(Conflicted.class::isInstance).findFirst().get();
      assertThat(conflict.path()).isEqualTo(PLAY);
      assertThat(conflict.message()).contains(PLAY).contains("nothing was stored");
      String winner = outcomes.get(0) instanceof Stored ? ana : sam;
      assertThat(revisions.published().files().texts().get(PLAY)).isEqualTo(winner);
      assertThat(store.<List<HistoryRow>>read(c -> store.content().history(c, PLAY))).hasSize(2);
      assertThat(revisions.head()).isEqualTo(2);
      // The loser takes the winner's version and saves again from it: nothing is lost.
      String loserText = winner.equals(ana) ? sam : ana;
      assertThat(revisions.save(List.of(new Edit(PLAY, 2, loserText)), "again", "rebased"))
          .isEqualTo(new Stored(3, List.of(PLAY)));
    }
  }

  @Test
  void writers_of_different_files_from_the_same_revision_both_land() {
    revisions.seed(STARTER, "leeway", "first start");
    String other = "playbooks/account-security/account.locked-out.yaml";
    assertThat(
            revisions.save(
                List.of(
                    new Edit(
                        PLAY, 1, STARTER.texts().get(PLAY).replace("wants to know when", "eta?"))),
                "ana",
                "one"))
        .isInstanceOf(Stored.class);
    assertThat(
            revisions.save(
                List.of(new Edit(other, 1, STARTER.texts().get(other) + "\n")), "sam", "two"))
        .isEqualTo(new Stored(3, List.of(other)));
  }
}
