package dev.leeway.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Names each amount after the nearest money cue in its clause ("charged $80" is a charge, "a $10
 * late fee" a fee), or "amount" when the clause has none.
 */
final class MoneyNamer {

  static final String DEFAULT = "amount";

  private static final Cues CUES =
      Cues.builder()
          // Within one cue, longer phrases come first: the first alternative that fits is taken.
          .add(
              "order_total",
              "order total|total order|order value|order came to|order cost|orders?|ordered|ordering|basket")
          .add(
              "charge_amount",
              "charged|charge|charges|charging|billed|debited|taken|took|deducted|payments? of|"
                  + "came out|went out|transaction|double charged|overcharged|charged twice|taken twice")
          .add(
              "fee_amount",
              "fees?|penalty|penalties|termination charge|late charge|late payment charge|cancellation charge|"
                  + "admin charge|administration charge|surcharge|overdraft charge|exit charge|restocking charge")
          .add(
              "item_price",
              "items?|costs?|costing|cost of|price|price of|priced at|paid for the|retails? at|worth|sells for|"
                  // "paid $30 for the jacket": the thing paid for, unless it is the order or its
                  // postage.
                  + "for(?<=\\bpaid\\b[^.;]{1,30}for) (?:the|a|an|this|that|her|his|their|it)\\b"
                  + "(?! (?:order|basket|delivery|shipping|postage|courier|fee|month|year|subscription|plan|express|next))")
          .add(
              "shipping_cost",
              "(?:shipping|postage|delivery|courier) (?:fees?|charges?|costs?)|return postage|return shipping|"
                  + "shipping|postage|delivery|courier|p&p|to send it back|to post it back|to ship it back|carriage")
          .add(
              "monthly_price",
              "a month|per month|monthly|/ ?mo|/ ?month|each month|every month|a mo|pcm|p/m")
          .add(
              "disputed_amount",
              "dispute|disputes|disputed|disputing|(?:don't|doesn't|didn't|do not|does not|did not|not|never) recogni[sz]e|"
                  + "unrecogni[sz]ed|(?:didn't|did not|never) authori[sz]e|unauthori[sz]ed|"
                  + "(?:atm|machine|cash machine|cashpoint) (?:didn't|didnt|did not|never|wouldn't|wouldnt) (?:give|dispense|pay out)|"
                  + "(?:didn't|did not|never) (?:make|made) (?:this|that|the|these) (?:payment|transaction|purchase)|"
                  + "unknown (?:charge|transaction|payment|debit)")
          .add(
              "price_difference",
              "cheaper|difference|price match|price-match|price matching|lower price|dropped by|went down by|"
                  + "(?:price|it) (?:has )?(?:since )?(?:dropped|fell|went down)|"
                  + "reduced by|less at|less on|less elsewhere|price drop|undercut|cheaper elsewhere|"
                  // A rise is a difference too: the price-increase play asks how much more they
                  // pay.
                  + "(?:went|gone|going|put) up(?: by)?|increased by|increase of|rise of|risen by|price rise|price increase|hike of")
          .build();

  // A dispute or a price difference colours every amount in its clause; a fee or postage beats a
  // generic verb ("charged a fee of £2.99") but not a closer noun ("£25 late fee on a £300 order").
  private static final Set<String> CLAUSE_WIDE = Set.of("disputed_amount", "price_difference");
  private static final Set<String> SPECIFIC = Set.of("fee_amount", "shipping_cost");

  /**
   * Kinds of amount an agent names ("£2.99 fee", "$5 postage", "£30 a month"): an amount written
   * with no such word is more likely one of the play's other money facts.
   */
  static final Set<String> NEVER_BARE = Set.of("fee_amount", "shipping_cost", "monthly_price");

  private MoneyNamer() {}

  static List<Reading> name(Message message, List<MoneyFinder.Amount> amounts) {
    List<Cues.Hit> hits = CUES.find(message);
    List<Reading> readings = new ArrayList<>();
    for (MoneyFinder.Amount amount : amounts) {
      Cues.Hit cue = nearest(message, Cues.inClauseOf(message, hits, amount.start()), amount);
      FactValue value = new FactValue.Money(amount.value(), amount.currency());
      readings.add(
          cue == null
              ? new Reading(DEFAULT, value, amount.start(), amount.end())
              : new Reading(cue.name(), value, amount.start(), amount.end())
                  .covering(cue.start(), cue.end()));
    }
    return readings;
  }

  private static Cues.Hit nearest(Message message, List<Cues.Hit> cues, MoneyFinder.Amount amount) {
    Cues.Hit best = null;
    int bestScore = Integer.MAX_VALUE;
    for (Cues.Hit cue : cues) {
      if (cue.start() < amount.end() && amount.start() < cue.end()) {
        continue;
      }
      int score = score(message, cue, amount);
      if (score < bestScore) {
        best = cue;
        bestScore = score;
      }
    }
    return best;
  }

  // Lower is better: four points per token between, one more for a cue after the amount, less a
  // head start of four tokens for a clause-wide cue and of one and a half for a specific one
  // ("charged £15 for delivery" is postage); "a month" only counts right after the amount.
  private static int score(Message message, Cues.Hit cue, MoneyFinder.Amount amount) {
    int distance = cue.distanceTo(message, amount.start(), amount.end());
    boolean after = cue.start() >= amount.end();
    if (cue.name().equals("monthly_price")) {
      // "$30 a month", "monthly fee of £20".
      return distance <= 1 || (!after && distance <= 2) ? -100 : Integer.MAX_VALUE;
    }
    int score = distance * 4 + (after ? 1 : 0);
    if (CLAUSE_WIDE.contains(cue.name())) {
      score -= 16;
    } else if (SPECIFIC.contains(cue.name())) {
      score -= 6;
    }
    return score;
  }
}
