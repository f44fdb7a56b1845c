package dev.leeway.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodAndTableTest {

  static final LocalDate TODAY = LocalDate.parse("2026-03-31");

  @Test
  void missing_dates_mean_the_last_thirty_days() {
    assertThat(Period.of(null, null, TODAY))
        .isEqualTo(new Period(LocalDate.parse("2026-03-02"), TODAY));
    assertThat(Period.of("2026-03-30", "", TODAY).days()).isEqualTo(2);
  }

  @Test
  void bad_dates_are_named_with_their_value() {
    assertThatThrownBy(() -> Period.of("31/03/2026", null, TODAY))
        .hasMessage("from: '31/03/2026' is not a date; use YYYY-MM-DD (e.g. 2026-03-31)");
    assertThatThrownBy(() -> Period.of("2026-04-02", "2026-04-01", TODAY))
        .hasMessageContaining("from 2026-04-02 is after to 2026-04-01");
    assertThatThrownBy(() -> Period.of("2020-01-01", "2026-01-01", TODAY))
        .hasMessageContaining("more than 366 days");
  }

  @Test
  void csv_quotes_what_needs_quoting_and_defuses_formulas() {
    Table table =
        new Table(
            Figure.REFUSALS,
            List.of("play_id", "action_id", "rule", "count"),
            List.of(
                Arrays.asList("p", "a", "amount > 5, \"x\"", 3L),
                Arrays.asList("=cmd()", null, "-1", new BigDecimal("2.50"))));
    assertThat(table.csv())
        .isEqualTo(
            "play_id,action_id,rule,count\r\n"
                + "p,a,\"amount > 5, \"\"x\"\"\",3\r\n"
                + "'=cmd(),,'-1,2.50\r\n");
    assertThat(table.json().get("rows").get(1).get("action_id").isNull()).isTrue();
    assertThat(table.json().get("rows").get(1).get("count").decimalValue())
        .isEqualByComparingTo("2.50");
  }

  @Test
  void the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    assertThat(Tally.median(List.of(new BigDecimal("90"), new BigDecimal("121"))))
        .isEqualByComparingTo("105.50");
    assertThat(Tally.median(List.of(new BigDecimal("7")))).isEqualByComparingTo("7");
    assertThat(Tally.median(List.of())).isNull();
  }
}
