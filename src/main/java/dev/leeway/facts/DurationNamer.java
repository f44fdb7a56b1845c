package dev.leeway.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names each duration or date after the event it belongs to: the word right after it ("3 days
 * late", "2 weeks overdue"), an appointment ahead, a tenure, an outage, or the nearest past event
 * in its clause ("ordered ... 3 weeks ago"). A duration with no event is not a fact.
 */
final class DurationNamer {

  private static final Cues EVENTS =
      Cues.builder()
          .add(
              "days_since_order",
              "ordered|orders?|placed (?:the |an |her |his |their |my |this |that )?orders?|order was placed|placed it|placed")
          .add(
              "days_since_purchase",
              "bought|purchased|purchase|purchases|buying|bought (?:it|them|this|that)")
          .add(
              "days_since_delivery",
              "delivered|delivery|arrived|arrival|got (?:it|them)|received|turned up|showed up|landed|"
                  + "came(?<=\\b(?:it|they|parcel|package|order|item|items|delivery|goods|box|shipment)\\b[\\w' ]{0,20}came)|"
                  + "got the (?:parcel|package|item|order|delivery)|"
                  // "got her coffee machine monday": a thing the customer got, not news or money.
                  + "got (?:her|his|their|my|the|our|your) (?!(?:refund|money|email|e-mail|text|call|message|letter|"
                  + "bill|invoice|reply|response|credit|voucher|code|confirmation|statement|payment|card|account|"
                  + "password|answer|number|points)\\b)[a-z][a-z-]*")
          .add(
              "days_since_charge",
              "charged|billed|debited|charge|charges|payment (?:was |were )?taken|taken|went out|came out|took the payment|"
                  + "took (?:the )?money|deducted|direct debit|"
                  // A plan change or renewal is billed when it happens.
                  + "upgraded|renewed|auto-renewed|upgrade|renewal")
          .add(
              "days_since_return",
              "(?:sent|send|posted|shipped|mailed) (?:it|them|the \\w+|\\w+ \\w+) back|sent back|posted back|returned|"
                  + "return|returns|dropped (?:it |them )?off|dropped off the return")
          // Events with no fact of their own, so that their dates are not given to another event.
          .add(
              "dispatch",
              "dispatched|despatched|shipped|sent out|posted|sent|out for delivery|in transit")
          // "charged for a sub she cancelled on the 3rd": the date is the cancellation's.
          .add("cancellation", "cancell?ed|cancell?ing|cancell?ation|cancel")
          // The courier's word is not the customer's ("tracking said delivered on Friday"): it
          // dates the
          // delivery but sets no flag of receipt.
          .add(
              "status",
              "(?:marked|shows?|showing|showed|says|said|listed|updated|status|tracking) (?:as |it was |it's |it is |it has )?"
                  + "(?:delivered|arrived)")
          .add(
              "days_late",
              "should (?:have|'ve) (?:arrived|been delivered|come|got there|turned up)|(?:was|were|is) due|due to arrive|"
                  + "expected|supposed to (?:arrive|be delivered|come|turn up)|estimated delivery|promised|due|"
                  + "(?:delivery|due|expected|estimated|promised) date")
          .build();

  private static final Set<String> IGNORED = Set.of("dispatch", "cancellation");

  private static final Cues SETTINGS =
      Cues.builder()
          .add(
              "days_until_appointment",
              "appointment|appt|appts|engineer|technician|tech|installer|visit|booked|scheduled|installation|install|fitter|call-?out|"
                  + "coming (?:round|out|over)|booked in|slot")
          .add(
              "tenure_months",
              "customers?|custs?|members?|membership|clients?|with us|been with (?:us|the bank|the company|them)|"
                  + "banked with|banking with|(?:account|subscription|policy|card)? ?holder|"
                  + "subscriber|subscribed|loyal|joined|signed up|opened (?:the |her |his |their )?account")
          .add(
              "outage_hours",
              "no (?:service|internet|signal|power|connection|broadband|wifi|wi-fi|phone line|landline|electricity|"
                  + "gas|heating|hot water|tv|network|data|phone)|without (?:service|internet|signal|power|a connection|"
                  + "connection|broadband|wifi|wi-fi|electricity|gas|heating|hot water|tv|network|data|phone)|outages?|"
                  + "down|offline|not working|cut off|lost (?:power|internet|connection|service|signal)|disconnected|"
                  + "power cut|no dial tone|blackout|"
                  + "(?:service|internet|power|tv|broadband|wi-?fi|signal|phone line|electricity|network|connection|line|"
                  + "landline|mobile data|data|gas|heating|hot water)(?:'s)? (?:[\\w']+ ){0,3}?(?:off|out|down|dead|cut|gone)")
          .build();

  private static final Pattern LATE_AFTER =
      Pattern.compile(
          "^\\s*(?:late|overdue|behind|delayed|past due|in arrears|past (?:the )?(?:due|delivery|expected) date)\\b");
  private static final Pattern LATE_BEFORE =
      Pattern.compile("\\b(?:late|delayed|overdue|behind)(?: by)?\\s*$");
  private static final Pattern OVERDUE_WORD =
      Pattern.compile("^\\s*(?:overdue|behind|past due|in arrears)\\b");
  private static final Pattern COUNTED_FROM = Pattern.compile("\\b(?:since|been|after)\\b");

  // What a clause is about, to tell an overdue bill from a late parcel.
  private static final Cues CONTEXT =
      Cues.builder()
          .add(
              "payment",
              "payments?|bills?|invoices?|instalments?|installments?|rent|repayments?|balance|direct debit|mortgage|"
                  + "loan|arrears|premium|account|paying|paid")
          .add(
              "delivery",
              "delivery|deliveries|parcel|package|order|arrive|arrived|shipment|item|courier|dispatch|dispatched")
          .build();

  // "after 2 months of use", "broke after 6 weeks": a length of use that ends now, so it dates the
  // purchase.
  private static final Pattern AFTER_BEFORE = Pattern.compile("\\bafter\\s+(?:(?:a|the)\\s+)?$");
  private static final Pattern OF_USE =
      Pattern.compile(
          "^\\s+of\\s+(?:use|using (?:it|them)|owning (?:it|them)|having (?:it|them)|wear)\\b");
  private static final Pattern FAULT =
      Cues.words(
          "stopped working|stopped|broke|broken|died|packed (?:in|up)|gave up|failed|faulty|cracked|snapped|"
              + "went wrong|started leaking|leaking|stopped charging|won't turn on|wont turn on|dead");
  static final String PURCHASE = "days_since_purchase";

  private DurationNamer() {}

  static List<Reading> name(Message message, List<TimeSpan> spans) {
    if (spans.isEmpty()) {
      return List.of();
    }
    List<Cues.Hit> events = EVENTS.find(message);
    List<Cues.Hit> settings = SETTINGS.find(message);
    List<Cues.Hit> context = CONTEXT.find(message);
    List<Reading> readings = new ArrayList<>();
    for (TimeSpan span : spans) {
      Reading reading = late(message, span, context);
      if (reading == null) {
        // A time ahead is almost always an appointment's, wherever in the message it is named.
        boolean ahead = span.form() == TimeSpan.Form.AHEAD;
        reading =
            setting(
                message, span, ahead ? settings : Cues.inClauseOf(message, settings, span.start()));
      }
      if (reading == null) {
        reading = event(message, span, Cues.inClauseOf(message, events, span.start()), context);
      }
      if (reading != null) {
        readings.add(reading);
      }
    }
    if (readings.stream().noneMatch(r -> r.name().equals(PURCHASE))) {
      for (TimeSpan span : spans) {
        Reading use = lengthOfUse(message, span);
        if (use != null && readings.stream().noneMatch(r -> r.start() == span.start())) {
          readings.add(use);
          break;
        }
      }
    }
    return readings;
  }

  /**
   * "stopped working after 2 months of use", "broke after 6 weeks": the item has been in use since
   * its purchase for that long.
   */
  private static Reading lengthOfUse(Message message, TimeSpan span) {
    if (span.form() != TimeSpan.Form.LENGTH || span.days() < 0) {
      return null;
    }
    String before = message.lower.substring(Math.max(0, span.start() - 12), span.start());
    if (!AFTER_BEFORE.matcher(before).find()) {
      return null;
    }
    Matcher ofUse = OF_USE.matcher(message.lower.substring(span.end()));
    if (ofUse.find()) {
      return new Reading(PURCHASE, new FactValue.Whole(span.days()), span.start(), span.end())
          .covering(span.start(), span.end() + ofUse.end());
    }
    Clause clause = message.clauseAt(span.start());
    Matcher fault = FAULT.matcher(message.lower).region(clause.start(), clause.end());
    return fault.find()
        ? new Reading(PURCHASE, new FactValue.Whole(span.days()), span.start(), span.end())
            .covering(fault.start(), fault.end())
        : null;
  }

  // "3 days late", "two weeks overdue", "delayed by a week": late for a delivery, overdue for a
  // bill.
  private static Reading late(Message message, TimeSpan span, List<Cues.Hit> context) {
    if (span.form() != TimeSpan.Form.LENGTH || span.days() < 0) {
      return null;
    }
    String after =
        message.lower.substring(span.end(), Math.min(message.lower.length(), span.end() + 40));
    String before = message.lower.substring(Math.max(0, span.start() - 20), span.start());
    Matcher lateAfter = LATE_AFTER.matcher(after);
    boolean isAfter = lateAfter.find();
    if (!isAfter && !LATE_BEFORE.matcher(before).find()) {
      return null;
    }
    String about = about(message, span, context);
    String name;
    if (OVERDUE_WORD.matcher(after).find()) {
      name = about.equals("delivery") ? "days_late" : "days_overdue";
    } else {
      name = about.equals("payment") ? "days_overdue" : "days_late";
    }
    int end = isAfter ? span.end() + lateAfter.end() : span.end();
    return new Reading(name, new FactValue.Whole(span.days()), span.start(), end);
  }

  private static Reading setting(Message message, TimeSpan span, List<Cues.Hit> cues) {
    Cues.Hit appointment = nearest(message, span, cues, "days_until_appointment");
    boolean datedAhead = span.form() == TimeSpan.Form.AHEAD || span.form() == TimeSpan.Form.DATE;
    if (appointment != null && span.ahead() >= 0 && datedAhead) {
      return reading("days_until_appointment", span.ahead(), span, appointment);
    }
    Cues.Hit tenure = nearest(message, span, cues, "tenure_months");
    boolean lasting = span.form() == TimeSpan.Form.LENGTH || span.form() == TimeSpan.Form.SINCE;
    if (tenure != null && span.months() >= 1 && lasting) {
      return reading("tenure_months", span.months(), span, tenure);
    }
    Cues.Hit outage = nearest(message, span, cues, "outage_hours");
    if (outage != null && span.hours() >= 0 && span.form() != TimeSpan.Form.AHEAD) {
      return reading("outage_hours", span.hours(), span, outage);
    }
    return null;
  }

  private static Reading event(
      Message message, TimeSpan span, List<Cues.Hit> cues, List<Cues.Hit> context) {
    // "Since Monday" is how long something has lasted, not when an event happened.
    if (span.days() < 0
        || span.form() == TimeSpan.Form.AHEAD
        || span.form() == TimeSpan.Form.SINCE) {
      return null;
    }
    // A bare length only dates an event when counted from it: "it's been 3 weeks since she
    // ordered".
    Clause clause = message.clauseAt(span.start());
    if (span.form() == TimeSpan.Form.LENGTH
        && !COUNTED_FROM.matcher(message.lower).region(clause.start(), clause.end()).find()) {
      return null;
    }
    List<Cues.Hit> affirmed = new ArrayList<>();
    for (Cues.Hit cue : cues) {
      // "still hasn't arrived" is no arrival to date.
      if (Negation.before(message, cue.start()) < 0) {
        affirmed.add(cue);
      }
    }
    Cues.Hit cue = nearest(message, span, affirmed, null);
    if (cue == null || IGNORED.contains(cue.name())) {
      return null;
    }
    // "The payment was due on the 1st" is overdue, not a late delivery.
    boolean bill =
        cue.name().equals("days_late") && about(message, span, context).equals("payment");
    // "tracking says delivered 3 days ago": the courier's date is still the delivery date the
    // plays count from, even though it does not show the customer received anything.
    String name =
        bill ? "days_overdue" : cue.name().equals("status") ? "days_since_delivery" : cue.name();
    return reading(name, span.days(), span, cue);
  }

  /** "payment" or "delivery" when the span's clause speaks of only one of them, else "". */
  private static String about(Message message, TimeSpan span, List<Cues.Hit> context) {
    boolean payment = false;
    boolean delivery = false;
    for (Cues.Hit hit : Cues.inClauseOf(message, context, span.start())) {
      payment |= hit.name().equals("payment");
      delivery |= hit.name().equals("delivery");
    }
    return payment == delivery ? "" : payment ? "payment" : "delivery";
  }

  private static Reading reading(String name, long value, TimeSpan span, Cues.Hit cue) {
    return new Reading(name, new FactValue.Whole(value), span.start(), span.end())
        .covering(cue.start(), cue.end());
  }

  private static Cues.Hit nearest(
      Message message, TimeSpan span, List<Cues.Hit> cues, String name) {
    Cues.Hit best = null;
    int bestScore = Integer.MAX_VALUE;
    for (Cues.Hit cue : cues) {
      if ((name != null && !cue.name().equals(name))
          || (cue.start() < span.end() && span.start() < cue.end())) {
        continue;
      }
      // Events are mostly told before their time ("bought it on 10 May"), so a cue after counts
      // less.
      int score =
          cue.distanceTo(message, span.start(), span.end()) * 2
              + (cue.start() >= span.end() ? 3 : 0);
      if (score < bestScore) {
        best = cue;
        bestScore = score;
      }
    }
    return best;
  }
}
