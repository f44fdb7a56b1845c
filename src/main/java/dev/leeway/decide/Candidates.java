package dev.leeway.decide;

import dev.leeway.playbook.FactSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values of an unknown fact worth trying: one on each side of every number or date the rules
 * compare it with (and the number itself), every value of an enum, both answers of a yes/no. A rule
 * written as comparisons with constants cannot tell apart two values that no threshold separates,
 * so trying these tells every way the fact could turn out.
 */
final class Candidates {

  /** A cent: the step between two amounts of money. */
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private Candidates() {}

  /**
   * The values to try for {@code spec}, in CEL's form (Boolean, String, Long, Double).
   *
   * @param thresholds numbers, dates and texts the rules compare the fact with
   * @param today the answer's date, when known, for facts compared with dates around it
   * @param assumed the fact's default, which is always among them
   */
  static List<Object> of(
      FactSpec spec,
      Collection<Object> thresholds,
      Optional<LocalDate> today,
      Optional<Object> assumed) {
    List<Object> values =
        switch (spec.type()) {
          case BOOLEAN -> List.of(false, true);
          case ENUM -> List.copyOf(spec.values());
          case COUNT, DAYS -> whole(thresholds);
          case MONEY -> money(thresholds);
          case DATE -> dates(thresholds, today);
          case TEXT -> texts(thresholds);
        };
    if (assumed.isPresent() && !values.contains(assumed.get())) {
      List<Object> with = new ArrayList<>(values);
      with.add(assumed.get());
      return List.copyOf(with);
    }
    return values;
  }

  private static List<Object> whole(Collection<Object> thresholds) {
    TreeSet<Long> values = new TreeSet<>(List.of(0L, 1L));
    for (Object t : thresholds) {
      if (t instanceof Number n) {
        long floor = (long) Math.floor(n.doubleValue());
        for (long v = floor - 1; v <= floor + 2; v++) {
          if (v >= 0) {
            values.add(v);
          }
        }
      }
    }
    return List.copyOf(values);
  }

  private static List<Object> money(Collection<Object> thresholds) {
    TreeSet<BigDecimal> values = new TreeSet<>(List.of(BigDecimal.ZERO.setScale(2)));
    for (Object t : thresholds) {
      if (t instanceof Number n) {
        BigDecimal at = new BigDecimal(n.toString()).setScale(2, RoundingMode.HALF_UP);
        for (BigDecimal v : List.of(at.subtract(CENT), at, at.add(CENT))) {
          if (v.signum() >= 0) {
            values.add(v);
          }
        }
      }
    }
    List<Object> out = new ArrayList<>();
    values.forEach(v -> out.add(v.doubleValue()));
    return List.copyOf(out);
  }

  private static List<Object> dates(Collection<Object> thresholds, Optional<LocalDate> today) {
    TreeSet<LocalDate> values = new TreeSet<>();
    today.ifPresent(values::add);
    for (Object t : thresholds) {
      if (t instanceof String text) {
        try {
          LocalDate at = LocalDate.parse(text);
          values.add(at.minusDays(1));
          values.add(at);
          values.add(at.plusDays(1));
        } catch (DateTimeParseException notADate) {
          // a text compared with something else; no date to try around it
        }
      } else if (t instanceof Number n && today.isPresent()) {
        long k = Math.abs(n.longValue());
        if (k > 100_000) {
          continue;
        }
        LocalDate now = today.get();
        for (LocalDate at :
            List.of(now.minusDays(k), now.minusMonths(k), now.plusDays(k), now.plusMonths(k))) {
          values.add(at.minusDays(1));
          values.add(at);
          values.add(at.plusDays(1));
        }
      }
    }
    if (values.isEmpty()) {
      values.add(LocalDate.of(2000, 1, 1));
    }
    List<Object> out = new ArrayList<>();
    values.forEach(v -> out.add(v.toString()));
    return List.copyOf(out);
  }

  private static List<Object> texts(Collection<Object> thresholds) {
    Set<Object> values = new LinkedHashSet<>();
    for (Object t : thresholds) {
      if (t instanceof String text) {
        values.add(text);
      }
    }
    values.add("");
    return List.copyOf(values);
  }
}
