package dev.leeway.facts;

import static dev.leeway.facts.Reader.EXTRACTOR;
import static dev.leeway.facts.Reader.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replies to a question about time, read in the unit of the fact asked. */
class TimeAnswerTest {

  private static Optional<String> answer(String fact, FactType type, String reply) {
    FactSpec spec = new FactSpec(fact, type, "?", List.of());
    return EXTRACTOR.readTimes(spec, reply, TODAY, 2).answer().map(f -> f.value().display());
  }

  @ParameterizedTest
  @CsvSource({
    "days_since_delivery, DAYS, 2 weeks, 14",
    "days_since_delivery, DAYS, three days ago, 3",
    "days_since_delivery, DAYS, yesterday, 1",
    "days_since_delivery, DAYS, about a month ago, 30",
    "days_until_appointment, DAYS, tomorrow, 1",
    "days_until_appointment, DAYS, in 3 days, 3",
    "days_until_appointment, DAYS, 3 days, 3",
    "tenure_months, COUNT, 3 years, 36",
    "tenure_months, COUNT, since 2019, " + ((2026 - 2019) * 12 + 5),
    "outage_hours, COUNT, 2 days, 48",
    "outage_hours, COUNT, since yesterday, 24",
  })
  void a_time_is_counted_in_the_facts_unit(String fact, FactType type, String reply, String value) {
    assertThat(answer(fact, type, reply)).as(reply).hasValue(value);
  }

  @ParameterizedTest
  @CsvSource({
    "days_since_delivery, DAYS, yes",
    "days_since_delivery, DAYS, tomorrow",
    "days_until_appointment, DAYS, yesterday",
    "times_this_happened, COUNT, 2 weeks",
    "order_total, MONEY, 2 weeks",
  })
  void no_time_in_the_facts_unit_reads_as_nothing(String fact, FactType type, String reply) {
    assertThat(answer(fact, type, reply)).as(reply).isEmpty();
  }
}
