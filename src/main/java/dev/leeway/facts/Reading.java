package dev.leeway.facts;

/**
 * A finder's reading of a message: a named value, the span of words that justify it, and where the
 * value itself is written, which orders the facts.
 *
 * @param at the offset of the value's own words ("$80" in "charged $80"), for ordering
 */
record Reading(String name, FactValue value, int start, int end, double confidence, int at) {

  Reading(String name, FactValue value, int start, int end, double confidence) {
    this(name, value, start, end, confidence, start);
  }

  Reading(String name, FactValue value, int start, int end) {
    this(name, value, start, end, 1.0, start);
  }

  /** This reading with its span widened to cover another range (a cue, a negation). */
  Reading covering(int otherStart, int otherEnd) {
    return new Reading(
        name, value, Math.min(start, otherStart), Math.max(end, otherEnd), confidence, at);
  }
}
