package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.app.Engine;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.facts.FactSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations over the real starter pack, matcher, fact extractor and decider. */
class DialogueTest {

  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

  @TempDir static Path data;
  static Engine engine;

  Gaps gaps;
  Dialogue dialogue;
  Conversations conversations;

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
    Clock clock = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC);
    dialogue = new Dialogue(engine.advisor(), gaps, clock);
    conversations = new Conversations(Duration.ofMinutes(30), clock);
  }

  Reply say(Conversation conversation, String text) {
    return dialogue.take(conversation, new Message(text, Map.of(), TODAY));
  }

  /** The reply's follow-up asks for {@code fact}. */
  static void assertAsks(Reply reply, String fact) {
    assertThat(reply.followUp())
        .get()
        .isInstanceOfSatisfying(
            FollowUp.AskFact.class, ask -> assertThat(ask.fact()).isEqualTo(fact));
  }

  /** The choice of plays the reply asks the agent to make. */
  static FollowUp.ChoosePlay choice(Reply reply) {
    return (FollowUp.ChoosePlay) reply.followUp().orElseThrow();
  }

  /** The reply answers, with this play first. */
  static void assertAnswers(Reply reply, String playId) {
    assertThat(reply.kind()).isEqualTo(Reply.Kind.ANSWER);
    assertThat(reply.advice().plays().get(0).candidate().playId()).isEqualTo(playId);
  }

  /** The reply answers with this play alone, as after a choice. */
  static void assertAnswersWithOnly(Reply reply, String playId) {
    assertThat(reply.kind()).isEqualTo(Reply.Kind.ANSWER);
    assertThat(reply.advice().plays())
        .singleElement()
        .satisfies(s -> assertThat(s.candidate().playId()).isEqualTo(playId));
  }

  @Test
  void a_clear_situation_is_answered_leading_with_what_the_agent_can_do() {
    Conversation c = conversations.start("ana", "agent");

    Reply reply = say(c, "kettle arrived smashed yesterday, she paid $40 and sent photos");

    assertAnswers(reply, "orders.damaged-item");
    assertThat(reply.message()).startsWith("Item arrived damaged.\nYou can: ");
    assertThat(c.turns()).hasSize(1);
  }

  @Test
  void amounts_in_the_reply_keep_the_currency_they_were_given_in() {
    Conversation c = conversations.start("ana", "agent");

    Reply reply =
        say(
            c,
            "order arrived yesterday with one item missing, the £25 phone case, order total £80");

    assertThat(reply.message()).contains("£25.00").doesNotContain("$");
  }

  @Test
  void a_deciding_fact_is_asked_once_and_the_answer_is_used_on_the_next_turn() {
    Conversation c = conversations.start("ana", "agent");

    Reply first = say(c, "kettle arrived smashed yesterday, she paid $40");
    assertAsks(first, "has_photo");

    Reply second = say(c, "yes");

    assertThat(c.facts().get("has_photo"))
        .get()
        .satisfies(
            f -> {
              assertThat(f.value().display()).isEqualTo("yes");
              assertThat(((FactSource.Text) f.source()).turn()).isEqualTo(2);
            });
    assertThat(second.kind()).isEqualTo(Reply.Kind.ANSWER);
    assertThat(second.advice().plays().get(0).decision().decisions())
        .anySatisfy(d -> assertThat(d.kind()).isEqualTo("CAN_DO"));
  }

  @Test
  void an_answer_about_time_is_read_in_the_unit_the_question_counts() {
    // "2 weeks" to "how many days ago?" is 14 days, not 2; words and day names answer it too.
    Map<String, String> answers =
        Map.of(
            "2 weeks", "14", "three days ago", "3", "yesterday", "1", "a week ago", "7", "5", "5");
    answers.forEach(
        (answer, days) -> {
          Conversation c = conversations.start("ana", "agent");
          Reply first = say(c, "kettle arrived smashed, $120");
          assertAsks(first, "days_since_delivery");

          say(c, answer);

          assertThat(c.facts().get("days_since_delivery"))
              .as(answer)
              .get()
              .satisfies(f -> assertThat(f.value().display()).isEqualTo(days));
        });
  }

  @Test
  void a_day_given_to_an_amount_question_answers_the_plays_one_open_time_fact() {
    Conversation c = conversations.start("ana", "agent");
    Reply first = say(c, "atm took the money, no cash");
    assertAsks(first, "disputed_amount");

    Reply second = say(c, "last tuesday");

    assertThat(c.facts().get("days_since_charge")).isPresent();
    assertThat(c.facts().get("disputed_amount")).isEmpty();
    assertThat(second.message()).doesNotContain("needs an amount");
  }

  @Test
  void a_reply_that_does_not_answer_the_question_is_told_so_and_asked_again() {
    Conversation c = conversations.start("ana", "agent");
    say(c, "kettle arrived smashed, $120");

    Reply second = say(c, "yes");

    assertThat(second.message())
        .startsWith("\"yes\" does not answer the question: it needs a number of days");
    assertAsks(second, "days_since_delivery");
    Reply third = say(c, "4");
    assertThat(third.message()).startsWith("Item arrived damaged.");
  }

  @Test
  void an_answer_in_days_to_a_question_in_hours_is_counted_in_hours() {
    Conversation c = conversations.start("ana", "agent");
    Reply first = say(c, "no internet, outage in her area");
    assertAsks(first, "outage_hours");

    say(c, "2 days");

    assertThat(c.facts().get("outage_hours"))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("48"));
  }

  @Test
  void a_later_turn_corrects_an_earlier_fact() {
    Conversation c = conversations.start("ana", "agent");
    say(c, "gold member, kettle arrived smashed, paid $40");

    say(c, "actually she's silver");

    assertThat(c.facts().get("membership_tier"))
        .get()
        .satisfies(
            f -> {
              assertThat(f.value().display()).isEqualTo("silver");
              assertThat(((FactSource.Text) f.source()).turn()).isEqualTo(2);
            });
    assertThat(c.turns().get(1).reply().advice().plays().get(0).candidate().playId())
        .isEqualTo("orders.damaged-item");
  }

  @Test
  void a_corrected_amount_replaces_the_one_the_play_uses_and_answers_no_count() {
    Conversation c = conversations.start("ana", "agent");
    Reply first = say(c, "parcel says delivered but she never got it, order was $120");
    assertAsks(first, "times_this_happened");

    Reply second = say(c, "actually it was $45");

    // Not 45 claims (which sends every action to the fraud team): the order total, corrected.
    assertThat(c.facts().get("times_this_happened")).isEmpty();
    assertThat(c.facts().get("order_total"))
        .get()
        .satisfies(
            f -> {
              assertThat(f.value().display()).isEqualTo("$45.00");
              assertThat(((FactSource.Text) f.source()).turn()).isEqualTo(2);
            });
    assertAsks(second, "times_this_happened");
  }

  @Test
  void a_length_of_time_does_not_answer_a_count_of_something_else() {
    Conversation c = conversations.start("ana", "agent");
    Reply first = say(c, "broadband down since yesterday morning, she works from home");
    assertAsks(first, "customer_credit_count");

    say(c, "about 30 hours");

    // 30 hours is not 30 goodwill credits, which would use up the customer's budget.
    assertThat(c.facts().get("customer_credit_count")).isEmpty();
  }

  @Test
  void nothing_fits_says_so_gives_the_escalation_path_and_records_a_gap() {
    Conversation c = conversations.start("ana", "agent");

    Reply reply = say(c, "what is the weather like in leeds tomorrow");

    assertThat(reply.kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(reply.message())
        .startsWith("No play fits this situation")
        .contains("team leader on duty");
    assertThat(gaps.recent())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.text()).isEqualTo("what is the weather like in leeds tomorrow");
              assertThat(g.conversationId()).isEqualTo(c.id());
            });
  }

  @Test
  void when_nothing_fits_a_guardrail_read_from_the_words_still_names_its_team() {
    Conversation c = conversations.start("ana", "agent");

    Reply reply = say(c, "she says she will see us in court over the whole thing");

    assertThat(reply.kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(reply.advice().escalation().to()).isEqualTo("Customer Relations (complaints team)");
    assertThat(reply.message()).contains("Customer Relations");
  }

  @Test
  void a_new_situation_in_the_same_conversation_moves_to_its_play() {
    Conversation c = conversations.start("ana", "agent");
    say(c, "kettle arrived smashed yesterday, she paid $40 and sent photos");

    Reply reply =
        say(c, "also her debit card was stolen on the bus this morning, she needs it blocked");

    assertThat(reply.advice().plays().get(0).candidate().playId()).startsWith("cards.");
  }

  @Test
  void two_close_plays_get_a_clarifying_question_and_the_choice_is_used() {
    Conversation c = conversations.start("ana", "agent");

    Reply ask = say(c, "package returning to origin and can we change the delivery address");

    assertThat(ask.kind()).isEqualTo(Reply.Kind.CLARIFY);
    FollowUp.ChoosePlay choose = choice(ask);
    assertThat(choose.options()).hasSize(2);
    String second = choose.options().get(1).playId();

    Reply answer = say(c, "the second one");

    assertAnswersWithOnly(answer, second);
  }

  @Test
  void a_word_many_plays_use_is_not_guessed_and_the_agent_picks_among_the_likeliest() {
    Conversation c = conversations.start("ana", "agent");

    Reply ask = say(c, "refund");

    assertThat(ask.kind()).isEqualTo(Reply.Kind.CLARIFY);
    assertThat(ask.advice().outcome()).isEqualTo("vague");
    assertThat(ask.advice().plays()).isEmpty();
    assertThat(ask.message())
        .startsWith("\"refund\" alone fits ")
        .contains(" plays. Which is it: ")
        .endsWith("Or say what happened.");
    FollowUp.ChoosePlay choose = choice(ask);
    assertThat(choose.options()).hasSize(Dialogue.VAGUE_OPTIONS);
    assertThat(gaps.recent()).as("the pack may well cover it: no gap").isEmpty();
    String third = choose.options().get(2).playId();

    Reply answer = say(c, "the third");

    assertAnswersWithOnly(answer, third);
  }

  @Test
  void a_word_only_one_option_has_picks_it() {
    Conversation c = conversations.start("ana", "agent");
    FollowUp.ChoosePlay choose = choice(say(c, "cancel"));
    String withOrder =
        choose.options().stream()
            .filter(o -> o.title().toLowerCase(java.util.Locale.ROOT).contains("order"))
            .findFirst()
            .orElseThrow()
            .playId();

    assertAnswersWithOnly(say(c, "the order"), withOrder);
  }

  @Test
  void saying_what_happened_after_a_vague_word_answers_that_situation() {
    Conversation c = conversations.start("ana", "agent");
    say(c, "refund");

    Reply again = say(c, "cancel");
    assertThat(again.kind()).as("another vague word is no choice").isEqualTo(Reply.Kind.CLARIFY);

    Reply answer =
        say(c, "she returned the jacket three weeks ago and the refund still has not come through");

    assertAnswers(answer, "orders.refund-not-received");
  }

  @Test
  void a_fact_given_instead_of_a_choice_is_kept_and_the_choice_asked_again() {
    Conversation c = conversations.start("ana", "agent");
    Reply ask = say(c, "refund");
    FollowUp.ChoosePlay choose = choice(ask);

    Reply again = say(c, "she's a gold member");

    assertThat(again.kind())
        .as("a fact is no answer to which situation it is")
        .isEqualTo(Reply.Kind.CLARIFY);
    assertThat(again.followUp()).contains(choose);
    assertThat(again.advice().outcome()).isEqualTo("vague");
    assertThat(again.advice().facts().get("membership_tier")).isPresent();

    Reply answer = say(c, "the first");

    assertThat(answer.advice().plays().get(0).candidate().playId())
        .isEqualTo(choose.options().get(0).playId());
    assertThat(answer.advice().facts().get("membership_tier")).isPresent();
  }

  @Test
  void something_no_play_fits_after_a_choice_was_asked_is_no_match_not_the_first_option() {
    Conversation c = conversations.start("ana", "agent");
    say(c, "refund");

    Reply reply = say(c, "what is the weather like in leeds tomorrow");

    assertThat(reply.kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(reply.advice().plays()).isEmpty();
  }

  @Test
  void a_vague_word_adds_to_the_situation_in_hand() {
    Conversation c = conversations.start("ana", "agent");
    say(c, "kettle arrived smashed yesterday, she paid $40 and sent photos");

    Reply reply = say(c, "refund");

    assertAnswers(reply, "orders.damaged-item");
  }

  @Test
  void a_short_text_that_pins_a_play_down_is_answered() {
    Conversation c = conversations.start("ana", "agent");

    Reply reply = say(c, "card declined");

    assertAnswers(reply, "cards.card-declined");
  }

  @Test
  void bad_context_is_refused_and_leaves_the_conversation_unchanged() {
    Conversation c = conversations.start("ana", "agent");

    assertThatThrownBy(
            () ->
                dialogue.take(
                    c, new Message("refund please", Map.of("order_total", "lots"), TODAY)))
        .hasMessageContaining("order_total: 'lots' is not an amount");
    assertThat(c.turns()).isEmpty();
  }

  @Test
  void idle_conversations_expire_and_others_cannot_see_them() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-15T10:00:00Z"));
    Conversations open = new Conversations(Duration.ofMinutes(30), clock);
    Conversation c = open.start("ana", "agent");

    assertThat(open.find(c.id(), "bob")).isEmpty();
    assertThat(open.find(c.id(), "ana")).contains(c);

    clock.now = clock.now.plus(Duration.ofMinutes(31));
    assertThat(open.find(c.id(), "ana")).isEmpty();
    assertThat(open.expire()).isEqualTo(1);
    assertThat(open.size()).isZero();
  }

  /** A clock tests can move. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
