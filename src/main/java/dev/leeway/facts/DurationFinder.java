package dev.leeway.facts;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds durations and dates ("3 weeks ago", "a couple of days", "on 3 March", "next Tuesday",
 * "since 2019") and counts them from today: a week is 7 days, a month 30, a year 365; a date reads
 * back to its latest past occurrence, or forward when the event is ahead.
 */
final class DurationFinder {

  private static final String QUANTITY =
      "(?<qty>a couple of|couple of|a couple|a few|few|an|\\d+|" + NumberWords.WORDS + ")";
  private static final String UNIT =
      "(?<unit>hours?|hrs?|days?|weeks?|wks?|fortnights?|months?|mths?|mnths?|mos|years?|yrs?)";

  // "3 days ago", "for the last 6 hours", "in 2 weeks", "a 10-year customer", "two weeks late".
  private static final Pattern LENGTH =
      Pattern.compile(
          "(?<![\\w.,$€£])(?<pre>(?:in|within|for|after|over)\\s+(?:(?:the|a)\\s+)?(?:(?:last|past|next|other)\\s+)?"
              + "|(?:the\\s+)?(?:last|past|next)\\s+)?"
              + QUANTITY
              + "(?<half>\\s+and\\s+a\\s+half)?(?:[\\s-]+|(?<=\\d))"
              + UNIT
              + "(?!\\w)(?<post>\\s+(?:ago|back|earlier|before|previously|from now|later))?(?!\\w)");

  // "last week", "next month", "this Tuesday".
  private static final Pattern RELATIVE =
      Pattern.compile(
          "(?<![\\w])(?<rel>last|next|this past|this coming|past)\\s+(?<unit>week|fortnight|month|year)(?!\\w)");

  private static final Pattern DAY_WORD =
      Pattern.compile(
          "(?<![\\w])(?<word>the day before yesterday|day before yesterday|yesterday|earlier today|today|this morning|"
              + "this afternoon|this evening|tonight|last night|the day after tomorrow|day after tomorrow|tomorrow|"
              // Agents' shorthand.
              + "yday|yest|tmrw|tmr|tomoz|2moro)(?!\\w)");

  private static final String MONTHS =
      "(?<mon>january|february|march|april|may|june|july|august|september|october|november|december|"
          + "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";

  // "3 March", "3rd of March 2026", "March 3", "March 3rd, 2026".
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "(?<![\\w])(?<d>\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+"
              + MONTHS
              + "(?:,?\\s+(?<y>\\d{4}))?(?!\\w)");
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "(?<![\\w])"
              + MONTHS
              + "\\s+(?:the\\s+)?(?<d>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?<y>\\d{4}))?(?![\\w:])");
  private static final Pattern ISO =
      Pattern.compile("(?<![\\w-])(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})(?![\\w-])");

  // "on the 3rd", "since the 21st", "ordered the 5th": a day of this or last month. A noun after
  // it makes it an ordinal instead ("the 3rd time", "for the 2nd attempt"); see ordinalOf.
  private static final Pattern DAY_OF_MONTH =
      Pattern.compile(
          "(?<![\\w])(?:(?<pre>on|since|from|until|by|before|after|for)\\s+)?the\\s+(?<d>\\d{1,2})(?:st|nd|rd|th)"
              // "the 3rd of last month"
              + "(?:\\s+of\\s+(?<which>last|this|next|the last|the previous|previous)\\s+month)?(?!\\w)");

  private static final Pattern WEEKDAY =
      Pattern.compile(
          "(?<![\\w])(?:(?<rel>last|next|this coming|this|coming|on|since|from|by|until|before)\\s+)?"
              + "(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?!\\w)"
              // "on sat", "last thurs": a short name only after such a word ("it sat in the
              // depot").
              + "|(?<![\\w])(?<rel2>last|next|this coming|this|coming|on|since|from|by|until|before|for)\\s+"
              + "(?<short>mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(?!\\w)"
              // or the whole reply: "tues".
              + "|^\\s*(?<alone>mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)\\s*[.!?]?\\s*$");

  // "since 2019", "since March 2020", "joined in 2018": the start of a tenure.
  private static final Pattern SINCE_YEAR =
      Pattern.compile(
          "(?<![\\w])(?<pre>since|from|in|back in)\\s+(?:(?:early|late|mid)\\s+)?(?:"
              + MONTHS
              + "\\s+)?"
              + "(?<y>(?:19|20)\\d{2})(?!\\w)");

  // The length pattern tries every position; skip it when no unit word is there to find.
  private static final Pattern UNIT_WORD =
      Pattern.compile("hour|hr|day|week|wk|fortnight|month|mth|mnth|mos|year|yr");

  private DurationFinder() {}

  static List<TimeSpan> find(Message message, LocalDate today) {
    String text = message.lower;
    List<TimeSpan> spans = new ArrayList<>();
    // Dates first: "3 March 2026" must not also read as a year or a bare number.
    Matcher m = ISO.matcher(text);
    while (m.find()) {
      LocalDate date = safeDate(parse(m.group("y")), parse(m.group("m")), parse(m.group("d")));
      if (date != null) {
        add(spans, dated(m.start(), m.end(), today, date, date));
      }
    }
    for (Pattern pattern : List.of(DAY_MONTH, MONTH_DAY)) {
      m = pattern.matcher(text);
      while (m.find()) {
        TimeSpan span = monthDay(m, today);
        if (span != null) {
          add(spans, span);
        }
      }
    }
    m = SINCE_YEAR.matcher(text);
    while (m.find()) {
      int month = m.group("mon") == null ? 1 : month(m.group("mon"));
      LocalDate from = LocalDate.of(parse(m.group("y")), month, 1);
      if (!from.isAfter(today)) {
        long days = ChronoUnit.DAYS.between(from, today);
        long months = Period.between(from, today).toTotalMonths();
        add(
            spans,
            new TimeSpan(m.start(), m.end(), TimeSpan.Form.SINCE, days, -1, months, days * 24));
      }
    }
    m = DAY_OF_MONTH.matcher(text);
    while (m.find()) {
      int day = parse(m.group("d"));
      if (day >= 1 && day <= 31 && !ordinalOf(message, m.end())) {
        TimeSpan span = dayOfMonth(m, today, day);
        if (span != null) {
          add(spans, span);
        }
      }
    }
    m = WEEKDAY.matcher(text);
    while (m.find()) {
      add(spans, weekday(m, today));
    }
    m = DAY_WORD.matcher(text);
    while (m.find()) {
      add(spans, dayWord(m));
    }
    m = RELATIVE.matcher(text);
    while (m.find()) {
      boolean ahead = m.group("rel").contains("next") || m.group("rel").contains("coming");
      add(
          spans,
          span(
              m.start(),
              m.end(),
              ahead ? TimeSpan.Form.AHEAD : TimeSpan.Form.AGO,
              1,
              m.group("unit")));
    }
    m = LENGTH.matcher(text);
    boolean units = UNIT_WORD.matcher(text).find();
    List<TimeSpan> later = new ArrayList<>();
    while (units && m.find()) {
      TimeSpan span = length(m);
      if (span != null && !notElapsed(text, m)) {
        if ("later".equals(m.group("post") == null ? null : m.group("post").trim())
            && m.group("pre") == null) {
          later.add(span);
        } else {
          add(spans, span);
        }
      }
    }
    spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
    for (TimeSpan span : later) {
      TimeSpan counted = countedOn(spans, span);
      if (counted != null) {
        add(spans, counted);
      }
    }
    spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return spans;
  }

  /**
   * "ordered on the 1st, arrived 4 days later": a time after the latest date before it in the
   * message, as a point in the past; none when nothing before it is dated.
   */
  private static TimeSpan countedOn(List<TimeSpan> spans, TimeSpan later) {
    TimeSpan anchor = null;
    for (TimeSpan span : spans) {
      boolean dated = span.form() == TimeSpan.Form.AGO || span.form() == TimeSpan.Form.DATE;
      if (span.end() <= later.start() && dated && span.days() >= 0) {
        anchor = span;
      }
    }
    if (anchor == null) {
      return null;
    }
    long days = anchor.days() - later.ahead();
    if (days < 0) {
      return null;
    }
    return new TimeSpan(
        later.start(), later.end(), TimeSpan.Form.AGO, days, days == 0 ? 0 : -1, -1, days * 24);
  }

  // "the 3rd time": the tagger calls the next word a noun ("of" and "even" are not).
  private static boolean ordinalOf(Message message, int end) {
    int next = message.tokenAt(end);
    if (next >= message.tokens.size()
        || !message.clauseAt(end - 1).equals(message.clauseAt(message.tokens.get(next).start()))) {
      return false;
    }
    String tag = message.tokens.get(next).tag();
    return tag.equals("NOUN") || tag.equals("PROPN");
  }

  // "a 12 month contract" names a term and "87 years old" an age.
  private static final Pattern TERM_NOUN =
      Pattern.compile(
          "^[\\s-]*(?:contract|plan|deal|subscription|term|warranty|guarantee|trial|tariff|agreement|minimum|old)\\b");

  /** Whether a length is no time that passed: a term, an age or a rate ("$30 a month"). */
  private static boolean notElapsed(String text, Matcher m) {
    if (TERM_NOUN.matcher(text.substring(m.end(), Math.min(text.length(), m.end() + 16))).find()) {
      return true;
    }
    String qty = m.group("qty");
    if (m.group("pre") != null || !(qty.equals("a") || qty.equals("an"))) {
      return false;
    }
    int i = m.start() - 1;
    while (i >= 0 && text.charAt(i) == ' ') {
      i--;
    }
    if (i < 0) {
      return false;
    }
    char c = text.charAt(i);
    return Character.isDigit(c)
        || c == 'k'
        || c == '€'
        || c == '£'
        || text.startsWith("dollars", i - 6)
        || text.startsWith("bucks", i - 4)
        || text.startsWith("euros", i - 4)
        || text.startsWith("pounds", i - 5)
        || text.startsWith("quid", i - 3);
  }

  private static TimeSpan length(Matcher m) {
    String qty = m.group("qty");
    double count =
        switch (qty) {
          case "a couple of", "couple of", "a couple" -> 2;
          case "a few", "few" -> 3;
          case "an" -> 1;
          default -> NumberWords.parse(qty);
        };
    if (count < 0) {
      return null;
    }
    if (m.group("half") != null) {
      count += 0.5;
    }
    String pre = m.group("pre") == null ? "" : m.group("pre").trim();
    String post = m.group("post") == null ? "" : m.group("post").trim();
    TimeSpan.Form form;
    if (post.equals("ago")
        || post.equals("back")
        || post.equals("earlier")
        || post.equals("before")
        || post.equals("previously")) {
      form = TimeSpan.Form.AGO;
    } else if (post.equals("from now")
        || post.equals("later")
        || pre.startsWith("in") && !pre.contains("last") && !pre.contains("past")
        || pre.contains("next")) {
      form = TimeSpan.Form.AHEAD;
    } else {
      form = TimeSpan.Form.LENGTH;
    }
    // Only the number and its unit (and "ago") are evidence; "for the last" is not.
    return span(m.start("qty"), m.end(), form, count, m.group("unit"));
  }

  private static TimeSpan span(int start, int end, TimeSpan.Form form, double count, String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    long days = Math.round(count * unitDays(u));
    long months;
    if (u.startsWith("y")) {
      months = Math.round(count * 12);
    } else if (u.startsWith("m")) {
      months = Math.round(count);
    } else {
      months = days / 30;
    }
    long hours = u.startsWith("h") ? Math.round(count) : days * 24;
    if (u.startsWith("h")) {
      days = Math.round(count) / 24;
    }
    boolean ahead = form == TimeSpan.Form.AHEAD;
    return new TimeSpan(start, end, form, ahead ? -1 : days, ahead ? days : -1, months, hours);
  }

  private static long unitDays(String unit) {
    if (unit.startsWith("h")) {
      return 0;
    }
    if (unit.startsWith("d")) {
      return 1;
    }
    if (unit.startsWith("w")) {
      return 7;
    }
    if (unit.startsWith("f")) {
      return 14;
    }
    if (unit.startsWith("m")) {
      return 30;
    }
    return 365;
  }

  private static TimeSpan dayWord(Matcher m) {
    String word = m.group("word");
    long days =
        switch (word) {
          case "the day before yesterday", "day before yesterday" -> 2;
          case "yesterday", "last night", "yday", "yest" -> 1;
          case "tomorrow", "tmrw", "tmr", "tomoz", "2moro" -> -1;
          case "the day after tomorrow", "day after tomorrow" -> -2;
          default -> 0;
        };
    if (days < 0) {
      return new TimeSpan(m.start(), m.end(), TimeSpan.Form.AHEAD, -1, -days, -1, -1);
    }
    // "Since yesterday" as an outage is a day; today's morning is no whole number of hours.
    return new TimeSpan(
        m.start(),
        m.end(),
        TimeSpan.Form.AGO,
        days,
        days == 0 ? 0 : -1,
        -1,
        days == 0 ? -1 : days * 24);
  }

  private static TimeSpan monthDay(Matcher m, LocalDate today) {
    int month = month(m.group("mon"));
    int day = parse(m.group("d"));
    if (month < 1 || day < 1 || day > 31) {
      return null;
    }
    if (m.group("y") != null) {
      LocalDate date = safeDate(parse(m.group("y")), month, day);
      return date == null ? null : dated(m.start(), m.end(), today, date, date);
    }
    MonthDay monthDay;
    try {
      monthDay = MonthDay.of(month, day);
    } catch (java.time.DateTimeException e) {
      return null;
    }
    LocalDate thisYear = monthDay.atYear(today.getYear());
    LocalDate past = thisYear.isAfter(today) ? monthDay.atYear(today.getYear() - 1) : thisYear;
    LocalDate ahead = thisYear.isBefore(today) ? monthDay.atYear(today.getYear() + 1) : thisYear;
    return dated(m.start(), m.end(), today, past, ahead);
  }

  private static TimeSpan dayOfMonth(Matcher m, LocalDate today, int day) {
    if (m.group("which") != null) {
      // "the 3rd of last month": that day of the month named, if it has one.
      String which = m.group("which");
      LocalDate month =
          which.equals("this")
              ? today
              : which.equals("next") ? today.plusMonths(1) : today.minusMonths(1);
      if (day > month.lengthOfMonth()) {
        return null;
      }
      LocalDate date = month.withDayOfMonth(day);
      return dated(m.start(), m.end(), today, date, date);
    }
    LocalDate past = today;
    while (past.getDayOfMonth() != day) {
      past = past.minusDays(1);
    }
    LocalDate ahead = today;
    while (ahead.getDayOfMonth() != day) {
      ahead = ahead.plusDays(1);
    }
    String pre = m.group("pre") == null ? "" : m.group("pre");
    boolean since = pre.equals("since") || pre.equals("from");
    TimeSpan dated = dated(m.start(), m.end(), today, past, ahead);
    return since ? sinceOf(dated) : dated;
  }

  private static TimeSpan weekday(Matcher m, LocalDate today) {
    DayOfWeek day =
        m.group("wd") != null
            ? DayOfWeek.valueOf(m.group("wd").toUpperCase(Locale.ROOT))
            : shortDay(m.group("short") != null ? m.group("short") : m.group("alone"));
    String rel =
        m.group("rel") != null ? m.group("rel") : m.group("rel2") != null ? m.group("rel2") : "";
    LocalDate past = today.with(TemporalAdjusters.previous(day));
    LocalDate ahead = today.with(TemporalAdjusters.next(day));
    if (rel.equals("last")) {
      // "last Tuesday" is the Tuesday of the week before this one (weeks start on Monday): said
      // on a Wednesday, a week and a day ago, not yesterday.
      LocalDate lastWeek =
          today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
      past = lastWeek.plusDays(day.getValue() - 1L);
      TimeSpan span = dated(m.start(), m.end(), today, past, past);
      return new TimeSpan(
          span.start(), span.end(), TimeSpan.Form.AGO, span.days(), -1, -1, span.hours());
    }
    TimeSpan span = dated(m.start(), m.end(), today, past, ahead);
    if (rel.equals("next") || rel.contains("coming")) {
      return new TimeSpan(span.start(), span.end(), TimeSpan.Form.AHEAD, -1, span.ahead(), -1, -1);
    }
    return rel.equals("since") || rel.equals("from") ? sinceOf(span) : span;
  }

  private static DayOfWeek shortDay(String name) {
    return switch (name.substring(0, 2)) {
      case "mo" -> DayOfWeek.MONDAY;
      case "tu" -> DayOfWeek.TUESDAY;
      case "we" -> DayOfWeek.WEDNESDAY;
      case "th" -> DayOfWeek.THURSDAY;
      case "fr" -> DayOfWeek.FRIDAY;
      case "sa" -> DayOfWeek.SATURDAY;
      default -> DayOfWeek.SUNDAY;
    };
  }

  private static TimeSpan sinceOf(TimeSpan dated) {
    return new TimeSpan(
        dated.start(),
        dated.end(),
        TimeSpan.Form.SINCE,
        dated.days(),
        -1,
        dated.months(),
        dated.hours());
  }

  private static TimeSpan dated(
      int start, int end, LocalDate today, LocalDate past, LocalDate ahead) {
    long back = past.isAfter(today) ? -1 : ChronoUnit.DAYS.between(past, today);
    long forward = ahead.isBefore(today) ? -1 : ChronoUnit.DAYS.between(today, ahead);
    long months = back < 0 ? -1 : Period.between(past, today).toTotalMonths();
    return new TimeSpan(
        start, end, TimeSpan.Form.DATE, back, forward, months, back < 0 ? -1 : back * 24);
  }

  private static void add(List<TimeSpan> spans, TimeSpan span) {
    for (TimeSpan other : spans) {
      if (other.start() < span.end() && span.start() < other.end()) {
        return;
      }
    }
    spans.add(span);
  }

  private static int month(String name) {
    return switch (name.substring(0, 3)) {
      case "jan" -> 1;
      case "feb" -> 2;
      case "mar" -> 3;
      case "apr" -> 4;
      case "may" -> 5;
      case "jun" -> 6;
      case "jul" -> 7;
      case "aug" -> 8;
      case "sep" -> 9;
      case "oct" -> 10;
      case "nov" -> 11;
      default -> 12;
    };
  }

  private static int parse(String digits) {
    return Integer.parseInt(digits);
  }

  private static LocalDate safeDate(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
