package dev.leeway.curate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.json.Json;
import dev.leeway.json.LoadResult;
import dev.leeway.json.Problem;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentFiles;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.store.AuditAction;
import dev.leeway.store.DraftRepository.DraftRow;
import dev.leeway.store.DraftRepository.State;
import dev.leeway.store.Store;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The supervisors' workflow over drafts: a draft is a working copy of one content file (a play or
 * the authority matrix), kept in the store even while invalid; it goes draft → in review →
 * (approved) → published, or is returned to draft, or discarded. Validating a draft is the loader's
 * validation of the published content with the draft's file in its place. Publishing stores the
 * draft's text through {@link ContentRevisions#save} (live as any revision is) and closes the draft
 * in the same transaction. Every step is written with its audit record in one transaction.
 * Blocking: call it off the event loop.
 */
public final class Drafts {

  /** What a new draft starts from. */
  public sealed interface Create permits EditPlay, EditAuthority, NewPlay, FromPhrasings {}

  /**
   * An existing play: its published text, with {@code addExamples} appended to its examples (those
   * already there skipped).
   */
  public record EditPlay(String playId, List<String> addExamples) implements Create {
    public EditPlay {
      Objects.requireNonNull(playId, "playId");
      addExamples = List.copyOf(addExamples == null ? List.of() : addExamples);
    }
  }

  /** The authority matrix. */
  public record EditAuthority() implements Create {}

  /**
   * A new play written out: its file is {@code playbooks/<domain>/<id>.yaml}.
   *
   * @param domain the folder; {@code general} when null
   */
  public record NewPlay(String yaml, String domain) implements Create {
    public NewPlay {
      Objects.requireNonNull(yaml, "yaml");
    }
  }

  /**
   * A new play drafted from phrasings agents used (a gap group): an id suggested from the title,
   * status draft, the phrasings as its examples, and what only a person can fill (situation, owner,
   * review_by, actions) left empty so that the problems point at it.
   */
  public record FromPhrasings(String title, List<String> examples, String domain)
      implements Create {
    public FromPhrasings {
      Objects.requireNonNull(title, "title");
      examples = List.copyOf(examples);
    }
  }

  /** A step a draft takes in its workflow. */
  public enum Step {
    SUBMIT,
    RETURN,
    APPROVE,
    DISCARD,
    PUBLISH;

    /** The name as used in paths: {@code submit}, {@code publish}... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Step> parse(String label) {
      for (Step step : values()) {
        if (step.label().equals(label)) {
          return Optional.of(step);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One published file's latest revision: who wrote it, when.
   *
   * @param revision the revision that wrote this text
   */
  public record FileRevision(long revision, String yaml, String author, Instant at) {}

  /**
   * A draft as supervisors see it.
   *
   * @param problems what the loader finds with the draft in the published content (empty for closed
   *     drafts)
   * @param published the file as published now, if it exists
   * @param stale the published file has changed since the draft was made from it
   */
  public record View(
      DraftRow draft, List<Problem> problems, Optional<FileRevision> published, boolean stale) {
    public View {
      problems = List.copyOf(problems);
    }

    /** The draft's YAML as a tree, for a play whose text parses; empty otherwise. */
    public Optional<JsonNode> play() {
      if (draft.playId() == null && !ContentFiles.isPlay(draft.path())) {
        return Optional.empty();
      }
      try {
        JsonNode tree = Json.yaml().readTree(draft.yaml());
        return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
  }

  /** What a request came to. */
  public sealed interface Outcome
      permits Done, Published, NotFound, WrongState, Invalid, Refused, Stale, Conflict {}

  /** Done; the draft as it is now. */
  public record Done(View view) implements Outcome {}

  /** Published as content revision {@code revision}; the draft is closed. */
  public record Published(View view, long revision) implements Outcome {}

  /** No such draft (or play). */
  public record NotFound(String message) implements Outcome {}

  /** The draft's state does not allow the step; nothing changed. */
  public record WrongState(State state, String message) implements Outcome {}

  /** The draft (or the content it would make) has problems; nothing changed. */
  public record Invalid(List<Problem> problems, String message) implements Outcome {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /** Refused for a reason that is not the draft's text or state; nothing changed. */
  public record Refused(String message) implements Outcome {}

  /** The draft changed since the version the request was made from; nothing changed. */
  public record Stale(View theirs, String message) implements Outcome {}

  /**
   * The published file changed since the draft was made from it; nothing was published and the
   * draft is kept.
   */
  public record Conflict(View draft, FileRevision theirs, String message) implements Outcome {}

  /** The domain (folder) of plays drafted without one. */
  public static final String GENERAL = "general";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final ContentRevisions revisions;
  private final Clock clock;
  private final PlayFiles playFiles = new PlayFiles();
  private final ContentLoader.Memo memo = new ContentLoader.Memo();

  public Drafts(Store store, ContentRevisions revisions, Clock clock) {
    this.store = store;
    this.revisions = revisions;
    this.clock = clock;
  }

  /** Starts a draft. */
  public Outcome create(Create request, String user, String why) {
    ContentRevisions.Published published = revisions.published();
    String path;
    String playId;
    String yaml;
    long base;
    switch (request) {
      case EditPlay edit -> {
        Optional<String> found = playFiles.pathOf(published, edit.playId());
        if (found.isEmpty()) {
          return new NotFound("no play '" + edit.playId() + "' in the published content");
        }
        path = found.get();
        playId = edit.playId();
        yaml = YamlEdits.withExamples(published.files().texts().get(path), edit.addExamples());
        base = published.revisions().get(path);
      }
      case EditAuthority authority -> {
        path = ContentFiles.AUTHORITY;
        playId = null;
        yaml = published.files().texts().get(path);
        base = published.revisions().getOrDefault(path, 0L);
      }
      case NewPlay play -> {
        String id = idOf(play.yaml());
        if (id == null) {
          return new Refused(
              "the new play's YAML needs a top-level 'id' of lowercase letters and digits"
                  + " separated by '.' or '-' (e.g. orders.damaged-item)");
        }
        Optional<String> refused = checkNew(published, id, play.domain());
        if (refused.isPresent()) {
          return new Refused(refused.get());
        }
        path = pathFor(play.domain(), id);
        playId = id;
        yaml = play.yaml();
        base = 0;
      }
      case FromPhrasings gap -> {
        String domain = domain(gap.domain());
        if (!domain.matches("[a-z0-9]+([._-][a-z0-9]+)*")) {
          return new Refused(
              "domain '" + gap.domain() + "': lowercase letters and digits, e.g. orders-returns");
        }
        String id = freeId(published, suggestedId(domain, gap.title()));
        path = pathFor(domain, id);
        playId = id;
        yaml = skeleton(id, gap.title(), gap.examples());
        base = 0;
      }
    }
    Instant now = clock.instant();
    DraftRow row =
        new DraftRow(
            newId(),
            path,
            playId,
            base,
            State.DRAFT,
            1,
            yaml,
            user,
            now,
            now,
            null,
            null,
            why,
            null);
    write(
        c -> {
          store.drafts().insert(c, row);
          store
              .audit()
              .append(
                  c, now, user, AuditAction.DRAFT_CREATED, subject(row), detail(row.path(), why));
          return true;
        });
    return new Done(view(row, published));
  }

  /** A draft as it is now. */
  public Outcome get(String id) {
    Optional<DraftRow> row = store.read(c -> store.drafts().find(c, id));
    return row.<Outcome>map(r -> new Done(view(r, revisions.published())))
        .orElseGet(() -> notFound(id));
  }

  /** Drafts in any of {@code states}, most recently changed first, without their problems. */
  public List<DraftRow> list(Set<State> states) {
    return store.read(c -> store.drafts().inStates(c, states));
  }

  /** The open drafts of each path, by path. */
  public Map<String, List<String>> openByPath() {
    Map<String, List<String>> open = new LinkedHashMap<>();
    for (DraftRow row : list(State.OPEN)) {
      open.computeIfAbsent(row.path(), p -> new ArrayList<>()).add(row.id());
    }
    return open;
  }

  /**
   * Saves new text in a draft made from {@code version} (its ETag), even when the text has
   * problems. An approved draft goes back to in review: its approval was for the earlier text.
   */
  public Outcome save(String id, long version, String yaml, String user, String why) {
    Optional<DraftRow> found = store.read(c -> store.drafts().find(c, id));
    if (found.isEmpty()) {
      return notFound(id);
    }
    DraftRow row = found.get();
    ContentRevisions.Published published = revisions.published();
    if (row.version() != version) {
      return stale(row, published, version);
    }
    if (!State.OPEN.contains(row.state())) {
      return closed(row);
    }
    State state = row.state() == State.APPROVED ? State.IN_REVIEW : row.state();
    String approvedBy = row.state() == State.APPROVED ? null : row.approvedBy();
    Instant now = clock.instant();
    DraftRow next =
        row.next(
            state, yaml, now, row.submittedBy(), approvedBy, why == null ? row.why() : why, null);
    if (!update(next, user, AuditAction.DRAFT_SAVED, why)) {
      return stale(store.read(c -> store.drafts().find(c, id)).orElseThrow(), published, version);
    }
    return new Done(view(next, published));
  }

  /** Takes one step in a draft's workflow. */
  public Outcome step(String id, Step step, String user, String why) {
    Optional<DraftRow> found = store.read(c -> store.drafts().find(c, id));
    if (found.isEmpty()) {
      return notFound(id);
    }
    DraftRow row = found.get();
    if (!State.OPEN.contains(row.state())) {
      return closed(row);
    }
    ContentRevisions.Published published = revisions.published();
    Instant now = clock.instant();
    String reason = why == null ? row.why() : why;
    return switch (step) {
      case SUBMIT -> {
        if (row.state() != State.DRAFT) {
          yield wrongState(row, "only a draft in state draft can be submitted for review");
        }
        List<Problem> problems = problems(row, published);
        if (!problems.isEmpty()) {
          yield invalid(problems, "fix the draft's problems before sending it for review");
        }
        DraftRow next = row.next(State.IN_REVIEW, row.yaml(), now, user, null, reason, null);
        yield moved(next, user, AuditAction.DRAFT_SUBMITTED, why, published);
      }
      case RETURN -> {
        if (row.state() != State.IN_REVIEW && row.state() != State.APPROVED) {
          yield wrongState(
              row, "only a draft in review (or approved) can be returned to its author");
        }
        DraftRow next =
            row.next(State.DRAFT, row.yaml(), now, row.submittedBy(), null, reason, null);
        yield moved(next, user, AuditAction.DRAFT_RETURNED, why, published);
      }
      case APPROVE -> {
        if (row.state() != State.IN_REVIEW) {
          yield wrongState(row, "only a draft in review can be approved; submit it first");
        }
        if (row.author().equals(user)) {
          yield new Refused("the author cannot approve their own draft: another curator must");
        }
        List<Problem> problems = problems(row, published);
        if (!problems.isEmpty()) {
          yield invalid(problems, "the draft has problems; return it to its author to fix them");
        }
        DraftRow next =
            row.next(State.APPROVED, row.yaml(), now, row.submittedBy(), user, reason, null);
        yield moved(next, user, AuditAction.DRAFT_APPROVED, why, published);
      }
      case DISCARD -> {
        DraftRow next =
            row.next(
                State.DISCARDED,
                row.yaml(),
                now,
                row.submittedBy(),
                row.approvedBy(),
                reason,
                null);
        yield moved(next, user, AuditAction.DRAFT_DISCARDED, why, published);
      }
      case PUBLISH -> publish(row, published, user, why);
    };
  }

  private Outcome publish(
      DraftRow row, ContentRevisions.Published published, String user, String why) {
    int approvals = approvals(published);
    if (approvals > 0 && row.state() != State.APPROVED) {
      return wrongState(
          row,
          "publishing needs the approval of a curator other than the author (publishing.approvals: "
              + approvals
              + " in "
              + ContentFiles.AUTHORITY
              + "); submit the draft for review and have it approved");
    }
    List<Problem> problems = problems(row, published);
    if (!problems.isEmpty()) {
      return invalid(problems, "the draft has problems; nothing was published");
    }
    ContentRevisions.Saved saved;
    try {
      saved =
          revisions.save(
              List.of(new ContentRevisions.Edit(row.path(), row.baseRevision(), row.yaml())),
              user,
              why != null && !why.isBlank()
                  ? why
                  : row.why() != null && !row.why().isBlank()
                      ? row.why()
                      : "published draft " + row.id(),
              AuditAction.CONTENT_PUBLISHED,
              "draft " + row.id() + "; ",
              (c, revision, at) -> {
                DraftRow closed =
                    row.next(
                        State.PUBLISHED,
                        row.yaml(),
                        at,
                        row.submittedBy(),
                        row.approvedBy(),
                        why == null ? row.why() : why,
                        revision);
                if (!store.drafts().update(c, closed)) {
                  throw new DraftMoved();
                }
              });
    } catch (DraftMoved e) {
      return stale(store.read(c -> store.drafts().find(c, row.id())).orElseThrow(), published, -1);
    }
    return switch (saved) {
      case ContentRevisions.Stored stored -> {
        DraftRow closed = store.read(c -> store.drafts().find(c, row.id())).orElseThrow();
        yield new Published(view(closed, revisions.published()), stored.revision());
      }
      case ContentRevisions.Unchanged unchanged ->
          new Refused(
              "the draft is the same as the published file (revision "
                  + unchanged.revision()
                  + "): nothing to publish; discard the draft");
      case ContentRevisions.Invalid invalid ->
          invalid(invalid.problems(), "the content would be invalid; nothing was published");
      case ContentRevisions.Conflicted conflicted -> {
        ContentRevisions.Published now = revisions.published();
        yield new Conflict(
            view(row, now),
            fileRevision(now, row.path()).orElse(new FileRevision(0, null, null, null)),
            conflicted.message());
      }
    };
  }

  /** Thrown inside the publishing transaction when the draft changed meanwhile: undoes it. */
  private static final class DraftMoved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DraftMoved() {
      super("the draft changed while it was being published", null, false, false);
    }
  }

  /** What the loader finds with the draft's text in place of the published file. */
  public List<Problem> problems(DraftRow row, ContentRevisions.Published published) {
    return switch (contentWith(row, published)) {
      case LoadResult.Loaded<Content> loaded -> List.of();
      case LoadResult.Invalid<Content> invalid -> invalid.problems();
    };
  }

  /**
   * A draft's content to try: the published content with the draft's file in place.
   *
   * @param publishedRevision the revision the draft's file was put into
   */
  public record Trial(DraftRow draft, long publishedRevision, LoadResult<Content> content) {}

  /** The content a draft would make if published now, loaded with the loader's checks. */
  public Optional<Trial> trial(String id) {
    Optional<DraftRow> row = store.read(c -> store.drafts().find(c, id));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    ContentRevisions.Published published = revisions.published();
    return Optional.of(
        new Trial(row.get(), published.revision(), contentWith(row.get(), published)));
  }

  private LoadResult<Content> contentWith(DraftRow row, ContentRevisions.Published published) {
    Map<String, String> texts = new LinkedHashMap<>(published.files().texts());
    texts.put(row.path(), row.yaml());
    // The version answers on it record: the draft and its version, never a revision number.
    String version = "draft " + row.id() + " v" + row.version();
    return ContentLoader.load(new ContentFiles(texts), version, memo);
  }

  /** How many approvals the published authority matrix asks for before publishing. */
  public static int approvals(ContentRevisions.Published published) {
    String text = published.files().texts().get(ContentFiles.AUTHORITY);
    if (text == null) {
      return 0;
    }
    return switch (AuthorityLoader.parse(Path.of(ContentFiles.AUTHORITY), text)) {
      case LoadResult.Loaded<AuthorityMatrix> loaded -> loaded.value().publishing().approvals();
      case LoadResult.Invalid<AuthorityMatrix> invalid -> 0;
    };
  }

  /** The latest revision of a published file, with who wrote it and when. */
  public Optional<FileRevision> fileRevision(ContentRevisions.Published published, String path) {
    String yaml = published.files().texts().get(path);
    if (yaml == null) {
      return Optional.empty();
    }
    long revision = published.revisions().get(path);
    return Optional.of(
        store
            .read(c -> store.content().revision(c, revision))
            .map(r -> new FileRevision(revision, yaml, r.author(), r.at()))
            .orElse(new FileRevision(revision, yaml, null, null)));
  }

  private View view(DraftRow row, ContentRevisions.Published published) {
    Optional<FileRevision> file = fileRevision(published, row.path());
    long now = file.map(FileRevision::revision).orElse(0L);
    boolean open = State.OPEN.contains(row.state());
    return new View(
        row, open ? problems(row, published) : List.of(), file, open && now != row.baseRevision());
  }

  private Outcome moved(
      DraftRow next,
      String user,
      AuditAction action,
      String why,
      ContentRevisions.Published published) {
    if (!update(next, user, action, why)) {
      return stale(store.read(c -> store.drafts().find(c, next.id())).orElseThrow(), published, -1);
    }
    return new Done(view(next, published));
  }

  private boolean update(DraftRow next, String user, AuditAction action, String why) {
    return write(
        c -> {
          if (!store.drafts().update(c, next)) {
            return false;
          }
          store
              .audit()
              .append(c, next.updatedAt(), user, action, subject(next), detail(next.path(), why));
          return true;
        });
  }

  private boolean write(dev.leeway.store.Work<Boolean> work) {
    try {
      return store.write(work).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private Outcome stale(DraftRow theirs, ContentRevisions.Published published, long version) {
    return new Stale(
        view(theirs, published),
        "draft "
            + theirs.id()
            + " was changed by "
            + "someone else (now at version "
            + theirs.version()
            + (version > 0 ? ", this change was made from version " + version : "")
            + "); nothing was saved -- take their version and apply your change to it");
  }

  private static Outcome closed(DraftRow row) {
    return new WrongState(
        row.state(),
        "draft " + row.id() + " is " + row.state().label() + ": it is closed and kept for history");
  }

  private static Outcome wrongState(DraftRow row, String message) {
    return new WrongState(
        row.state(), "draft " + row.id() + " is " + row.state().label() + "; " + message);
  }

  private static Outcome invalid(List<Problem> problems, String message) {
    return new Invalid(problems, message);
  }

  private static Outcome notFound(String id) {
    return new NotFound("no draft '" + id + "'");
  }

  private static String subject(DraftRow row) {
    return "draft " + row.id();
  }

  private static String detail(String path, String why) {
    return path + "; " + (why == null || why.isBlank() ? "no reason given" : why);
  }

  private Optional<String> checkNew(
      ContentRevisions.Published published, String id, String domain) {
    Optional<String> existing = playFiles.pathOf(published, id);
    if (existing.isPresent()) {
      return Optional.of(
          "play '"
              + id
              + "' already exists ("
              + existing.get()
              + "): start a draft of it with {\"play_id\": \""
              + id
              + "\"}");
    }
    String d = domain(domain);
    if (!d.matches("[a-z0-9]+([._-][a-z0-9]+)*")) {
      return Optional.of(
          "domain '" + domain + "': lowercase letters and digits, e.g. orders-returns");
    }
    String path = pathFor(d, id);
    if (published.files().texts().containsKey(path)) {
      return Optional.of("a play file " + path + " already exists");
    }
    return Optional.empty();
  }

  private static String domain(String domain) {
    return domain == null || domain.isBlank() ? GENERAL : domain.strip();
  }

  /** Where a new play's file goes. */
  static String pathFor(String domain, String id) {
    return ContentFiles.PLAYBOOKS + domain(domain) + "/" + id + ".yaml";
  }

  private static String idOf(String yaml) {
    try {
      JsonNode tree = Json.yaml().readTree(yaml);
      JsonNode id = tree == null ? null : tree.path("id");
      return id != null && id.isTextual() && id.asText().matches("[a-z0-9]+([.-][a-z0-9]+)*")
          ? id.asText()
          : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** An id from a title: {@code domain.words-of-the-title} (at most six words). */
  static String suggestedId(String domain, String title) {
    String[] words =
        title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip().split(" +");
    List<String> kept = new ArrayList<>();
    for (String word : words) {
      if (!word.isEmpty() && kept.size() < 6) {
        kept.add(word);
      }
    }
    String slug = kept.isEmpty() ? "new-play" : String.join("-", kept);
    String prefix = domain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return (prefix.isEmpty() ? GENERAL : prefix) + "." + slug;
  }

  private String freeId(ContentRevisions.Published published, String id) {
    Set<String> taken = playFiles.paths(published).keySet();
    Set<String> drafted = new java.util.HashSet<>();
    for (DraftRow row : list(EnumSet.copyOf(State.OPEN))) {
      if (row.playId() != null) {
        drafted.add(row.playId());
      }
    }
    String candidate = id;
    for (int n = 2; taken.contains(candidate) || drafted.contains(candidate); n++) {
      candidate = id + "-" + n;
    }
    return candidate;
  }

  /** A new play's text from phrasings: what only a person can fill is left empty. */
  static String skeleton(String id, String title, List<String> examples) {
    // Written line by line rather than by the YAML mapper, which leaves empty values out.
    StringBuilder yaml = new StringBuilder();
    yaml.append("id: ").append(id).append('\n');
    yaml.append("title: ").append(YamlEdits.quoted(title.strip())).append('\n');
    yaml.append("situation: \"\"\n");
    yaml.append("examples:\n");
    examples.stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .forEach(e -> yaml.append("  - ").append(YamlEdits.quoted(e)).append('\n'));
    yaml.append("actions: []\n");
    yaml.append("owner: \"\"\n");
    yaml.append("status: draft\n");
    yaml.append("version: 1\n");
    yaml.append("review_by: \"\"\n");
    return yaml.toString();
  }

  private static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return "d" + java.util.HexFormat.of().formatHex(bytes).substring(0, 12);
  }
}
