package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.app.Engine;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.decide.Decision;
import dev.leeway.facts.Fact;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialogue's state machine, one transition per test: the state before, the message, the state
 * and case after. Over the real starter pack, matcher, fact extractor and decider.
 */
class DialogueTransitionsTest {

  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");

  /** A damaged kettle: the play asks whether the customer can send photos. */
  static final String KETTLE = "kettle arrived smashed yesterday, she paid $40";

  @TempDir static Path data;
  static Engine engine;

  Dialogue dialogue;
  Gaps gaps;

  @BeforeAll
  static void load() throws Exception {
    engine =
        SharedBuildCache.around(
            data,
            () ->
                Engine.load(
                    ServerConfig.fromEnvironment(Map.of(ServerConfig.DATA_DIR, data.toString()))));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @BeforeEach
  void setUp() {
    gaps = new Gaps(10);
    dialogue = new Dialogue(engine.advisor(), gaps, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  Conversation conversation() {
    return new Conversation("c", "ana", "agent", NOW);
  }

  Turn say(Conversation c, String text) {
    return dialogue.turn(c, new Message(text, Map.of(), TODAY));
  }

  Turn sayNewCase(Conversation c, String text) {
    return dialogue.turn(c, new Message(text, Map.of(), TODAY, true));
  }

  /** A conversation waiting for the answer to "can she send photos?" about the kettle. */
  Conversation waitingForPhotos() {
    Conversation c = conversation();
    say(c, KETTLE);
    assertThat(c.state())
        .isInstanceOfSatisfying(
            DialogueState.WaitingForFact.class,
            w -> assertThat(w.ask().fact()).isEqualTo("has_photo"));
    return c;
  }

  static String play(Turn turn) {
    return turn.reply().advice().plays().get(0).candidate().playId();
  }

  static List<String> factNames(Conversation c) {
    return c.facts().all().stream().map(Fact::name).toList();
  }

  /** Every word the reply's decisions give as reasons, and the amounts they carry. */
  static String reasons(Reply reply) {
    StringBuilder all = new StringBuilder(reply.message());
    for (Advice.Suggestion s : reply.advice().plays()) {
      for (Decision d : s.decision().decisions()) {
        all.append('\n').append(d);
      }
    }
    return all.toString();
  }

  // -- from Idle --------------------------------------------------------------------------------

  @Test
  void idle_to_waiting_for_fact_when_the_play_needs_one_more_fact() {
    Conversation c = conversation();

    Turn turn = say(c, KETTLE);

    assertThat(c.state()).isInstanceOf(DialogueState.WaitingForFact.class);
    assertThat(turn.caseNumber()).isEqualTo(1);
    assertThat(turn.caseStarted()).isFalse();
    assertThat(c.cases())
        .singleElement()
        .satisfies(k -> assertThat(k.playId()).contains("orders.damaged-item"));
  }

  @Test
  void idle_to_answered_when_nothing_is_left_to_ask() {
    Conversation c = conversation();

    say(c, "kettle arrived smashed yesterday, she paid $40, gold member, sent photos");

    assertThat(c.state()).isInstanceOf(DialogueState.Answered.class);
    assertThat(c.pending()).isEmpty();
  }

  @Test
  void idle_to_waiting_for_choice_on_a_word_many_plays_use() {
    Conversation c = conversation();

    say(c, "refund");

    assertThat(c.state()).isInstanceOf(DialogueState.WaitingForChoice.class);
  }

  @Test
  void idle_stays_idle_when_nothing_fits_and_the_gap_is_recorded_once() {
    Conversation c = conversation();

    Turn turn = say(c, "what is the weather like in leeds tomorrow");

    assertThat(turn.reply().kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(c.state()).isInstanceOf(DialogueState.Idle.class);
    assertThat(gaps.recent()).hasSize(1);
  }

  @Test
  void a_cue_alone_in_a_fresh_conversation_opens_no_second_case() {
    Conversation c = conversation();

    Turn turn = say(c, "next customer");

    assertThat(turn.reply().kind()).isEqualTo(Reply.Kind.NEW_CASE);
    assertThat(turn.caseNumber()).isEqualTo(1);
    assertThat(turn.caseStarted()).isFalse();
    assertThat(c.state()).isInstanceOf(DialogueState.Idle.class);
    assertThat(gaps.recent()).as("no situation, so no gap").isEmpty();
  }

  // -- from WaitingForFact ----------------------------------------------------------------------

  @Test
  void waiting_for_fact_to_answered_when_the_answer_comes() {
    Conversation c = waitingForPhotos();

    Turn turn = say(c, "yes");

    assertThat(c.facts().get("has_photo"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("yes"));
    assertThat(c.state()).isNotInstanceOf(DialogueState.WaitingForNewCaseConfirmation.class);
    assertThat(turn.caseNumber()).isEqualTo(1);
  }

  @Test
  void waiting_for_fact_stays_when_the_message_does_not_answer_and_adds_to_the_case() {
    Conversation c = waitingForPhotos();

    Turn turn = say(c, "the box was crushed too");

    assertThat(turn.reply().message()).contains("does not answer the question");
    assertThat(c.state()).isInstanceOf(DialogueState.WaitingForFact.class);
    assertThat(turn.caseNumber()).isEqualTo(1);
  }

  @Test
  void waiting_for_fact_to_a_new_case_when_another_situation_clearly_comes_in() {
    Conversation c = waitingForPhotos();

    Turn turn = say(c, "parcel went to the wrong address");

    assertThat(turn.caseStarted()).isTrue();
    assertThat(turn.caseNumber()).isEqualTo(2);
    assertThat(play(turn)).isEqualTo("shipping.wrong-address");
    assertThat(factNames(c)).doesNotContain("amount", "days_since_delivery", "item_received");
    assertThat(turn.reply().message()).startsWith("New case.");
    assertThat(c.cases()).extracting(Case::number).containsExactly(1, 2);
  }

  @Test
  void waiting_for_fact_to_confirmation_when_another_situation_might_be_the_same_customer() {
    Conversation c = waitingForPhotos();
    List<String> before = factNames(c);

    Turn turn = say(c, "the kettle she got is the wrong model");

    assertThat(turn.caseStarted()).isFalse();
    assertThat(turn.reply().kind()).isEqualTo(Reply.Kind.CLARIFY);
    assertThat(turn.reply().followUp()).contains(new FollowUp.ConfirmNewCase());
    assertThat(c.state()).isInstanceOf(DialogueState.WaitingForNewCaseConfirmation.class);
    assertThat(factNames(c)).as("the case's facts wait for the answer").isEqualTo(before);
  }

  @Test
  void a_yes_followed_by_other_facts_is_a_statement_not_the_answer() {
    Conversation c = waitingForPhotos();

    say(c, "no, she's a gold member");

    assertThat(c.facts().get("has_photo")).isEmpty();
    assertThat(c.facts().get("membership_tier")).isPresent();
  }

  @Test
  void a_no_about_something_else_is_not_bound_to_the_question_waiting() {
    Conversation c = conversation();
    say(c, "parcel went to the wrong address");
    assertThat(c.pending())
        .get()
        .isInstanceOfSatisfying(
            FollowUp.AskFact.class, a -> assertThat(a.fact()).isEqualTo("identity_verified"));

    say(c, "no it hasn't been sent yet");

    assertThat(c.facts().get("identity_verified")).isEmpty();
    assertThat(c.facts().get("order_dispatched"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("no"));
    assertThat(c.pending())
        .get()
        .isInstanceOfSatisfying(
            FollowUp.AskFact.class, a -> assertThat(a.fact()).isEqualTo("identity_verified"));
  }

  @Test
  void a_cue_while_waiting_opens_a_new_case_and_drops_the_question_and_the_facts() {
    Conversation c = conversation();
    say(c, "mixer arrived broken, she paid £89");

    Turn turn = say(c, "different customer: she was charged twice for her premium subscription");

    assertThat(turn.caseStarted()).isTrue();
    assertThat(turn.caseNumber()).isEqualTo(2);
    assertThat(play(turn)).isEqualTo("billing.duplicate-subscription-charge");
    assertThat(c.facts().get("amount")).isEmpty();
    assertThat(reasons(turn.reply())).doesNotContain("£89", "89.00");
    assertThat(turn.reply().advice().facts().all())
        .allSatisfy(f -> assertThat(f.value().display()).doesNotContain("89"));
  }

  @Test
  void a_case_found_to_be_another_customers_reads_none_of_the_previous_customers_usage() {
    Conversation c = waitingForPhotos();
    c.customerId("cust-1");

    // The usage of the customer named so far, as the server adds it to every message.
    Turn turn =
        dialogue.turn(
            c,
            new Message(
                "parcel went to the wrong address",
                Map.of("customer_credit_count", 2, "agent_credit_count", 1),
                TODAY));

    assertThat(turn.caseStarted()).isTrue();
    assertThat(c.facts().get("customer_credit_count")).isEmpty();
    assertThat(c.facts().get("agent_credit_count")).as("the agent is the same").isPresent();
    dialogue.newCase(c);
    assertThat(c.customerId()).as("a new case forgets the customer").isEmpty();
  }

  @Test
  void a_message_that_says_it_opens_a_case_is_known_before_it_is_worked_out() {
    assertThat(Dialogue.saysNewCase(new Message("next one: card declined", Map.of(), TODAY)))
        .isTrue();
    assertThat(Dialogue.saysNewCase(new Message("card declined", Map.of(), TODAY, true))).isTrue();
    assertThat(Dialogue.saysNewCase(new Message("card declined", Map.of(), TODAY))).isFalse();
  }

  // -- from WaitingForNewCaseConfirmation --------------------------------------------------------

  @Test
  void confirmation_yes_opens_the_new_case_with_the_held_message() {
    Conversation c = waitingForPhotos();
    say(c, "the kettle she got is the wrong model");

    Turn turn = say(c, "yes");

    assertThat(turn.caseStarted()).isTrue();
    assertThat(turn.caseNumber()).isEqualTo(2);
    assertThat(play(turn)).isEqualTo("orders.wrong-item");
    assertThat(factNames(c)).doesNotContain("amount", "days_since_delivery", "has_photo");
    assertThat(c.facts().get("has_photo")).as("the yes answered the case question only").isEmpty();
  }

  @Test
  void confirmation_no_takes_the_held_message_in_the_case_in_hand() {
    Conversation c = waitingForPhotos();
    say(c, "the kettle she got is the wrong model");

    Turn turn = say(c, "no, same customer");

    assertThat(turn.caseStarted()).isFalse();
    assertThat(turn.caseNumber()).isEqualTo(1);
    assertThat(play(turn)).isEqualTo("orders.wrong-item");
    assertThat(c.facts().get("amount")).as("the case keeps its facts").isPresent();
  }

  @Test
  void confirmation_then_a_message_of_its_own_is_taken_in_the_case_before_the_question() {
    Conversation c = waitingForPhotos();
    say(c, "the kettle she got is the wrong model");

    Turn turn = say(c, "she has sent photos of the damage");

    assertThat(turn.caseNumber()).isEqualTo(1);
    assertThat(c.facts().get("has_photo")).isPresent();
    assertThat(c.state()).isNotInstanceOf(DialogueState.WaitingForNewCaseConfirmation.class);
  }

  @Test
  void confirmation_then_the_same_text_with_new_case_opens_it() {
    Conversation c = waitingForPhotos();
    say(c, "the kettle she got is the wrong model");

    Turn turn = sayNewCase(c, "the kettle she got is the wrong model");

    assertThat(turn.caseStarted()).isTrue();
    assertThat(turn.caseNumber()).isEqualTo(2);
    assertThat(play(turn)).isEqualTo("orders.wrong-item");
  }

  // -- from WaitingForChoice --------------------------------------------------------------------

  @Test
  void waiting_for_choice_to_a_play_when_the_agent_picks_one() {
    Conversation c = conversation();
    FollowUp.ChoosePlay choose = (FollowUp.ChoosePlay) say(c, "refund").reply().followUp().get();

    Turn turn = say(c, "the first");

    assertThat(play(turn)).isEqualTo(choose.options().get(0).playId());
    assertThat(c.state()).isNotInstanceOf(DialogueState.WaitingForChoice.class);
  }

  @Test
  void waiting_for_choice_stays_when_the_message_only_gives_a_fact() {
    Conversation c = conversation();
    say(c, "refund");

    say(c, "she's a gold member");

    assertThat(c.state()).isInstanceOf(DialogueState.WaitingForChoice.class);
  }

  // -- from Answered ----------------------------------------------------------------------------

  @Test
  void answered_to_a_new_case_on_the_new_case_flag() {
    Conversation c = conversation();
    say(c, "kettle arrived smashed yesterday, she paid $40, gold member, sent photos");

    Turn turn = sayNewCase(c, "card declined");

    assertThat(turn.caseStarted()).isTrue();
    assertThat(turn.caseNumber()).isEqualTo(2);
    assertThat(factNames(c)).doesNotContain("amount", "membership_tier", "has_photo");
  }

  @Test
  void answered_stays_in_the_case_on_a_correction() {
    Conversation c = conversation();
    say(c, "kettle arrived smashed yesterday, she paid $40, gold member, sent photos");

    Turn turn = say(c, "actually she's silver");

    assertThat(turn.caseNumber()).isEqualTo(1);
    assertThat(c.facts().get("membership_tier"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("silver"));
  }

  // -- new cases by the control -----------------------------------------------------------------

  @Test
  void a_new_case_drops_facts_and_question_and_an_empty_case_is_not_doubled() {
    Conversation c = waitingForPhotos();

    assertThat(dialogue.newCase(c)).isEqualTo(2);
    assertThat(dialogue.newCase(c)).as("case 2 has no turn yet: it is the new case").isEqualTo(2);

    assertThat(c.facts().all()).isEmpty();
    assertThat(c.pending()).isEmpty();
    assertThat(c.state()).isInstanceOf(DialogueState.Idle.class);
    Turn turn = say(c, "yes");
    assertThat(turn.caseNumber()).isEqualTo(2);
    assertThat(c.facts().get("has_photo")).as("no question waits in the new case").isEmpty();
  }

  @Test
  void a_rebuilt_conversation_keeps_its_cases_and_the_open_one() {
    Conversation c = waitingForPhotos();
    dialogue.newCase(c);
    say(c, "card declined");
    say(c, "next one: parcel went to the wrong address");
    dialogue.newCase(c);

    List<ConversationReplay.SentTurn> sent = new ArrayList<>();
    for (Turn t : c.turns()) {
      sent.add(
          new ConversationReplay.SentTurn(
              t.at(), new Message(t.text(), t.context(), TODAY), t.caseNumber()));
    }
    Conversation rebuilt =
        new ConversationReplay(engine.advisor())
            .rebuild(
                "c",
                "ana",
                "agent",
                NOW,
                sent,
                java.util.Optional.of(new ConversationReplay.OpenCase(4, NOW)));

    assertThat(rebuilt.turns()).extracting(Turn::caseNumber).containsExactly(1, 2, 3);
    assertThat(rebuilt.caseNumber()).isEqualTo(4);
    assertThat(rebuilt.cases())
        .extracting(k -> k.playId().orElse(""))
        .containsExactly(
            "orders.damaged-item", "cards.card-declined", "shipping.wrong-address", "");
    assertThat(rebuilt.facts().all()).isEmpty();
  }

  // -- two messages at once ---------------------------------------------------------------------

  /**
   * The first message stops between reading the conversation and applying its turn (its clock
   * blocks there) until a second message has been taken in full. If the lock were held while a turn
   * is worked out, the second could not finish and the test would time out. The first is then
   * worked out again on the state the second left: both turns are kept, in order.
   */
  @Test
  void a_second_message_is_taken_while_the_first_is_worked_out_and_neither_is_lost()
      throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    AtomicReference<Thread> held = new AtomicReference<>();
    Clock gate =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            if (held.compareAndSet(null, Thread.currentThread())) {
              firstRead.countDown();
              try {
                assertThat(secondDone.await(60, TimeUnit.SECONDS)).isTrue();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return NOW;
          }
        };
    Dialogue gated = new Dialogue(engine.advisor(), gaps, gate);
    Conversation c = conversation();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Turn> first = pool.submit(() -> gated.turn(c, new Message(KETTLE, Map.of(), TODAY)));
      assertThat(firstRead.await(60, TimeUnit.SECONDS)).isTrue();
      Future<Turn> second =
          pool.submit(() -> gated.turn(c, new Message("card declined", Map.of(), TODAY)));
      Turn two = second.get(60, TimeUnit.SECONDS);
      secondDone.countDown();
      Turn one = first.get(60, TimeUnit.SECONDS);

      assertThat(two.number()).isEqualTo(1);
      assertThat(one.number()).isEqualTo(2);
      assertThat(c.turns()).extracting(Turn::text).containsExactly("card declined", KETTLE);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void many_messages_at_once_on_one_conversation_are_all_kept_in_order() throws Exception {
    Conversation c = conversation();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<String> texts =
        List.of(KETTLE, "card declined", "yes", "actually she's silver", "next one", "refund");
    try {
      List<Future<Turn>> taken = new ArrayList<>();
      for (String text : texts) {
        taken.add(pool.submit(() -> say(c, text)));
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<Turn> f : taken) {
        numbers.add(f.get(120, TimeUnit.SECONDS).number());
      }
      assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
      assertThat(c.turns()).extracting(Turn::number).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(c.turns()).extracting(Turn::text).containsExactlyInAnyOrderElementsOf(texts);
    } finally {
      pool.shutdownNow();
    }
  }
}
