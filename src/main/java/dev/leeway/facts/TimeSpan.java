package dev.leeway.facts;

/**
 * A stretch of time or a date found in a message, already counted in each unit a fact may want.
 *
 * @param days whole days back from today (or the length in days, for a bare span); -1 if none
 * @param ahead whole days forward from today, for a date or a future phrase; -1 if none
 * @param months whole months (a tenure); -1 if the phrase gives none
 * @param hours whole hours (an outage); -1 if the phrase gives none
 */
record TimeSpan(int start, int end, Form form, long days, long ahead, long months, long hours) {

  /** How the phrase places the time. */
  enum Form {
    /** "3 days ago", "yesterday", "last week": a point in the past. */
    AGO,
    /** "on 3 March", "on Tuesday": a calendar date, read back or forward as the event needs. */
    DATE,
    /** "in 3 days", "tomorrow", "next week": a point in the future. */
    AHEAD,
    /** "3 days", "for 6 hours", "a 10-year customer": a length with no anchor. */
    LENGTH,
    /** "since 2019", "since Monday": from a point in the past until now. */
    SINCE
  }
}
