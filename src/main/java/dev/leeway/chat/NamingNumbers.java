package dev.leeway.chat;

import java.util.regex.Pattern;

/**
 * Numbers that name a place or a thing rather than count or price it: a house or flat number ("at
 * no 12", "flat 3", "27 mill road"), a ticket, case or reference number ("ticket #88"). Such a
 * number never answers a question about money or a count, however bare the reply.
 */
final class NamingNumbers {

  // A word right before the number that makes it a name: "no 12", "number 4", "#88", "flat 3".
  private static final Pattern LABEL_BEFORE =
      Pattern.compile(
          "(?:#|\\b(?:no|nos|num|number|flat|apt|apartment|unit|house|room|door|ticket|case|ref|"
              + "reference|item|size|gate|platform|seat|floor|block|building|plot|suite|bay|"
              + "locker|stand|aisle|till|store|branch|version|model|line)\\.?)\\s*$");

  // A street word after the number, with at most two words of the street's name between.
  private static final Pattern STREET_AFTER =
      Pattern.compile(
          "^(?:\\s+[a-z'-]+){0,2}?\\s+(?:road|rd|street|st|lane|ln|avenue|ave|close|cl|drive|dr|"
              + "way|court|ct|crescent|cres|place|pl|terrace|gardens|grove|hill|park|row|square|"
              + "sq|mews|walk|view|green)\\b");

  private NamingNumbers() {}

  /**
   * Whether the number at {@code start}..{@code end} of the lower-case {@code text} names
   * something.
   */
  static boolean names(String text, int start, int end) {
    String before = text.substring(Math.max(0, start - 20), start);
    return LABEL_BEFORE.matcher(before).find() || STREET_AFTER.matcher(text.substring(end)).find();
  }
}
