package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.facts.Fact;
import dev.leeway.facts.FactExtractor;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValue;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerReaderTest {

  private static final FactExtractor.ReplyTimes NO_TIMES =
      new FactExtractor.ReplyTimes(Optional.empty(), List.of());

  private static final FactSpec HAS_PHOTO =
      new FactSpec("has_photo", FactType.BOOLEAN, "Can the customer send a photo?", List.of());

  private static Optional<String> flag(String reply) {
    return AnswerReader.read(HAS_PHOTO, reply, List.of(), NO_TIMES, 2)
        .map(Fact::value)
        .map(v -> v.display());
  }

  @ParameterizedTest
  @CsvSource({
    "yes, yes",
    "she does, yes",
    "she can send one, yes",
    "yes she can, yes",
    "they will email it, yes",
    "he did, yes",
    "nope, no",
    "not yet, no",
    "she can't, no",
    "she can’t find it, no",
    "he cannot, no",
    "they won't, no",
    "she didn't keep the box, no",
  })
  void a_yes_or_no_reply_reads_as_the_flag_asked(String reply, String flag) {
    assertThat(flag(reply)).as(reply).hasValue(flag);
  }

  private static final FactExtractor EXTRACTOR = FactExtractor.create();
  private static final LocalDate MONDAY = LocalDate.of(2026, 6, 15);

  private static final FactSpec WITHDRAWN =
      new FactSpec(
          "disputed_amount", FactType.MONEY, "How much was debited but not received?", List.of());
  private static final FactSpec DAYS_SINCE_WITHDRAWAL =
      new FactSpec(
          "days_since_withdrawal",
          FactType.DAYS,
          "How many days ago was the withdrawal?",
          List.of());
  private static final FactSpec TENURE =
      new FactSpec(
          "tenure_months",
          FactType.COUNT,
          "How many months has the customer been with us?",
          List.of());

  private static Optional<Fact> answer(FactSpec spec, String reply) {
    return AnswerReader.read(
        spec,
        reply,
        EXTRACTOR.extract(reply, MONDAY, 2),
        EXTRACTOR.readTimes(spec, reply, MONDAY, 2),
        2);
  }

  @ParameterizedTest
  @CsvSource({
    "last tuesday, 6",
    "tuesday, 6",
    "happened tuesday, 6",
    "tues, 6",
    "on sat, 2",
    "yday, 1",
    "the 3rd of last month, 43",
    "2 wks ago, 14",
  })
  void a_day_or_a_date_answers_a_question_about_time(String reply, String days) {
    assertThat(answer(DAYS_SINCE_WITHDRAWAL, reply))
        .as(reply)
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo(days));
  }

  @ParameterizedTest
  @CsvSource({"it was 54.99, 54.99", "54.99, 54.99", "200, 200", "sorry 45 not 54, 45"})
  void an_amount_without_a_currency_answers_a_question_about_money(String reply, String amount) {
    assertThat(answer(WITHDRAWN, reply))
        .as(reply)
        .get()
        .satisfies(
            f -> assertThat(((FactValue.Money) f.value()).amount()).isEqualByComparingTo(amount));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "left with the neighbour at no 12 but they never took it in",
        "she lives at number 4, never got it",
        "flat 3 says they never had it",
        "it went to 27 mill road instead",
        "ticket #88 was closed without a reply",
      })
  void a_number_that_names_a_place_or_a_thing_does_not_answer_a_question_about_money(String reply) {
    assertThat(answer(WITHDRAWN, reply)).as(reply).isEmpty();
  }

  @Test
  void an_amount_beside_a_house_number_still_answers_a_question_about_money() {
    assertThat(answer(WITHDRAWN, "left at no 12, it was 40"))
        .get()
        .satisfies(
            f -> assertThat(((FactValue.Money) f.value()).amount()).isEqualByComparingTo("40"));
  }

  @Test
  void a_bare_amount_is_in_the_packs_currency() {
    FactExtractor pounds = EXTRACTOR.withCurrency("GBP");
    for (String reply : List.of("80", "it was 54.99")) {
      assertThat(
              AnswerReader.read(
                  WITHDRAWN,
                  reply,
                  pounds.extract(reply, MONDAY, 2),
                  pounds.readTimes(WITHDRAWN, reply, MONDAY, 2),
                  2))
          .as(reply)
          .get()
          .satisfies(f -> assertThat(((FactValue.Money) f.value()).currency()).isEqualTo("GBP"));
    }
    assertThat(
            AnswerReader.read(
                WITHDRAWN,
                "$80",
                pounds.extract("$80", MONDAY, 2),
                pounds.readTimes(WITHDRAWN, "$80", MONDAY, 2),
                2))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("$80.00"));
  }

  @Test
  void a_time_given_to_a_question_about_money_answers_the_one_open_question_about_time() {
    String reply = "last tuesday";
    assertThat(answer(WITHDRAWN, reply)).isEmpty();

    Optional<Fact> other =
        AnswerReader.readAnotherTime(
            WITHDRAWN,
            List.of(WITHDRAWN, DAYS_SINCE_WITHDRAWAL, TENURE),
            spec -> EXTRACTOR.readTimes(spec, reply, MONDAY, 2));

    assertThat(other)
        .get()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("days_since_withdrawal");
              assertThat(f.value().display()).isEqualTo("6");
            });
  }

  @Test
  void a_time_that_two_open_questions_could_take_answers_neither() {
    FactSpec daysSinceCharge =
        new FactSpec("days_since_charge", FactType.DAYS, "How many days ago?", List.of());

    assertThat(
            AnswerReader.readAnotherTime(
                WITHDRAWN,
                List.of(DAYS_SINCE_WITHDRAWAL, daysSinceCharge),
                spec -> EXTRACTOR.readTimes(spec, "last tuesday", MONDAY, 2)))
        .isEmpty();
    assertThat(
            AnswerReader.readAnotherTime(
                WITHDRAWN,
                List.of(DAYS_SINCE_WITHDRAWAL),
                spec -> EXTRACTOR.readTimes(spec, "no idea", MONDAY, 2)))
        .isEmpty();
  }

  @Test
  void a_reply_that_is_neither_reads_as_nothing() {
    assertThat(flag("the box was soaked")).isEmpty();
  }

  private static final FactSpec TIMES =
      new FactSpec(
          "times_this_happened", FactType.COUNT, "How many times has this happened?", List.of());

  @Test
  void a_number_the_text_gave_as_something_else_does_not_answer_a_count() {
    // "$45" was read as money: its 45 is not a number of times.
    String reply = "actually it was $45";
    Fact amount =
        new Fact(
            "amount",
            new FactValue.Money(new BigDecimal("45"), "USD"),
            new FactSource.Text(3, 16, 19, "$45"),
            1.0);

    assertThat(AnswerReader.read(TIMES, reply, List.of(amount), NO_TIMES, 3)).isEmpty();
    assertThat(AnswerReader.read(TIMES, "3 times, the last one $45", List.of(amount), NO_TIMES, 3))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("3"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "left at no 12 again",
        "the one at flat 3 says it never came",
        "ticket #4 was about this",
      })
  void a_number_that_names_a_place_or_a_thing_does_not_answer_a_count(String reply) {
    assertThat(AnswerReader.read(TIMES, reply, List.of(), NO_TIMES, 2)).as(reply).isEmpty();
  }

  @Test
  void a_number_inside_a_length_of_time_does_not_answer_a_count() {
    FactSource.Text hours = new FactSource.Text(2, 6, 14, "30 hours");

    assertThat(
            AnswerReader.read(
                TIMES,
                "about 30 hours",
                List.of(),
                new FactExtractor.ReplyTimes(Optional.empty(), List.of(hours)),
                2))
        .isEmpty();
    assertThat(AnswerReader.read(TIMES, "about 30", List.of(), NO_TIMES, 2))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("30"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "she pays 45 a month",
        "45 per month",
        "paying 45 monthly",
        "it costs her 45",
        "her bill is 45",
      })
  void a_price_without_a_currency_sign_does_not_answer_a_count(String reply) {
    assertThat(AnswerReader.read(TIMES, reply, List.of(), NO_TIMES, 2)).as(reply).isEmpty();
  }

  @Test
  void a_count_beside_a_price_still_answers() {
    assertThat(
            AnswerReader.read(TIMES, "twice before, she pays 45 a month", List.of(), NO_TIMES, 2))
        .isEmpty();
    assertThat(AnswerReader.read(TIMES, "2 times, she pays 45 a month", List.of(), NO_TIMES, 2))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("2"));
    assertThat(AnswerReader.read(TIMES, "we paid her 3 times already", List.of(), NO_TIMES, 2))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("3"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "none",
        "None.",
        "zero",
        "never",
        "never before",
        "not once",
        "no",
        "nope",
        "no, never"
      })
  void none_or_never_answers_a_count_with_zero(String reply) {
    assertThat(AnswerReader.read(TIMES, reply, List.of(), NO_TIMES, 2))
        .as(reply)
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("0"));
  }

  @Test
  void none_before_to_a_count_that_includes_this_time_is_one() {
    FactSpec contacts =
        new FactSpec(
            "times_this_happened",
            FactType.COUNT,
            "How many times has the customer contacted us, including now?",
            List.of());

    assertThat(AnswerReader.read(contacts, "none", List.of(), NO_TIMES, 2))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("1"));
    assertThat(AnswerReader.read(contacts, "3", List.of(), NO_TIMES, 2))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("3"));
  }

  @Test
  void a_no_that_is_about_something_else_is_no_count() {
    assertThat(AnswerReader.read(TIMES, "no idea", List.of(), NO_TIMES, 2)).isEmpty();
    assertThat(AnswerReader.read(TIMES, "no, 2 times", List.of(), NO_TIMES, 2))
        .get()
        .satisfies(f -> assertThat(f.value().display()).isEqualTo("2"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"no", "no she hasnt seen any strange transactions", "none", "nothing at all"})
  void no_to_a_question_whether_there_is_any_money_is_zero(String reply) {
    FactSpec unrecognised =
        new FactSpec(
            "disputed_amount",
            FactType.MONEY,
            "Are there any transactions the customer does not recognise? What do they add up to?",
            List.of());

    assertThat(AnswerReader.read(unrecognised, reply, List.of(), NO_TIMES, 2))
        .as(reply)
        .get()
        .satisfies(
            f -> assertThat(((FactValue.Money) f.value()).amount()).isEqualByComparingTo("0"));
  }

  @Test
  void no_to_a_question_of_how_much_or_not_knowing_is_no_amount() {
    FactSpec total =
        new FactSpec("order_total", FactType.MONEY, "What was the order total?", List.of());
    FactSpec unrecognised =
        new FactSpec(
            "disputed_amount",
            FactType.MONEY,
            "Has any money been taken since? How much?",
            List.of());

    assertThat(AnswerReader.read(total, "no", List.of(), NO_TIMES, 2)).isEmpty();
    assertThat(AnswerReader.read(unrecognised, "no idea", List.of(), NO_TIMES, 2)).isEmpty();
    assertThat(AnswerReader.read(unrecognised, "not sure yet", List.of(), NO_TIMES, 2)).isEmpty();
  }
}
