package dev.leeway.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrections inside one message ("order total 120, sorry 102", "bought it 3 weeks ago, actually
 * 4", "charged 18 on friday, sorry thursday", "she's silver, sorry gold"): the value after a
 * correction word replaces the last value of its kind before it. A value with no words of its own
 * (a bare number, an unnamed amount, "5 times", a length or a date with no event) takes the
 * corrected fact's name; "A not B" after the word is A alone, not a price difference.
 */
final class Correction {

  private static final Pattern MARKER =
      Pattern.compile(
          "(?<![\\w'])(?:sorry|sry|soz|i mean|i meant|actually|correction|oops|typo|my bad|no wait|wait no|"
              + "scratch that|make that)(?![\\w'])");

  // What may stand between the correction word and its value.
  private static final Pattern FILLER =
      Pattern.compile(
          "^[\\s,:;!.-]*(?:(?:it's|its|it is|it was|was|is|it|that's|thats|should be|should have been|make that)"
              + "[\\s,:;-]+)*");

  private static final Pattern BARE_NUMBER =
      Pattern.compile("^(?<num>" + NumberWords.FIGURES + ")(?![\\w$€£%]|[.,]\\d)");

  // "45 not 54": the mistaken value, after the corrected one.
  private static final Pattern NOT_THE_OTHER = Pattern.compile("^[\\s,]*(?:and )?not\\s+");

  // A reading that is only its value: "5 times", "3 weeks", "the 3rd".
  private static final Pattern ONLY_A_VALUE =
      Pattern.compile("(?:the\\s+)?[\\d.,]+(?:st|nd|rd|th)?(?:\\s*[a-z]+)?");

  private static final Pattern FIRST_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  private Correction() {}

  static List<Reading> apply(
      Message message, List<Reading> found, List<TimeSpan> spans, String currency) {
    String text = message.lower;
    Matcher marker = MARKER.matcher(text);
    if (!marker.find()) {
      return found;
    }
    List<Reading> readings = new ArrayList<>(found);
    do {
      int from = marker.end();
      Matcher filler = FILLER.matcher(text).region(from, text.length());
      int at = filler.lookingAt() ? filler.end() : from;
      List<Reading> earlier = readings.stream().filter(r -> r.end() <= marker.start()).toList();
      int valueEnd = correct(message, readings, earlier, spans, at, currency);
      if (valueEnd > 0) {
        Matcher not = NOT_THE_OTHER.matcher(text).region(valueEnd, text.length());
        if (not.lookingAt()) {
          int mistaken = not.end();
          readings.removeIf(r -> r.at() == mistaken);
        }
      }
      // "sorry, 45.99 not 54.99" is no price difference.
      int after = marker.start();
      readings.removeIf(
          r ->
              r.name().equals(MoneyGap.NAME)
                  && r.start() >= after
                  && text.substring(r.start(), r.end()).matches(".*\\bnot\\b.*"));
    } while (marker.find());
    return readings;
  }

  /**
   * Applies the correction whose value starts at {@code at}; returns where the value ends, or -1.
   */
  private static int correct(
      Message message,
      List<Reading> readings,
      List<Reading> earlier,
      List<TimeSpan> spans,
      int at,
      String currency) {
    String text = message.lower;
    // A reading of its own at that place.
    Reading after = null;
    for (Reading r : readings) {
      if (r.at() == at && (after == null || r.end() > after.end())) {
        after = r;
      }
    }
    if (after != null) {
      Reading value = after;
      Reading target = last(earlier, r -> r.name().equals(value.name()));
      if (target == null && onlyAValue(text, value)) {
        target = last(earlier, r -> r.value().getClass() == value.value().getClass());
      }
      if (target != null) {
        readings.remove(target);
        readings.remove(value);
        readings.add(renamed(value, target.name()));
      }
      return value.end();
    }
    // A length or a date with no event of its own: the time of the fact before.
    for (TimeSpan span : spans) {
      if (span.start() == at || span.start() > at && text.substring(at, span.start()).isBlank()) {
        Reading target = last(earlier, r -> timeOf(r.name(), span) >= 0);
        if (target != null) {
          readings.remove(target);
          readings.add(
              new Reading(
                  target.name(),
                  new FactValue.Whole(timeOf(target.name(), span)),
                  span.start(),
                  span.end()));
        }
        return span.end();
      }
    }
    // A bare number: in the corrected fact's currency or unit.
    Matcher bare = BARE_NUMBER.matcher(text).region(at, text.length());
    if (!bare.lookingAt()) {
      return -1;
    }
    BigDecimal number = NumberWords.figures(bare.group("num"));
    int end = bare.end();
    Reading target =
        last(
            earlier,
            r -> r.value() instanceof FactValue.Money || r.value() instanceof FactValue.Whole);
    if (target == null) {
      if (earlier.isEmpty()) {
        readings.add(
            new Reading(MoneyNamer.DEFAULT, new FactValue.Money(number, currency), at, end));
      }
      return end;
    }
    FactValue value;
    if (target.value() instanceof FactValue.Money money) {
      value = new FactValue.Money(number, money.currency());
    } else {
      long old = ((FactValue.Whole) target.value()).value();
      value = new FactValue.Whole(Math.round(number.doubleValue() * unitOf(text, target, old)));
    }
    readings.remove(target);
    readings.add(new Reading(target.name(), value, at, end));
    return end;
  }

  /**
   * How much one of the corrected words' number is worth: 7 for "3 weeks ago" read as 21 days, so
   * that "actually 4" is 28.
   */
  private static double unitOf(String text, Reading target, long value) {
    String words = text.substring(target.start(), target.end());
    Matcher number = FIRST_NUMBER.matcher(words);
    if (!number.find() || words.matches(".*\\d(?:st|nd|rd|th)\\b.*")) {
      return 1;
    }
    double n = Double.parseDouble(number.group());
    return n > 0 ? value / n : 1;
  }

  private static boolean onlyAValue(String text, Reading reading) {
    return reading.name().equals(MoneyNamer.DEFAULT)
        || ONLY_A_VALUE.matcher(text.substring(reading.start(), reading.end())).matches();
  }

  /** A time span counted in the unit a fact's name says, or -1 when the fact is not about time. */
  private static long timeOf(String name, TimeSpan span) {
    if (name.startsWith("days_until_")) {
      return span.form() == TimeSpan.Form.LENGTH ? span.days() : span.ahead();
    }
    if (name.startsWith("days_")) {
      return span.days();
    }
    if (name.endsWith("_months")) {
      return span.months();
    }
    if (name.endsWith("_hours")) {
      return span.hours();
    }
    return -1;
  }

  private static Reading renamed(Reading reading, String name) {
    return new Reading(
        name, reading.value(), reading.start(), reading.end(), reading.confidence(), reading.at());
  }

  private static Reading last(List<Reading> readings, java.util.function.Predicate<Reading> test) {
    Reading found = null;
    for (Reading r : readings) {
      if (test.test(r) && (found == null || r.at() >= found.at())) {
        found = r;
      }
    }
    return found;
  }
}
