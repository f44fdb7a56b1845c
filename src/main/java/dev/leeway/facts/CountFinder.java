package dev.leeway.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds how many times something happened: repeats of the problem ("third time", "twice", "again")
 * and failed attempts ("tried 3 times", "two failed logins"). A count of tries is a failed attempt
 * when its clause speaks of trying or failing.
 */
final class CountFinder {

  static final String TIMES = "times_this_happened";
  static final String FAILED = "failed_attempts";

  /** The confidence of a repeat read from "again" or "happened before", which give no number. */
  static final double VAGUE_REPEAT = 0.6;

  // "the third time", "3rd time"; "not the first time" is a repeat, read below with "again".
  private static final Pattern ORDINAL_TIME =
      Pattern.compile(
          "(?<!\\w)(?<neg>(?:not|isn't|is not|wasn't|never) (?:the |her |his |their |my )?)?"
              + "(?<ord>"
              + NumberWords.ORDINAL
              + ")\\s+time(?!\\w)");

  // "twice", "3 times", "two times before".
  private static final Pattern N_TIMES =
      Pattern.compile(
          "(?<!\\w)(?:"
              + number("n")
              + "\\s+times|(?<word>twice|thrice|once))"
              + "(?<before>\\s+(?:before|previously|already))?(?!\\w)");

  // "3 failed attempts", "two unsuccessful logins", "4 declined payments", "after 5 attempts".
  private static final Pattern FAILED_THINGS =
      Pattern.compile(
          "(?<!\\w)"
              + number("n")
              + "\\s+(?:(?:failed|unsuccessful|declined|rejected|wrong|incorrect|bad|separate)\\s+)+"
              + "(?:\\w+\\s+)?(?:attempts?|logins?|log-?ins?|payments?|tries|goes|transactions?|pins?|passwords?|codes?|sign-?ins?)(?!\\w)"
              + "|(?<!\\w)"
              + number("n2")
              + "\\s+(?:attempts|tries)(?!\\w)");

  // "1st attempt", "the third failed try", "second go": the attempts so far, this one included.
  private static final Pattern ORDINAL_ATTEMPT =
      Pattern.compile(
          "(?<!\\w)(?<ord>"
              + NumberWords.ORDINAL
              + ")\\s+(?:(?:failed|unsuccessful|wrong|delivery|login|log-?in)\\s+)?(?:attempt|try|go)(?!\\w)");

  // "never happened to her before", "hasn't happened before": this is the first time.
  private static final Pattern NEVER_BEFORE =
      Pattern.compile(
          "(?<!\\w)(?:never|not|hasn't|hasnt|has not|hadn't|hadnt|had not|didn't|didnt|did not)"
              + "\\s+(?:\\w+\\s+)?(?:happened|had (?:this|that|it|one|a problem)(?: happen)?)"
              + "(?:\\s+to\\s+(?:her|him|them|me|us|the customer))?\\s+(?:before|previously)(?!\\w)");

  private static final Pattern FAILURE_CONTEXT =
      Cues.words(
          "tried|tries|trying|try|attempted|attempts?|failed|fails|declined|rejected|bounced|retried|"
              + "locked out|entered|typed|wrong (?:pin|password|code)|refused|didn't go through|won't go through|"
              + "wouldn't go through|keeps failing|kept failing|log in|login|logging in|sign in");

  private static final Pattern AGAIN =
      Cues.words(
          "again|happened before|has happened before|happened previously|not the first time|"
              + "isn't the first time|wasn't the first time|keeps happening|kept happening|happens every time|"
              + "another time|yet again|once again|same thing happened|this happened last");

  // "Try again", "call again": a request to redo something, not a repeat of the problem.
  private static final Pattern RETRY_BEFORE =
      Pattern.compile(
          "\\b(?:try|tries|tried|trying|call|calling|ring|phone|log in|login|sign in|send|resend|reorder|order|pay|"
              + "check|contact|ask|apply|book|rebook|use|start|do it|reset it|never)"
              + "(?: it| them| back| in| later| this| that)?\\s+$");

  // Cheap checks that let a message skip the patterns that try every position.
  private static final Pattern TIMES_WORD = Pattern.compile("time|twice|thrice|once");
  private static final Pattern FAILED_WORD =
      Pattern.compile(
          "failed|unsuccessful|declined|rejected|wrong|incorrect|bad|separate|attempts|tries");

  private CountFinder() {}

  /** A number in figures or words, captured under the given group name. */
  static String number(String group) {
    return "(?<" + group + ">\\d+|" + NumberWords.WORDS + ")";
  }

  static List<Reading> find(Message message) {
    String text = message.lower;
    List<Reading> readings = new ArrayList<>();
    Matcher m = ORDINAL_TIME.matcher(text);
    while (m.find()) {
      int n = NumberWords.ordinal(m.group("ord"));
      if (m.group("neg") == null && n > 0) {
        readings.add(new Reading(TIMES, new FactValue.Whole(n), m.start("ord"), m.end()));
      }
    }
    if (TIMES_WORD.matcher(text).find()) {
      m = N_TIMES.matcher(text);
      while (m.find()) {
        Reading times = times(message, m);
        if (times != null) {
          readings.add(times);
        }
      }
    }
    if (FAILED_WORD.matcher(text).find()) {
      m = FAILED_THINGS.matcher(text);
      while (m.find()) {
        String number = m.group("n") != null ? m.group("n") : m.group("n2");
        long n = (long) NumberWords.parse(number);
        if (n > 0 && !number.equals("a")) {
          readings.add(new Reading(FAILED, new FactValue.Whole(n), m.start(), m.end()));
        }
      }
    }
    m = ORDINAL_ATTEMPT.matcher(text);
    while (m.find()) {
      int n = NumberWords.ordinal(m.group("ord"));
      if (n > 0) {
        readings.add(new Reading(FAILED, new FactValue.Whole(n), m.start(), m.end()));
      }
    }
    if (readings.stream().noneMatch(r -> r.name().equals(TIMES))) {
      m = NEVER_BEFORE.matcher(text);
      if (m.find()) {
        readings.add(new Reading(TIMES, new FactValue.Whole(1), m.start(), m.end()));
      }
    }
    // "Again" only guesses at a second time; an explicit count in the message says more.
    if (readings.stream().noneMatch(r -> r.name().equals(TIMES))) {
      Reading again = again(text);
      if (again != null) {
        readings.add(again);
      }
    }
    return readings;
  }

  private static Reading times(Message message, Matcher m) {
    long n;
    if (m.group("word") != null) {
      n =
          switch (m.group("word")) {
            case "twice" -> 2;
            case "thrice" -> 3;
            default -> 1;
          };
      if (n == 1 && m.group("before") == null) {
        return null; // "once" alone is mostly "once it arrives"
      }
    } else {
      n = (long) NumberWords.parse(m.group("n"));
      if (n < 1 || m.group("n").equals("a")) {
        return null;
      }
    }
    Clause clause = message.clauseAt(m.start());
    boolean failed =
        FAILURE_CONTEXT.matcher(message.lower).region(clause.start(), clause.end()).find();
    if (m.group("before") != null && !failed) {
      n += 1; // "happened twice before": this is the third time
    }
    return new Reading(failed ? FAILED : TIMES, new FactValue.Whole(n), m.start(), m.end());
  }

  private static Reading again(String text) {
    Matcher m = AGAIN.matcher(text);
    while (m.find()) {
      boolean retry =
          m.group().equals("again")
              && RETRY_BEFORE
                  .matcher(text.substring(Math.max(0, m.start() - 24), m.start()))
                  .find();
      if (!retry) {
        return new Reading(TIMES, new FactValue.Whole(2), m.start(), m.end(), VAGUE_REPEAT);
      }
    }
    return null;
  }
}
