package dev.leeway.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.leeway.curate.Drafts.Conflict;
import dev.leeway.curate.Drafts.Done;
import dev.leeway.curate.Drafts.Invalid;
import dev.leeway.curate.Drafts.Outcome;
import dev.leeway.curate.Drafts.Published;
import dev.leeway.curate.Drafts.Refused;
import dev.leeway.curate.Drafts.Stale;
import dev.leeway.curate.Drafts.Step;
import dev.leeway.curate.Drafts.WrongState;
import dev.leeway.json.Problem;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.store.AuditAction;
import dev.leeway.store.AuditLog;
import dev.leeway.store.DraftRepository.DraftRow;
import dev.leeway.store.DraftRepository.State;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drafts workflow, on whichever database a subclass opens. */
abstract class DraftsContract {

  static final String PLAY = ContentRevisionsContract.PLAY;
  static final String PLAY_ID = "orders.backorder-delay";

  Store store;
  ContentRevisions revisions;
  Drafts drafts;

  abstract StoreSettings fresh();

  @BeforeEach
  void open() {
    store = Store.open(fresh());
    revisions = new ContentRevisions(store, Clock.systemUTC());
    drafts = new Drafts(store, revisions, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  void seed(int approvals) {
    ContentFiles files = ContentRevisionsContract.STARTER;
    if (approvals > 0) {
      Map<String, String> texts = new LinkedHashMap<>(files.texts());
      texts.put(
          ContentFiles.AUTHORITY,
          texts.get(ContentFiles.AUTHORITY) + "\npublishing:\n  approvals: " + approvals + "\n");
      files = new ContentFiles(texts);
    }
    assertThat(revisions.seed(files, "leeway", "first start"))
        .isInstanceOf(ContentRevisions.Stored.class);
  }

  static DraftRow row(Outcome outcome) {
    assertThat(outcome).isInstanceOfAny(Done.class, Published.class);
    return outcome instanceof Done done
        ? done.view().draft()
        : ((Published) outcome).view().draft();
  }

  static Drafts.View view(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Done.class);
    return ((Done) outcome).view();
  }

  @Test
  void a_draft_of_a_play_goes_through_review_and_approval_to_a_published_revision() {
    seed(1);
    DraftRow draft = row(drafts.create(new Drafts.EditPlay(PLAY_ID, List.of()), "ana", "clearer"));
    assertThat(draft.path()).isEqualTo(PLAY);
    assertThat(draft.baseRevision()).isEqualTo(1);
    assertThat(draft.state()).isEqualTo(State.DRAFT);
    assertThat(draft.yaml()).isEqualTo(ContentRevisionsContract.STARTER.texts().get(PLAY));

    // An invalid save is kept, with its problem located.
    String broken = draft.yaml().replace("kind: expedite", "kind: teleport");
    Drafts.View saved = view(drafts.save(draft.id(), 1, broken, "ana", "typo"));
    assertThat(saved.draft().version()).isEqualTo(2);
    assertThat(saved.draft().yaml()).isEqualTo(broken);
    assertThat(saved.problems()).isNotEmpty();
    Problem problem = saved.problems().get(0);
    assertThat(problem.field()).isEqualTo("actions[1].kind");
    assertThat(problem.line()).isGreaterThan(0);
    assertThat(problem.message()).contains("teleport");
    assertThat(drafts.step(draft.id(), Step.SUBMIT, "ana", null)).isInstanceOf(Invalid.class);

    String fixed = draft.yaml().replace("Upgrade to express dispatch", "Upgrade to express");
    assertThat(view(drafts.save(draft.id(), 2, fixed, "ana", "fixed")).problems()).isEmpty();
    // Publishing needs an approval first.
    Outcome early = drafts.step(draft.id(), Step.PUBLISH, "ana", null);
    assertThat(early).isInstanceOf(WrongState.class);
    assertThat(((WrongState) early).message()).contains("approval");
    assertThat(row(drafts.step(draft.id(), Step.SUBMIT, "ana", "please")).state())
        .isEqualTo(State.IN_REVIEW);
    Outcome self = drafts.step(draft.id(), Step.APPROVE, "ana", null);
    assertThat(self).isInstanceOf(Refused.class);
    assertThat(((Refused) self).message()).contains("the author cannot approve their own draft");
    DraftRow approved = row(drafts.step(draft.id(), Step.APPROVE, "sam", "ok"));
    assertThat(approved.state()).isEqualTo(State.APPROVED);
    assertThat(approved.approvedBy()).isEqualTo("sam");

    Outcome published = drafts.step(draft.id(), Step.PUBLISH, "sam", "go live");
    assertThat(published).isInstanceOf(Published.class);
    assertThat(((Published) published).revision()).isEqualTo(2);
    assertThat(row(published).state()).isEqualTo(State.PUBLISHED);
    assertThat(row(published).publishedRevision()).isEqualTo(2L);
    assertThat(revisions.published().files().texts().get(PLAY)).isEqualTo(fixed);
    // A closed draft takes no more steps.
    assertThat(drafts.step(draft.id(), Step.DISCARD, "sam", null)).isInstanceOf(WrongState.class);

    List<AuditLog.Entry> audit =
        store.read(c -> store.audit().latest(c, AuditLog.Query.latest(20)));
    assertThat(audit)
        .extracting(AuditLog.Entry::actor, AuditLog.Entry::action)
        .containsSubsequence(
            tuple("sam", AuditAction.CONTENT_PUBLISHED),
            tuple("sam", AuditAction.DRAFT_APPROVED),
            tuple("ana", AuditAction.DRAFT_SUBMITTED),
            tuple("ana", AuditAction.DRAFT_SAVED),
            tuple("ana", AuditAction.DRAFT_SAVED),
            tuple("ana", AuditAction.DRAFT_CREATED));
    assertThat(audit.get(0).detail()).startsWith("draft " + draft.id() + "; changed " + PLAY);
    assertThat(audit.get(0).detail()).endsWith("go live");
  }

  @Test
  void without_an_approval_rule_a_curator_publishes_a_valid_draft_directly() {
    seed(0);
    DraftRow draft = row(drafts.create(new Drafts.EditPlay(PLAY_ID, List.of()), "ana", null));
    String text = draft.yaml().replace("Upgrade to express dispatch", "Upgrade to express");
    drafts.save(draft.id(), 1, text, "ana", null);
    Outcome published = drafts.step(draft.id(), Step.PUBLISH, "ana", null);
    assertThat(published).isInstanceOf(Published.class);
    assertThat(revisions.head()).isEqualTo(2);
  }

  @Test
  void a_save_from_a_stale_version_is_refused_with_their_version_and_nothing_is_saved() {
    seed(0);
    DraftRow draft = row(drafts.create(new Drafts.EditPlay(PLAY_ID, List.of()), "ana", null));
    drafts.save(draft.id(), 1, draft.yaml() + "# ana\n", "ana", null);
    Outcome stale = drafts.save(draft.id(), 1, draft.yaml() + "# sam\n", "sam", null);
    assertThat(stale).isInstanceOf(Stale.class);
    Stale refused = (Stale) stale;
    assertThat(refused.theirs().draft().version()).isEqualTo(2);
    assertThat(refused.theirs().draft().yaml()).endsWith("# ana\n");
    assertThat(refused.message()).contains("version 2").contains("nothing was saved");
    assertThat(row(drafts.get(draft.id())).yaml()).endsWith("# ana\n");
  }

  @Test
  void publishing_over_a_newer_published_file_is_a_conflict_showing_theirs_and_keeps_the_draft() {
    seed(0);
    DraftRow draft = row(drafts.create(new Drafts.EditPlay(PLAY_ID, List.of()), "ana", null));
    String theirs = draft.yaml().replace("Upgrade to express dispatch", "Express it");
    assertThat(revisions.save(List.of(new ContentRevisions.Edit(PLAY, 1, theirs)), "kim", "faster"))
        .isInstanceOf(ContentRevisions.Stored.class);
    String mine = draft.yaml().replace("Upgrade to express dispatch", "Upgrade to express");
    Drafts.View saved = view(drafts.save(draft.id(), 1, mine, "ana", null));
    assertThat(saved.stale()).isTrue();
    Outcome outcome = drafts.step(draft.id(), Step.PUBLISH, "ana", null);
    assertThat(outcome).isInstanceOf(Conflict.class);
    Conflict conflict = (Conflict) outcome;
    assertThat(conflict.theirs().revision()).isEqualTo(2);
    assertThat(conflict.theirs().yaml()).isEqualTo(theirs);
    assertThat(conflict.theirs().author()).isEqualTo("kim");
    assertThat(conflict.draft().draft().yaml()).isEqualTo(mine);
    assertThat(row(drafts.get(draft.id())).state()).isEqualTo(State.DRAFT);
    assertThat(revisions.published().files().texts().get(PLAY)).isEqualTo(theirs);
  }

  @Test
  void a_play_drafted_from_phrasings_points_its_problems_at_what_a_person_must_fill() {
    seed(0);
    List<String> phrasings = List.of("parcel left with neighbour", "neighbour took my parcel");
    DraftRow draft =
        row(
            drafts.create(
                new Drafts.FromPhrasings("Parcel left with a neighbour", phrasings, null),
                "ana",
                "from gaps"));
    assertThat(draft.playId()).isEqualTo("general.parcel-left-with-a-neighbour");
    assertThat(draft.path())
        .isEqualTo("playbooks/general/general.parcel-left-with-a-neighbour.yaml");
    assertThat(draft.baseRevision()).isZero();
    Drafts.View view = view(drafts.get(draft.id()));
    assertThat(view.play()).isPresent();
    assertThat(view.play().get().path("examples")).hasSize(2);
    assertThat(view.problems()).extracting(Problem::field).contains("owner", "review_by");
    assertThat(view.problems()).allMatch(p -> p.line() > 0 || p.field().isEmpty());
    // A second one from the same title gets its own id.
    DraftRow again =
        row(
            drafts.create(
                new Drafts.FromPhrasings("Parcel left with a neighbour", phrasings, null),
                "ana",
                null));
    assertThat(again.playId()).isEqualTo("general.parcel-left-with-a-neighbour-2");
  }

  @Test
  void adding_phrasings_to_a_play_appends_only_new_ones_and_keeps_the_rest_of_the_file() {
    seed(0);
    String before = ContentRevisionsContract.STARTER.texts().get(PLAY);
    DraftRow draft =
        row(
            drafts.create(
                new Drafts.EditPlay(
                    PLAY_ID, List.of("preorder date keeps moving", "still no ship date, 5 weeks")),
                "ana",
                null));
    assertThat(draft.yaml()).isNotEqualTo(before);
    assertThat(draft.yaml().lines().count()).isEqualTo(before.lines().count() + 1);
    assertThat(draft.yaml()).contains("  - \"still no ship date, 5 weeks\"\n");
    assertThat(view(drafts.get(draft.id())).problems()).isEmpty();
  }

  @Test
  void a_new_play_whose_id_exists_is_refused_and_an_unknown_play_is_not_found() {
    seed(0);
    String yaml = ContentRevisionsContract.STARTER.texts().get(PLAY);
    assertThat(drafts.create(new Drafts.NewPlay(yaml, "orders-returns"), "ana", null))
        .isInstanceOf(Refused.class);
    assertThat(drafts.create(new Drafts.EditPlay("no.such-play", List.of()), "ana", null))
        .isInstanceOf(Drafts.NotFound.class);
    DraftRow created =
        row(
            drafts.create(
                new Drafts.NewPlay(
                    yaml.replace("id: orders.backorder-delay", "id: orders.backorder-two")
                        .replace("status: published", "status: draft"),
                    "orders-returns"),
                "ana",
                null));
    assertThat(created.path()).isEqualTo("playbooks/orders-returns/orders.backorder-two.yaml");
  }

  @Test
  void the_authority_matrix_is_drafted_and_published_the_same_way() {
    seed(0);
    DraftRow draft = row(drafts.create(new Drafts.EditAuthority(), "ana", null));
    assertThat(draft.path()).isEqualTo(ContentFiles.AUTHORITY);
    assertThat(draft.playId()).isNull();
    String more = draft.yaml().replace("refund: {max_amount: 75}", "refund: {max_amount: 80}");
    assertThat(more).isNotEqualTo(draft.yaml());
    drafts.save(draft.id(), 1, more, "ana", null);
    assertThat(drafts.step(draft.id(), Step.PUBLISH, "ana", "raise")).isInstanceOf(Published.class);
    assertThat(revisions.published().files().texts().get(ContentFiles.AUTHORITY)).isEqualTo(more);
  }

  @Test
  void returned_and_discarded_drafts_move_as_the_workflow_says() {
    seed(0);
    DraftRow draft = row(drafts.create(new Drafts.EditPlay(PLAY_ID, List.of()), "ana", null));
    assertThat(drafts.step(draft.id(), Step.RETURN, "sam", null)).isInstanceOf(WrongState.class);
    drafts.step(draft.id(), Step.SUBMIT, "ana", null);
    assertThat(row(drafts.step(draft.id(), Step.RETURN, "sam", "needs work")).state())
        .isEqualTo(State.DRAFT);
    assertThat(row(drafts.step(draft.id(), Step.DISCARD, "ana", "not needed")).state())
        .isEqualTo(State.DISCARDED);
    assertThat(drafts.save(draft.id(), 4, draft.yaml(), "ana", null))
        .isInstanceOf(WrongState.class);
    assertThat(drafts.list(State.OPEN)).isEmpty();
    assertThat(drafts.list(java.util.Set.of(State.DISCARDED))).hasSize(1);
  }

  @Test
  void history_diff_retire_and_rollback_work_on_a_play_and_refuse_what_no_longer_validates() {
    seed(0);
    ContentHistory history = new ContentHistory(store, revisions);
    String text = ContentRevisionsContract.STARTER.texts().get(PLAY);
    assertThat(history.playPath(PLAY_ID)).contains(PLAY);
    assertThat(history.retire(PLAY_ID, "ana", "stock is back"))
        .isEqualTo(new ContentHistory.Saved(2));
    assertThat(history.retire(PLAY_ID, "ana", null)).isInstanceOf(ContentHistory.Refused.class);
    String retired = revisions.published().files().texts().get(PLAY);
    assertThat(retired).isEqualTo(text.replace("status: published", "status: retired"));
    assertThat(history.history(PLAY))
        .extracting(r -> r.revision(), r -> r.playStatus(), r -> r.author())
        .containsExactly(tuple(2L, "retired", "ana"), tuple(1L, "published", "leeway"));

    ContentHistory.Diff diff = ((ContentHistory.Diffed) history.diff(PLAY, 1, null)).diff();
    assertThat(diff.to()).isEqualTo(2);
    assertThat(diff.unified()).contains("-status: published").contains("+status: retired");
    int statusLine = (int) text.lines().takeWhile(l -> !l.startsWith("status:")).count() + 1;
    assertThat(diff.lines())
        .filteredOn(l -> l.kind() != ContentHistory.LineKind.SAME)
        .containsExactly(
            new ContentHistory.Line(
                ContentHistory.LineKind.REMOVED, "status: published", statusLine, null),
            new ContentHistory.Line(
                ContentHistory.LineKind.ADDED, "status: retired", null, statusLine));
    assertThat(history.diff(PLAY, 1, 7L)).isInstanceOf(ContentHistory.UnknownRevision.class);

    assertThat(history.rollback(PLAY, 1, "sam", null)).isEqualTo(new ContentHistory.Saved(3));
    assertThat(revisions.published().files().texts().get(PLAY)).isEqualTo(text);
    assertThat(history.rollback(PLAY, 5, "sam", null)).isInstanceOf(ContentHistory.NotFound.class);

    // A revision using a kind the matrix has since dropped no longer validates.
    String authority = revisions.published().files().texts().get(ContentFiles.AUTHORITY);
    String withGift =
        authority.replace(
            "action_kinds:\n", "action_kinds:\n  gift: {monetary: false, label: \"Gift\"}\n");
    revisions.save(
        List.of(new ContentRevisions.Edit(ContentFiles.AUTHORITY, 1, withGift)), "kim", "gift");
    String giving =
        text.replace(
            "actions:\n", "actions:\n  - id: send-gift\n    kind: gift\n    label: Gift\n");
    assertThat(revisions.save(List.of(new ContentRevisions.Edit(PLAY, 3, giving)), "kim", "g"))
        .isEqualTo(new ContentRevisions.Stored(5, List.of(PLAY)));
    revisions.save(
        List.of(
            new ContentRevisions.Edit(PLAY, 5, text),
            new ContentRevisions.Edit(ContentFiles.AUTHORITY, 4, authority)),
        "kim",
        "no gifts");
    long head = revisions.head();
    ContentHistory.Outcome refused = history.rollback(PLAY, 5, "sam", null);
    assertThat(refused).isInstanceOf(ContentHistory.Invalid.class);
    assertThat(((ContentHistory.Invalid) refused).problems())
        .anySatisfy(p -> assertThat(p.message()).contains("gift"));
    assertThat(revisions.head()).isEqualTo(head);
    List<AuditLog.Entry> audit =
        store.read(c -> store.audit().latest(c, AuditLog.Query.latest(20)));
    assertThat(audit)
        .extracting(AuditLog.Entry::action)
        .contains(AuditAction.PLAY_RETIRED, AuditAction.CONTENT_ROLLED_BACK);
  }
}
