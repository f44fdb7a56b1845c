package dev.leeway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.auth.User;
import dev.leeway.chat.Advice;
import dev.leeway.chat.Advisor;
import dev.leeway.chat.Conversation;
import dev.leeway.chat.ConversationReplay;
import dev.leeway.chat.Gap;
import dev.leeway.chat.Message;
import dev.leeway.config.ActionKind;
import dev.leeway.config.Budget;
import dev.leeway.config.Limit;
import dev.leeway.config.Role;
import dev.leeway.decide.Usage;
import dev.leeway.insights.AnswerDigest;
import dev.leeway.insights.Digests;
import dev.leeway.json.Json;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.ConversationRepository.ConversationRow;
import dev.leeway.store.ConversationRepository.TurnRow;
import dev.leeway.store.FeedbackRepository.FeedbackRow;
import dev.leeway.store.GapRepository.GapRow;
import dev.leeway.store.LedgerRepository;
import dev.leeway.store.LedgerRepository.Grant;
import dev.leeway.store.LedgerRepository.Outcome;
import dev.leeway.store.LedgerRepository.Scope;
import dev.leeway.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the server keeps, in the store: every answer given, each conversation's turns, feedback,
 * gaps and the grant ledger; and what it reads back: answers for feedback, conversations after a
 * restart, budget usage for decisions. Its blocking methods run on worker threads.
 *
 * <p>Durability: a single suggestion's answer id is returned before its record commits (the writer
 * commits it with the next batch, typically within milliseconds); reading the answer, or giving
 * feedback on it, waits for that commit. A conversation's start and each of its turns, feedback and
 * grants are acknowledged only once committed.
 */
public final class Archive {

  private static final Logger LOG = Logger.getLogger(Archive.class.getName());
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** How long a read of an answer waits for its record to commit before saying it is not there. */
  static final Duration COMMIT_WAIT = Duration.ofSeconds(10);

  private final Store store;
  private final Supplier<Advisor> advisor;
  private final Clock clock;
  private final Map<String, CompletableFuture<?>> uncommitted = new ConcurrentHashMap<>();
  private volatile boolean suggestionsUseStore = true;

  public Archive(Store store, Supplier<Advisor> advisor, Clock clock) {
    this.store = store;
    this.advisor = advisor;
    this.clock = clock;
  }

  public Store store() {
    return store;
  }

  /**
   * Turns the store off and on again for single suggestions (no answer record written, no budget
   * usage read from the ledger: suggestions as they were before the store), so that {@code leeway
   * bench} can measure what the store costs them within one run. A server always uses the store;
   * only the benchmark turns this off.
   */
  public void suggestionsUseStore(boolean on) {
    suggestionsUseStore = on;
  }

  /** Whether single suggestions read the ledger and are recorded (always, outside benchmarks). */
  public boolean suggestionsUseStore() {
    return suggestionsUseStore;
  }

  // -- answers --------------------------------------------------------------------------------

  /**
   * Records a single suggestion (and its gap, when nothing fitted); does not wait for the commit.
   */
  public void suggested(
      String answerId, User user, Advice advice, ObjectNode json, Optional<String> customerId) {
    if (!suggestionsUseStore) {
      return;
    }
    Instant now = clock.instant();
    AnswerRow row = answerRow(answerId, now, user, advice, json, "suggest", null, null, customerId);
    Optional<AnswerDigest> digest = digest(row, advice);
    Optional<GapRow> gap =
        advice.outcome().equals("no_match")
            ? Optional.of(
                gapRow(
                    new Gap(
                        now,
                        null,
                        advice.question().role(),
                        advice.question().text(),
                        reason(advice),
                        nearest(advice)),
                    "suggest"))
            : Optional.empty();
    CompletableFuture<Void> write =
        store.write(
            c -> {
              store.answers().insert(c, row);
              if (digest.isPresent()) {
                Digests.insert(c, row.id(), digest.get());
              }
              if (gap.isPresent()) {
                store.gaps().insert(c, gap.get());
              }
              return null;
            });
    uncommitted.put(answerId, write);
    write.whenComplete(
        (v, e) -> {
          uncommitted.remove(answerId);
          if (e != null) {
            LOG.log(Level.WARNING, "answer " + answerId + " was not recorded", e);
          }
        });
  }

  /** Records a conversation's start; completes once it is durable. */
  public CompletableFuture<Void> started(Conversation conversation) {
    ConversationRow row = conversationRow(conversation);
    return store.write(
        c -> {
          store.conversations().upsert(c, row);
          return null;
        });
  }

  /** Records that a new case was opened in a conversation; completes once durable. */
  public CompletableFuture<Void> caseOpened(Conversation conversation) {
    return started(conversation);
  }

  /** Records one turn of a conversation and its answer; completes once both are durable. */
  public CompletableFuture<Void> took(
      Conversation conversation,
      User user,
      Message message,
      int turn,
      int caseNumber,
      Instant at,
      Advice advice,
      ObjectNode replyJson,
      String answerId,
      String channel) {
    ConversationRow conversationRow = conversationRow(conversation);
    TurnRow turnRow =
        new TurnRow(
            conversation.id(),
            turn,
            at,
            message.today(),
            redact(message.text()),
            json(message.context()),
            replyJson.toString(),
            caseNumber);
    JsonNode answerJson = replyJson.get("answer");
    AnswerRow answer =
        answerRow(
            answerId,
            at,
            user,
            advice,
            answerJson instanceof ObjectNode o ? o : Json.json().createObjectNode(),
            channel,
            conversation.id(),
            turn,
            conversation.customerId());
    Optional<AnswerDigest> digest = digest(answer, advice);
    CompletableFuture<Void> write =
        store.write(
            c -> {
              store.conversations().upsert(c, conversationRow);
              store.conversations().insertTurn(c, turnRow);
              store.answers().insert(c, answer);
              if (digest.isPresent()) {
                Digests.insert(c, answer.id(), digest.get());
              }
              return null;
            });
    uncommitted.put(answerId, write);
    return write.whenComplete((v, e) -> uncommitted.remove(answerId));
  }

  /**
   * The dashboard's digest of an answer, with the caps of the authority matrix it was decided on
   * (known when that content is still the advisor's; else the figures show today's). Empty, and
   * digested later from the stored JSON, if that JSON does not read.
   */
  private Optional<AnswerDigest> digest(AnswerRow row, Advice advice) {
    try {
      AnswerDigest digest = AnswerDigest.of(row.at(), row.role(), row.outcome(), row.answer());
      var content = advisor.get().content();
      return Optional.of(
          content.version().equals(advice.contentVersion())
              ? digest.withCaps(content.authority())
              : digest);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "answer " + row.id() + " has no digest: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The stored answer, once any write of it still in flight has committed (blocking). */
  public Optional<AnswerRow> answer(String answerId) {
    CompletableFuture<?> inFlight = uncommitted.get(answerId);
    if (inFlight != null) {
      try {
        inFlight.get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } catch (ExecutionException | TimeoutException e) {
        // Not committed: it is not there, and the reader is told so.
        return Optional.empty();
      }
    }
    return store.read(c -> store.answers().find(c, answerId));
  }

  // -- conversations --------------------------------------------------------------------------

  /** Rebuilds a conversation from its stored turns, or empty if none is stored (blocking). */
  public Optional<Conversation> conversation(String id) {
    Optional<ConversationRow> row = store.read(c -> store.conversations().find(c, id));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<TurnRow> turns = store.read(c -> store.conversations().turns(c, id));
    List<ConversationReplay.SentTurn> sent = new ArrayList<>();
    for (TurnRow turn : turns) {
      sent.add(
          new ConversationReplay.SentTurn(
              turn.at(),
              new Message(turn.text(), map(turn.context()), turn.today()),
              turn.caseNumber()));
    }
    try {
      ConversationRow r = row.get();
      Conversation conversation =
          new ConversationReplay(advisor.get())
              .rebuild(
                  r.id(),
                  r.owner(),
                  r.role(),
                  r.created(),
                  sent,
                  Optional.of(
                      new ConversationReplay.OpenCase(
                          r.caseNumber(),
                          r.caseStarted() == null ? r.lastActive() : r.caseStarted())));
      if (r.customerId() != null) {
        conversation.customerId(r.customerId());
      }
      return Optional.of(conversation);
    } catch (IllegalArgumentException e) {
      // The content no longer knows a fact an earlier turn sent: the conversation cannot go on as
      // it was.
      LOG.log(
          Level.WARNING,
          "conversation " + id + " cannot be rebuilt on the current content: " + e.getMessage());
      return Optional.empty();
    }
  }

  // -- gaps -----------------------------------------------------------------------------------

  /** Records a gap a conversation found; nobody waits for it. */
  public void gap(Gap gap) {
    GapRow row = gapRow(gap, "conversation");
    store
        .write(
            c -> {
              store.gaps().insert(c, row);
              return null;
            })
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                LOG.log(Level.WARNING, "a gap was not recorded", e);
              }
            });
  }

  /** The total and the latest gaps, oldest first (blocking). */
  public record Gaps(long total, List<GapRow> latest) {}

  public Gaps gaps(int limit) {
    return store.read(c -> new Gaps(store.gaps().count(c), store.gaps().recent(c, limit)));
  }

  // -- feedback and the ledger ----------------------------------------------------------------

  /**
   * Records a verdict; for "used" on an action also the grant, re-checking its budgets in the same
   * transaction (refused: nothing is written). A verdict other than "used" takes back an earlier
   * grant for the same action. Completes once durable.
   */
  public CompletableFuture<Outcome> feedback(
      FeedbackRow row, Optional<Grant> grant, List<LedgerRepository.Budget> budgets) {
    return store.write(
        c -> {
          if (grant.isPresent()) {
            Outcome outcome = store.ledger().record(c, grant.get(), budgets);
            if (outcome instanceof Outcome.Refused) {
              return outcome;
            }
          } else if (row.actionId() != null) {
            store.ledger().remove(c, row.answerId(), row.playId(), row.actionId(), row.user());
          }
          store.feedback().upsert(c, row);
          return new Outcome.Recorded();
        });
  }

  /** The budgets a grant of {@code kind} by {@code role} counts against, named for messages. */
  public static List<LedgerRepository.Budget> budgets(Role role, String kind) {
    List<LedgerRepository.Budget> budgets = new ArrayList<>();
    Optional<Limit> limit = role.limit(kind);
    if (limit.isPresent()) {
      add(
          budgets,
          "per_customer budget for " + kind + " (" + role.id() + ")",
          Scope.CUSTOMER,
          limit.get().perCustomer());
      add(
          budgets,
          "per_agent budget for " + kind + " (" + role.id() + ")",
          Scope.AGENT,
          limit.get().perAgent());
    }
    return budgets;
  }

  private static void add(
      List<LedgerRepository.Budget> budgets, String name, Scope scope, Budget budget) {
    if (budget != null) {
      budgets.add(
          new LedgerRepository.Budget(
              name, scope, budget.maxCount(), budget.maxAmount(), budget.periodDays()));
    }
  }

  /**
   * The facts sent, plus the budget usage facts the ledger knows for this role's budgets over each
   * budget's period: customer ones when the customer is named. Facts sent win (blocking).
   */
  public Map<String, Object> withUsage(
      Map<String, Object> sent, String roleId, String agent, Optional<String> customerId) {
    Optional<Role> role = advisor.get().content().authority().role(roleId);
    if (role.isEmpty()) {
      return sent;
    }
    Map<String, Object> facts = new LinkedHashMap<>(sent);
    Instant now = clock.instant();
    role.get()
        .limits()
        .forEach(
            (kindId, limit) -> {
              boolean monetary =
                  advisor
                      .get()
                      .content()
                      .authority()
                      .kind(kindId)
                      .map(ActionKind::monetary)
                      .orElse(false);
              if (limit.perCustomer() != null && customerId.isPresent()) {
                usage(
                    facts,
                    Usage.Scope.CUSTOMER,
                    Scope.CUSTOMER,
                    customerId.get(),
                    kindId,
                    monetary,
                    limit.perCustomer(),
                    now);
              }
              if (limit.perAgent() != null) {
                usage(
                    facts,
                    Usage.Scope.AGENT,
                    Scope.AGENT,
                    agent,
                    kindId,
                    monetary,
                    limit.perAgent(),
                    now);
              }
            });
    return facts;
  }

  private void usage(
      Map<String, Object> facts,
      Usage.Scope factScope,
      Scope scope,
      String who,
      String kind,
      boolean monetary,
      Budget budget,
      Instant now) {
    String count = Usage.countFact(factScope, kind);
    String total = Usage.totalFact(factScope, kind);
    if (facts.containsKey(count) && (!monetary || facts.containsKey(total))) {
      return;
    }
    LedgerRepository.Used used =
        store.read(
            c ->
                store
                    .ledger()
                    .usage(c, scope, who, kind, now.minus(Duration.ofDays(budget.periodDays()))));
    facts.putIfAbsent(count, used.count());
    if (monetary) {
      facts.putIfAbsent(total, used.total());
    }
  }

  // -- retention ------------------------------------------------------------------------------

  /**
   * Deletes answers and conversations older than the retention period, if one is set (blocking).
   */
  public int expire() {
    int days = store.settings().retentionDays();
    if (days == 0) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(Duration.ofDays(days));
    try {
      return store
          .write(
              c ->
                  store.answers().deleteBefore(c, cutoff)
                      + store.conversations().deleteBefore(c, cutoff))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "the retention clean-up failed", e.getCause());
      return 0;
    }
  }

  // -- rows -----------------------------------------------------------------------------------

  private AnswerRow answerRow(
      String id,
      Instant at,
      User user,
      Advice advice,
      ObjectNode json,
      String channel,
      String conversationId,
      Integer turn,
      Optional<String> customerId) {
    return new AnswerRow(
        id,
        at,
        user.name(),
        advice.question().role(),
        channel,
        conversationId,
        turn,
        customerId.orElse(null),
        advice.question().today(),
        redact(advice.question().text()),
        json(advice.question().context()),
        advice.contentVersion(),
        advice.outcome(),
        json.toString());
  }

  private ConversationRow conversationRow(Conversation conversation) {
    return new ConversationRow(
        conversation.id(),
        conversation.owner(),
        conversation.role(),
        conversation.customerId().orElse(null),
        conversation.created(),
        conversation.lastActive(),
        conversation.caseNumber(),
        conversation.cases().getLast().started());
  }

  private GapRow gapRow(Gap gap, String source) {
    return new GapRow(
        UUID.randomUUID().toString(),
        gap.at(),
        source,
        gap.conversationId(),
        gap.role(),
        redact(gap.text()),
        gap.reason(),
        gap.nearest());
  }

  private String redact(String text) {
    return store.settings().redaction().apply(text);
  }

  private static String reason(Advice advice) {
    return advice.match() instanceof dev.leeway.match.MatchResult.NoMatch none
        ? none.reason()
        : "no play fits";
  }

  private static List<String> nearest(Advice advice) {
    List<String> nearest = new ArrayList<>();
    for (var c : advice.match().candidates()) {
      nearest.add(String.format(java.util.Locale.ROOT, "%s (%.2f)", c.playId(), c.confidence()));
    }
    return nearest;
  }

  private static String json(Object value) {
    try {
      return Json.json().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getMessage(), e);
    }
  }

  /** A stored JSON document, as a tree. */
  static JsonNode parse(String json) {
    try {
      return Json.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored answer is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, Object> map(String json) {
    try {
      return Json.json().readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "stored context is not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}
