package dev.leeway.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The days a figure covers, both included, in UTC: an answer given at 23:30 UTC on the 3rd counts
 * on the 3rd.
 */
public record Period(LocalDate from, LocalDate to) {

  /** The default span when a caller names no dates: the last 30 days, today included. */
  public static final int DEFAULT_DAYS = 30;

  /** The longest span one request may cover. */
  public static final int MAX_DAYS = 366;

  public Period {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException(
          "from " + from + " is after to " + to + ": give from on or before to");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw new IllegalArgumentException(
          "from " + from + " to " + to + " spans more than " + MAX_DAYS + " days: ask for less");
    }
  }

  /**
   * The period from the query parameters, either of which may be missing: {@code to} defaults to
   * {@code today}, {@code from} to 29 days before {@code to}.
   *
   * @throws IllegalArgumentException naming the parameter and its value when a date does not parse
   *     or the dates are the wrong way round
   */
  public static Period of(String from, String to, LocalDate today) {
    LocalDate end = blank(to) ? today : date("to", to);
    LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
    return new Period(start, end);
  }

  /** The first instant of the period. */
  public Instant start() {
    return from.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The first instant after the period. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  /** How many days the period spans. */
  public int days() {
    return (int) ChronoUnit.DAYS.between(from, to) + 1;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + ": '" + value + "' is not a date; use YYYY-MM-DD (e.g. 2026-03-31)");
    }
  }
}
