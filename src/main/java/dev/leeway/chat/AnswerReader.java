package dev.leeway.chat;

import dev.leeway.facts.Fact;
import dev.leeway.facts.FactExtractor;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValue;
import dev.leeway.facts.FactValues;
import dev.leeway.facts.TimeAnswer;
import dev.leeway.playbook.FactSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reply to a question Leeway asked: "yes", "gold", "80", "$45.50", "12 days". The
 * question says which fact is meant, so a bare value is enough — unlike a fresh message, where the
 * words around a value must say what it is. Whether a bare yes or no is the answer at all, or a
 * statement about something else, is {@link Binding}'s to say.
 */
final class AnswerReader {

  // "she can", "they did", "he has": a subject and its auxiliary answer a yes/no question.
  private static final String SUBJECT = "(?:she|he|they|it|we|i)";
  private static final String AUXILIARY =
      "(?:has|have|does|do|did|is|are|was|were|can|could|will|would)";
  private static final Pattern YES =
      Pattern.compile(
          "(?i)^\\s*(?:(?:yes|yeah|yep|yup|y|correct|true)\\b|"
              + SUBJECT
              + "\\s+"
              + AUXILIARY
              + "\\b(?!n't|\\s+not\\b)).*");
  private static final Pattern NO =
      Pattern.compile(
          "(?i)^\\s*(?:(?:no|nope|nah|n|false|not|never|none)\\b|"
              + SUBJECT
              + "\\s+(?:"
              + AUXILIARY
              + "n't|cannot|can't|won't|"
              + AUXILIARY
              + "\\s+not)\\b).*");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\w.])(\\d+(?:[.,]\\d{1,2})?)(?![\\w.])");
  private static final Pattern WHOLE = Pattern.compile("(?<![\\w.])(\\d+)(?![\\w.])");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  // "none", "never before", "no, never": nothing to count. A "no" must stand alone ("no idea" is
  // not 0).
  private static final Pattern ZERO =
      Pattern.compile(
          "(?i)^\\s*(?:(?:none|zero|nil|never|not once)\\b.*|(?:no|nope|nah)\\s*(?:[.,!;-].*)?)$");
  private static final Pattern ANY_QUESTION =
      Pattern.compile("(?i)^\\s*(?:are|is|has|have|was|were|did|does|do)\\b[^?]*\\bany\\b");
  private static final Pattern NOTHING = Pattern.compile("(?i)^\\s*(?:nothing|nil|zero)\\b.*");
  private static final Pattern UNSURE =
      Pattern.compile(
          "(?i)\\b(?:no idea|not sure|unsure|don't know|dont know|do not know|dunno|not known|can't say|cannot say|not yet checked)\\b");
  private static final Pattern INCLUDES_THIS =
      Pattern.compile(
          "(?i)\\b(?:including|counting|incl\\.?) (?:this|now|today|the current|the one)");
  // A number someone pays, with no currency sign: "pays 45 a month", "her bill is 45".
  private static final Pattern PRICE =
      Pattern.compile(
          // after a verb of paying ("paid 3 times" is a count, "paid 10 days ago" a time) ...
          "(?:\\b(?:pays?|paying|paid|costs?|costing|charged?|billed|(?:price|bill|rate) (?:is|was|of))"
              + "(?: (?:her|him|them|about|around|roughly|only|just))*\\s+)(\\d+(?:[.,]\\d{1,2})?)(?![\\w.])"
              + "(?!\\s*(?:times?|x|hours?|days?|weeks?|months?|years?)\\b)"
              // ... or before a period it is paid by
              + "|(?<![\\w.])(\\d+(?:[.,]\\d{1,2})?)\\s*"
              + "(?:(?:a|per|each|every|/)\\s*(?:month|mo|year|yr|week)\\b|monthly|yearly|pcm|p/m)");

  private AnswerReader() {}

  /**
   * The value the text gives for {@code spec}, if it gives one: first what the fact extractor read
   * under that very name, then a time read in the fact's unit ("2 weeks" to a days question), then
   * another reading of the right type, then the bare value.
   *
   * @param times the reply's times: the answer when the fact is about time, and where else the text
   *     speaks of a length of time or a date (no bare count or amount there)
   */
  static Optional<Fact> read(
      FactSpec spec,
      String text,
      List<Fact> readFromText,
      FactExtractor.ReplyTimes times,
      int turn) {
    for (Fact fact : readFromText) {
      if (fact.name().equals(spec.name())) {
        return Optional.of(fact);
      }
    }
    if (times.answer().isPresent()) {
      return times.answer();
    }
    for (Fact fact : readFromText) {
      if (fits(spec, fact.value())) {
        return Optional.of(new Fact(spec.name(), fact.value(), fact.source(), fact.confidence()));
      }
    }
    List<FactSource.Text> elsewhere = new ArrayList<>(times.spans());
    readFromText.stream()
        .map(Fact::source)
        .filter(FactSource.Text.class::isInstance)
        .map(FactSource.Text.class::cast)
        .forEach(elsewhere::add);
    return bare(spec, text, blankedOut(text, elsewhere))
        .map(value -> inCurrency(value, text, times.currency()))
        .map(value -> new Fact(spec.name(), value, whole(text, turn), 0.9));
  }

  /**
   * A reply that does not answer the question asked but gives a time ("last tuesday" to "How much
   * was debited?", when the play also needs the day of the withdrawal), read as the one fact still
   * open that it can be: of {@code open} (the play's unknown facts), those about time for which the
   * reply gives a value in their unit. Two or more such facts are a guess, so none is taken; so is
   * a reply that answers the question asked (call {@link #read} first).
   *
   * @param times the reply's times as each fact counts them, as {@code FactExtractor.readTimes}
   */
  static Optional<Fact> readAnotherTime(
      FactSpec asked, List<FactSpec> open, Function<FactSpec, FactExtractor.ReplyTimes> times) {
    List<Fact> answers = new ArrayList<>();
    for (FactSpec spec : open) {
      if (!spec.name().equals(asked.name()) && TimeAnswer.unitOf(spec).isPresent()) {
        times.apply(spec).answer().ifPresent(answers::add);
      }
    }
    return answers.size() == 1 ? Optional.of(answers.get(0)) : Optional.empty();
  }

  /**
   * The text with {@code spans} blanked out: a number read as something else ("$45" as money, "30
   * hours" as a time) is no bare answer to a count.
   */
  private static String blankedOut(String text, List<FactSource.Text> spans) {
    StringBuilder rest = new StringBuilder(text);
    for (FactSource.Text span : spans) {
      for (int i = Math.max(0, span.start()); i < Math.min(span.end(), rest.length()); i++) {
        rest.setCharAt(i, ' ');
      }
    }
    return rest.toString();
  }

  private static final Pattern CURRENCY_GIVEN =
      Pattern.compile("(?i)[$€£]|\\b(?:usd|eur|gbp|dollars?|euros?|pounds?|quid|bucks)\\b");

  /** A bare amount ("80" to "how much?") is in the pack's currency, not a default one. */
  private static FactValue inCurrency(FactValue value, String text, String currency) {
    if (value instanceof FactValue.Money money && !CURRENCY_GIVEN.matcher(text).find()) {
      return new FactValue.Money(money.amount(), currency);
    }
    return value;
  }

  /**
   * What a reply to {@code spec}'s question must give, in words, for when it gave none; an amount
   * is shown in the pack's {@code currency}.
   */
  static String expected(FactSpec spec, String currency) {
    return switch (spec.type()) {
      case MONEY ->
          "an amount such as "
              + new FactValue.Money(java.math.BigDecimal.valueOf(80), currency)
                  .display()
                  .replace(".00", "");
      case DAYS, COUNT -> TimeAnswer.unitOf(spec).map(AnswerReader::time).orElse("a number");
      case BOOLEAN -> "yes or no";
      case ENUM -> "one of " + String.join(", ", spec.values());
      case DATE -> "a date such as 2026-03-31";
      case TEXT -> "some text";
    };
  }

  private static String time(TimeAnswer.Unit unit) {
    return switch (unit) {
      case DAYS_BACK -> "a number of days, or a time such as \"2 weeks ago\"";
      case DAYS_AHEAD -> "a number of days, or a day such as \"next Tuesday\"";
      case MONTHS -> "a number of months, or a time such as \"2 years\"";
      case HOURS -> "a number of hours, or a time such as \"2 days\"";
    };
  }

  private static boolean fits(FactSpec spec, FactValue value) {
    return switch (spec.type()) {
      case MONEY -> value instanceof FactValue.Money;
      case ENUM -> value instanceof FactValue.Text t && spec.values().contains(t.value());
      default -> false; // counts, days and flags from other names mean something else
    };
  }

  private static Optional<FactValue> bare(FactSpec spec, String text, String unread) {
    String lower = text.toLowerCase(Locale.ROOT);
    String numbers = unread.toLowerCase(Locale.ROOT);
    try {
      return switch (spec.type()) {
        case BOOLEAN -> {
          String plain = lower.replace('’', '\'');
          // No first: "she can't" starts like "she can".
          yield NO.matcher(plain).matches()
              ? Optional.of(new FactValue.Flag(false))
              : YES.matcher(plain).matches()
                  ? Optional.of(new FactValue.Flag(true))
                  : Optional.empty();
        }
        case ENUM ->
            spec.values().stream()
                .filter(
                    v ->
                        Pattern.compile("\\b" + Pattern.quote(v.replace('_', ' ')) + "\\b")
                            .matcher(lower.replace('_', ' '))
                            .find())
                .findFirst()
                .map(FactValue.Text::new);
        case MONEY ->
            firstUnnamed(NUMBER, numbers)
                .or(() -> noneOfAny(spec, lower) ? Optional.of("0") : Optional.empty())
                .map(n -> FactValues.parse(spec, n.replace(',', '.')));
        case COUNT ->
            firstUnnamed(WHOLE, withoutPrices(numbers))
                .or(
                    () ->
                        ZERO.matcher(lower).matches() ? Optional.of(none(spec)) : Optional.empty())
                .map(n -> FactValues.parse(spec, n));
        case DAYS ->
            firstUnnamed(WHOLE, withoutPrices(numbers)).map(n -> FactValues.parse(spec, n));
        case DATE -> {
          Matcher date = DATE.matcher(lower);
          yield date.find() ? Optional.of(FactValues.parse(spec, date.group())) : Optional.empty();
        }
        case TEXT ->
            text.isBlank() ? Optional.empty() : Optional.of(new FactValue.Text(text.strip()));
      };
    } catch (IllegalArgumentException notThatType) {
      return Optional.empty();
    }
  }

  /**
   * Whether the reply says there is none to a question whether there is any ("Are there any
   * transactions she does not recognise? What do they add up to?" – "no she hasn't seen any"):
   * nothing, which is an amount of 0. To "What was the order total?" a "no" is no amount.
   */
  private static boolean noneOfAny(FactSpec spec, String lower) {
    String plain = lower.replace('’', '\'');
    return ANY_QUESTION.matcher(spec.question()).find()
        && (NO.matcher(plain).matches() || NOTHING.matcher(plain).matches())
        && !UNSURE.matcher(plain).find();
  }

  /** "None" to a count that includes this time ("…, including now?") means this is the first. */
  private static String none(FactSpec spec) {
    return INCLUDES_THIS.matcher(spec.question()).find() ? "1" : "0";
  }

  /** The text with every price blanked out: what someone pays is no count of anything. */
  private static String withoutPrices(String text) {
    StringBuilder rest = new StringBuilder(text);
    Matcher price = PRICE.matcher(text);
    while (price.find()) {
      int group = price.start(1) >= 0 ? 1 : 2;
      for (int i = price.start(group); i < price.end(group); i++) {
        rest.setCharAt(i, ' ');
      }
    }
    return rest.toString();
  }

  /** The first number that names nothing: not a house, flat, ticket or reference number. */
  private static Optional<String> firstUnnamed(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (!NamingNumbers.names(text, m.start(1), m.end(1))) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static FactSource whole(String text, int turn) {
    String span = text.strip();
    int start = text.indexOf(span);
    return new FactSource.Text(turn, start, start + span.length(), span);
  }
}
