package dev.leeway.facts;

import dev.leeway.playbook.FactSpec;
import dev.leeway.text.SentenceTagger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the facts in an agent's message (money, durations, counts, tiers and yes/no flags) by the
 * conventions in docs/facts.md, each with the exact words that justify it.
 *
 * <p>One instance is thread-safe and meant to be shared: the OpenNLP models are loaded once and
 * every call works on its own tools and state.
 */
public final class FactExtractor {

  /** The currency of an amount written with none, when a pack sets no other. */
  public static final String DEFAULT_CURRENCY = "USD";

  private final SentenceTagger tagger;
  private final PackCues packCues;
  private final String currency;

  private FactExtractor(SentenceTagger tagger, PackCues packCues, String currency) {
    this.tagger = tagger;
    this.packCues = packCues;
    this.currency = currency;
  }

  /** An extractor over the shared English models (loaded on first use). */
  public static FactExtractor create() {
    return new FactExtractor(SentenceTagger.english(), PackCues.NONE, DEFAULT_CURRENCY);
  }

  /**
   * This extractor, also reading the words a pack declares for its facts and checking its enums.
   */
  public FactExtractor withPackCues(PackCues cues) {
    return new FactExtractor(tagger, cues, currency);
  }

  /** This extractor, reading an amount written with no currency ("it was 54.99") in this one. */
  public FactExtractor withCurrency(String isoCode) {
    return new FactExtractor(tagger, packCues, Objects.requireNonNull(isoCode, "isoCode"));
  }

  /**
   * The facts in a message, in order of appearance, at most one per name (the first).
   *
   * @param today the date that "3 days ago" and "on 3 March" count from, so answers repeat
   * @param turn the message's number in its conversation, recorded in each fact's source
   */
  public List<Fact> extract(String text, LocalDate today, int turn) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(today, "today");
    if (text.isBlank()) {
      return List.of();
    }
    Message message = Message.read(text, tagger);
    List<Reading> readings = new ArrayList<>();
    List<MoneyFinder.Amount> amounts = MoneyFinder.find(message, currency);
    readings.addAll(MoneyNamer.name(message, amounts));
    readings.addAll(MoneyGap.find(message, amounts));
    List<TimeSpan> spans = DurationFinder.find(message, today);
    readings.addAll(DurationNamer.name(message, spans));
    List<Reading> counts = new ArrayList<>(CountFinder.find(message));
    counts.addAll(ItemCountFinder.find(message));
    // A number read as money counts nothing ("the 25 restocking charge is wrong").
    counts.removeIf(c -> amounts.stream().anyMatch(a -> a.start() <= c.at() && c.at() < a.end()));
    readings.addAll(counts);
    // The pack's own words first: at one place they are the more specific reading.
    readings.addAll(packCues.find(message));
    readings.addAll(ChoiceFinder.find(message));
    readings.addAll(FlagFinder.find(message));
    readings.removeIf(r -> !packCues.admits(r));
    readings = Correction.apply(message, readings, spans, currency);
    // In order of appearance of the values; of two at one place, the one with more evidence.
    readings.sort(
        Comparator.comparingInt(Reading::at)
            .thenComparing(Comparator.comparingInt(Reading::end).reversed()));
    Set<String> seen = new HashSet<>();
    List<Fact> facts = new ArrayList<>();
    for (Reading reading : readings) {
      if (seen.add(reading.name())) {
        facts.add(fact(reading, text, turn));
      }
    }
    return facts;
  }

  /**
   * The times in a reply to a question about {@code spec}: every length of time or date it speaks
   * of, named by its words or not ({@code spans}), and as the fact asked, in the unit that fact
   * counts, the first with a value in it ({@code answer}: "three days ago", "2 weeks", "since
   * 2019"; empty when the fact is not about time). Unlike a fresh message, the reply needs no word
   * naming the event.
   */
  public ReplyTimes readTimes(FactSpec spec, String text, LocalDate today, int turn) {
    if (text.isBlank()) {
      return new ReplyTimes(Optional.empty(), List.of(), currency);
    }
    List<TimeSpan> found = DurationFinder.find(Message.read(text, tagger), today);
    Optional<Fact> answer = TimeAnswer.read(found, spec).map(reading -> fact(reading, text, turn));
    List<FactSource.Text> spans =
        found.stream()
            .map(
                span ->
                    new FactSource.Text(
                        turn, span.start(), span.end(), text.substring(span.start(), span.end())))
            .toList();
    return new ReplyTimes(answer, spans, currency);
  }

  /**
   * See {@link #readTimes}.
   *
   * @param currency the currency of a bare amount in the reply ("54.99" to "how much?")
   */
  public record ReplyTimes(Optional<Fact> answer, List<FactSource.Text> spans, String currency) {

    /** Times in a reply whose bare amounts are in the default currency. */
    public ReplyTimes(Optional<Fact> answer, List<FactSource.Text> spans) {
      this(answer, spans, DEFAULT_CURRENCY);
    }
  }

  private static Fact fact(Reading reading, String text, int turn) {
    FactSource.Text source =
        new FactSource.Text(
            turn, reading.start(), reading.end(), text.substring(reading.start(), reading.end()));
    return new Fact(reading.name(), reading.value(), source, reading.confidence());
  }
}
