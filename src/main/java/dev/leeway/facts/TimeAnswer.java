package dev.leeway.facts;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.List;
import java.util.Optional;

/**
 * A reply to a question about time, in the unit its fact counts. A days fact counts days back ("2
 * weeks" is 14, "yesterday" 1), or days ahead when its name starts {@code days_until_}; a count
 * named {@code ..._months} or {@code ..._hours} counts months or hours ("3 years" is 36 months, "2
 * days" 48 hours). A bare number is the caller's to read, in the fact's own unit.
 */
public final class TimeAnswer {

  /** What a time fact counts. */
  public enum Unit {
    DAYS_BACK,
    DAYS_AHEAD,
    MONTHS,
    HOURS
  }

  private TimeAnswer() {}

  /** The unit a fact counts time in; empty for a fact that is not about time. */
  public static Optional<Unit> unitOf(FactSpec spec) {
    if (spec.type() == FactType.DAYS) {
      return Optional.of(spec.name().startsWith("days_until_") ? Unit.DAYS_AHEAD : Unit.DAYS_BACK);
    }
    if (spec.type() == FactType.COUNT && spec.name().endsWith("_months")) {
      return Optional.of(Unit.MONTHS);
    }
    if (spec.type() == FactType.COUNT && spec.name().endsWith("_hours")) {
      return Optional.of(Unit.HOURS);
    }
    return Optional.empty();
  }

  /**
   * The first of the times found in a reply that has a value in the fact's unit, named for the
   * fact.
   */
  static Optional<Reading> read(List<TimeSpan> found, FactSpec spec) {
    Optional<Unit> unit = unitOf(spec);
    if (unit.isEmpty()) {
      return Optional.empty();
    }
    for (TimeSpan span : found) {
      long value =
          switch (unit.get()) {
            case DAYS_BACK -> span.days();
            // "3 days" to "how many days away is it?" is a length, so it counts as days ahead.
            case DAYS_AHEAD -> span.form() == TimeSpan.Form.LENGTH ? span.days() : span.ahead();
            case MONTHS -> span.months();
            case HOURS -> span.hours();
          };
      if (value >= 0) {
        return Optional.of(
            new Reading(spec.name(), new FactValue.Whole(value), span.start(), span.end()));
      }
    }
    return Optional.empty();
  }
}
