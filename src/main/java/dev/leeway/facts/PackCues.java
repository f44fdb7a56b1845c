package dev.leeway.facts;

import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a pack declares for its facts ({@code cues}): "bronze member" sets membership_level to
 * bronze, "stuck overnight" sets overnight_stay to yes and "not overnight" to no. It also knows
 * each enum's values, so that a value read by the built-in finders that the pack's enum does not
 * have ("platinum" in a pack without it) is dropped rather than handed to the rules.
 */
public final class PackCues {

  /** No pack words: only the built-in finders read facts. */
  public static final PackCues NONE = new PackCues(List.of(), Map.of());

  /** One phrase that sets a fact to a value. */
  private record Cue(String fact, FactType type, String value, Pattern phrase, int length) {}

  private final List<Cue> cues;
  private final Map<String, List<String>> enumValues;

  private PackCues(List<Cue> cues, Map<String, List<String>> enumValues) {
    this.cues = cues;
    this.enumValues = enumValues;
  }

  /** The cues and enum values of these fact declarations (shared and plays'). */
  public static PackCues of(Collection<FactSpec> specs) {
    List<Cue> cues = new ArrayList<>();
    Map<String, List<String>> enums = new LinkedHashMap<>();
    for (FactSpec spec : specs) {
      if (spec.type() == FactType.ENUM) {
        enums.putIfAbsent(spec.name(), spec.values());
      }
      spec.cues()
          .forEach(
              (value, phrases) -> {
                for (String phrase : phrases) {
                  cues.add(
                      new Cue(spec.name(), spec.type(), value, pattern(phrase), phrase.length()));
                }
              });
    }
    // Longer phrases first: "no account" before "account", so the more specific one wins a place.
    cues.sort(Comparator.comparingInt(Cue::length).reversed());
    return new PackCues(List.copyOf(cues), Map.copyOf(enums));
  }

  private static Pattern pattern(String phrase) {
    String[] words = phrase.strip().split("\\s+");
    StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
    for (int i = 0; i < words.length; i++) {
      regex.append(i == 0 ? "" : "[\\s-]+").append(word(words[i]));
    }
    regex.append("(?![\\p{L}\\p{N}])");
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * One word of a cue, as agents type it: an apostrophe may be left out ("can't" also reads
   * "cant"), as shorthand often does; the letters round it may not.
   */
  private static String word(String word) {
    StringBuilder regex = new StringBuilder();
    for (String part : word.split("['\u2019]", -1)) {
      if (!regex.isEmpty()) {
        regex.append("['\u2019]?");
      }
      regex.append(part.isEmpty() ? "" : Pattern.quote(part));
    }
    return regex.toString();
  }

  /**
   * The facts the pack's cue words set in a message: the first cue per fact, longest phrases first
   * at a place.
   */
  List<Reading> find(Message message) {
    List<Reading> readings = new ArrayList<>();
    // Per fact: one phrase may be a cue for two facts (of two plays), but a place is read once per
    // fact.
    java.util.Map<String, List<int[]>> taken = new java.util.HashMap<>();
    for (Cue cue : cues) {
      Matcher m = cue.phrase().matcher(message.text);
      while (m.find()) {
        int start = m.start();
        int end = m.end();
        List<int[]> mine = taken.computeIfAbsent(cue.fact(), f -> new ArrayList<>());
        if (mine.stream().anyMatch(t -> start < t[1] && end > t[0])) {
          continue;
        }
        Optional<Reading> reading = reading(cue, message, start, end);
        if (reading.isPresent()) {
          readings.add(reading.get());
          mine.add(new int[] {start, end});
        }
      }
    }
    return readings;
  }

  private static Optional<Reading> reading(Cue cue, Message message, int start, int end) {
    if (cue.type() == FactType.BOOLEAN) {
      boolean value = Boolean.parseBoolean(cue.value());
      int negation = Negation.before(message, start);
      if (negation >= 0) {
        return Optional.of(
            new Reading(cue.fact(), new FactValue.Flag(!value), negation, end, 1.0, start));
      }
      return Optional.of(new Reading(cue.fact(), new FactValue.Flag(value), start, end));
    }
    if (Negation.before(message, start) >= 0) {
      return Optional.empty(); // "not a bronze member" says what the level is not, not what it is
    }
    return Optional.of(new Reading(cue.fact(), new FactValue.Text(cue.value()), start, end));
  }

  /**
   * Whether a value read from text is one the pack's enum of that name has (true for non-enums).
   */
  boolean admits(Reading reading) {
    List<String> values = enumValues.get(reading.name());
    return values == null
        || !(reading.value() instanceof FactValue.Text text)
        || values.contains(text.value());
  }
}
