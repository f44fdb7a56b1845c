package dev.leeway.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds yes/no facts from their cues: a "yes" cue ("received", "passed security") sets the flag, a
 * "no" cue ("lost the receipt", "still processing") clears it, and a negation before either in the
 * same clause turns it round ("never received", "hasn't lost the card").
 */
final class FlagFinder {

  /**
   * One flag's cues.
   *
   * @param cues the "yes" cues in group {@code yes} and the "no" cues in group {@code no}, in one
   *     pattern so that a single scan finds whichever comes first
   * @param neutral phrases that contain a cue but say nothing about the flag ("marked as delivered"
   *     is the courier's word, not the customer's)
   */
  private record Rule(String name, Pattern cues, Pattern neutral) {}

  private static final String ITEM_NOUN =
      "parcel|package|item|items|order|delivery|goods|product|products|stuff|box|shipment|thing|things|purchase";

  private static final String PEOPLE =
      "engineer|technician|driver|courier|fitter|plumber|electrician|he|she|they|someone|nobody";

  /** A caller who could not prove who they are: "can't answer the security questions". */
  private static final String FAILED_ID =
      "(?:(?:can't|cant|couldn't|couldnt|cannot|could not|unable to|didn't|didnt|did not|won't|wont) "
          + "(?:answer|pass|get through|remember) (?:any of |all of |one of )?(?:the |her |his |their )?"
          + "(?:security|id|verification|dpa)(?: questions| checks| details)?|"
          + "failed (?:the )?(?:security|id|verification|dpa)|"
          + "(?:dob|date of birth|details|postcode|answers?|password|address|name)(?: (?:she|he|they|the caller) (?:gave|said))? "
          + "(?:doesn't|doesnt|don't|dont|didn't|didnt|does not|did not|won't|wont) match)";

  /** Money or the account sent somewhere new: "the refund put on his own card". */
  private static final String REDIRECT =
      "(?:(?:to|on|onto|into|at) (?:a |an |his |her |their |the )?(?:own|new|different|another|other) "
          + "(?:\\w+ )?(?:card|account|email|e-mail|address|number|phone|bank)|"
          // The account's own contact details; a delivery address changed on an order is the
          // wrong-address play's to weigh.
          + "(?:email|e-mail|phone number|mobile number|bank details) (?:changed|switched|updated|moved)|"
          + "(?:change|switch|update|move) (?:the |her |his |their )?(?:account )?"
          + "(?:email|e-mail|phone number|mobile number|bank details))";

  private static final List<Rule> RULES =
      List.of(
          rule(
              "order_dispatched",
              "dispatched|despatched|shipped(?! (?:it|them|the \\w+) back)|sent out|been sent(?! back)|with the courier|"
                  + "out for delivery|in transit|on its way|left the warehouse|handed (?:over )?to the courier|been posted|"
                  + "picked up by the courier|"
                  // "it hasn't gone out yet", "the parcel went out monday"; not a payment going
                  // out.
                  + "(?:gone|went) out(?<=\\b(?:it|order|parcel|package|they|items?|goods|delivery|shipment)\\b[\\w' ]{0,16}(?:gone|went) out)",
              "still processing|being processed|still being processed|awaiting dispatch|waiting to be dispatched|"
                  + "pending dispatch|still in the warehouse|stuck in processing|still (?:being )?packed|processing stage|"
                  + "still at processing|still says processing|not yet left",
              null),
          rule(
              "item_received",
              "received|receive|got (?:it|them)|get (?:it|them)|"
                  + "(?:got|get|gotten) (?:the |her |his |their |my |an? )?(?:\\w+ )?(?:"
                  + ITEM_NOUN
                  + ")"
                  + "(?! (?:email|confirmation|number|receipt|text|message|update|details|reference))|"
                  + "arrived|arrive|delivered|turned up|turn up|showed up|show up|"
                  // "it came", "the parcel still hasn't come": the thing must be the subject.
                  + "(?:came|come)(?<=\\b(?:it|they|"
                  + ITEM_NOUN
                  + ")\\b[\\w' ]{0,20}(?:came|come))"
                  + "(?! to| with| out| back| up| off| from| in at| through)|"
                  + "has (?:it|them) now|"
                  + "collected (?:it|them|the parcel)",
              "lost in (?:the )?(?:post|transit|mail)|(?:it|parcel|package|order|delivery|shipment) (?:has |had )?(?:gone|went|is|was) missing|"
                  + "(?:still )?waiting (?:for|on) (?:it|them|(?:the|her|his|their) (?:"
                  + ITEM_NOUN
                  + "|replacement|new \\w+))|"
                  + "stolen from (?:the |her |his |their )?(?:doorstep|porch|step)|"
                  + "delivered to the wrong (?:address|house|person|flat)|left with (?:a )?neighbou?r",
              // The courier's status, a future or an expectation says nothing about the customer
              // having it.
              "(?:marked|shows?|showing|showed|says|said|listed|updated|status|tracking) (?:as |it was |it's |it is |it has )?(?:delivered|arrived)|"
                  + "received (?:a |an |the |her |his |their |my |no |any )?(?:refund|email|text|message|call|letter|notification|"
                  + "confirmation|bill|invoice|statement|reply|response|credit|voucher|code|payment|money|charge)|"
                  + "delivered to the wrong|out for delivery|"
                  + "(?:should|could|would|will|must|might) (?:have |'ve )?(?:been )?(?:arrived|arrive|delivered|turn up|turned up|come)|"
                  + "(?:due|supposed|expected|meant|going|scheduled|set|promised) to (?:be )?(?:arrive|delivered|turn up|come)|"
                  + "(?:when|if|until|once|before) (?:it|they|the \\w+) (?:\\w+ )?(?:arrives?|arrived|is delivered|comes|turns up)|"
                  + "(?:"
                  + PEOPLE
                  + ") (?:[\\w']+ ){0,2}(?:turned|turn|showed|show) up"),
          rule(
              "item_unused",
              "unused|unopened|unworn|still (?:in|inside) (?:the|its|it's|their|the original|original) (?:box|packaging|wrapper|wrapping|bag|packet)|"
                  + "in (?:the|its|it's|their) original (?:box|packaging)|(?:tags|labels) (?:still )?(?:on|attached)|"
                  + "with (?:the |its |all |all the )?(?:tags|labels)|(?:has|have|got) (?:the |its |all |all the )?(?:tags|labels)|"
                  + "brand new|still sealed|sealed|still boxed|(?:never|not) (?:been )?taken out of the box|"
                  + "(?:hasn't|has not|haven't|have not|never|not|didn't|did not|wasn't|weren't|isn't) (?:even |actually |yet |once )?(?:been )?"
                  + "(?:used|worn|opened|use|wear|open|taken out of the box)",
              "used (?:it|them|the \\w+|once|twice|a few times|for)|has been used|was used|been used|worn|wore (?:it|them)|washed|"
                  + "opened and used|(?:tags|labels) (?:removed|cut off|taken off)|(?:removed|cut off|took off|cut) the (?:tags|labels)|"
                  + "set (?:it|them) up and used|(?:days?|weeks?|wks?|months?|mths?|years?|yrs?) of (?:use|using|wear)|"
                  + "(?:tags|labels) (?:are |were |have been )?(?:off|gone)",
              null),
          rule(
              "has_receipt",
              "receipts?|order email|order confirmation|confirmation email|proof of (?:purchase|payment)",
              "lost (?:the |her |his |their |my )?receipt|threw (?:away|out) (?:the )?receipt|receipt (?:is |was )?(?:missing|lost)",
              "(?:asked|asking|wants|wanted|needs|request\\w*|send (?:her|him|them) a|email (?:her|him|them) a) (?:for )?(?:a |the |another |new )?receipt"),
          rule(
              "has_photo",
              "photos?|photographs?|pictures?|pics?|images? of|screenshots?|photographed|videos? of|a video",
              "(?:phone|camera) (?:is |'s )?(?:broken|dead|smashed)",
              null),
          rule(
              "identity_verified",
              "verified|verification passed|pass(?:ed)? (?:security|id|the checks|verification|identity|all (?:the )?checks|checks|dpa|"
                  + "the security questions|security questions|id&v|id and v|id & v)|"
                  + "(?:id|identity) (?:has been |was |is )?(?:checked|confirmed|verified)|"
                  + "security (?:checks )?(?:passed|done|completed|cleared)|confirmed (?:her|his|their) identity|"
                  + "through security|authenticated|dpa (?:passed|done|complete|completed)|"
                  + "answer(?:ed)? (?:the |all (?:the )?|her |his )?security questions|verify (?:her|him|them|the caller|who)|"
                  + "id&v (?:passed|done|complete|completed)",
              "failed (?:security|id|the checks|verification|identity|the security questions|security questions|dpa|id&v)|"
                  + "unverified|security (?:questions? |answers? )?wrong|wrong security answers?|(?:dpa|id&v|security) failed",
              null),
          rule(
              "card_in_possession",
              "still (?:has|have|got) (?:the|her|his|their|my) (?:\\w+ )?card|(?:has|have|got) (?:the|her|his|their|my) (?:\\w+ )?card (?:with|on|in)|"
                  + "card in (?:hand|her hand|his hand)|holding the card|card (?:is )?(?:safe|with (?:her|him|them))|"
                  + "(?:has|have) (?:the|her|his|their) card|card (?:is |'s )?(?:still )?in (?:her|his|their|my) (?:wallet|purse|hand|possession)",
              "lost (?:(?:the|her|his|their|my) )?(?:bank |debit |credit )?card|lost (?:her|his|their|my|the) (?:purse|wallet|handbag|bag)|"
                  + "card(?:'s| has| was| got| is)? (?:been )?(?:lost|stolen|missing|swallowed|retained|kept|eaten|captured|nicked|pinched|snatched)|"
                  + "(?:stole|nicked|pinched|snatched) (?:the|her|his|their|my) (?:\\w+ )?card|stolen card|"
                  // A bag or wallet taken with the card in it: the card went with it.
                  + "(?:purse|wallet|handbag|bag)(?:'s| has| was| got| is)? (?:been )?(?:stolen|nicked|pinched|snatched|taken)|"
                  + "(?:stole|nicked|pinched|snatched) (?:the|her|his|their|my) (?:purse|wallet|handbag|bag)|"
                  + "(?:machine|atm|cashpoint|cash machine) (?:\\w+ )?(?:kept|swallowed|ate|retained|took|has|held|captured|eaten|keeps) "
                  + "(?:the |her |his |their |my )?card|"
                  + "(?:swallowed|retained|kept|ate|eaten|captured) (?:the |her |his |their |my )?card|"
                  + "card (?:got |is |was )?stuck in the (?:machine|atm|cash machine|cashpoint)",
              null),
          rule(
              "bereavement",
              "passed away|passed on|died|death|deceased|bereave\\w*|funeral|widow|widowed|widower|no longer with us|"
                  + "late (?:husband|wife|mother|father|mum|mom|dad|son|daughter|partner|brother|sister|grandmother|"
                  + "grandfather|nan|gran|grandma|grandad|parent|aunt|uncle)|"
                  + "lost (?:her|his|their|my) (?:husband|wife|mother|father|mum|mom|dad|son|daughter|partner|brother|sister)|"
                  + "passed(?<=\\b(?:mum|mom|dad|father|mother|husband|wife|partner|son|daughter|brother|sister|gran|grandma|"
                  + "grandad|grandfather|grandmother|nan|aunt|uncle|holder|customer) (?:has |had |recently |sadly |just )?passed)"
                  + "(?! security| the | all | id| verification| checks| dpa)",
              "",
              "(?:phone|battery|router|laptop|tv|screen|device|box|modem|hub|car|engine|motor|it|charger|line|console|fridge|"
                  + "kettle|washer|printer) (?:has |had |just |completely |then )?died"),
          rule(
              "financial_hardship",
              "lost (?:her|his|their|my|a|the) (?:job|income)|(?:can't|cannot|can not|couldn't|unable to) afford|"
                  + "struggling (?:to pay|financially|with (?:money|bills|payments|the bills|debt))|"
                  + "hardship|redundan\\w+|unemployed|out of work|on benefits|universal credit|in debt|debts|"
                  + "money (?:troubles|problems|worries)|money(?:'s| is) tight|financial(?:ly)? (?:difficult\\w*|trouble|struggl\\w+|problems)|"
                  + "(?:can't|cannot|unable to|couldn't) (?:make (?:the |her |his |their )?payments?|pay(?! online| on | via| by| with| through| in the| at the| using| for it online))|"
                  + "no income|laid off|lost (?:her|his|their) income|tight on money|(?:is|she's|he's|they're|i'm|totally|completely|flat) broke|"
                  + "(?:can't|cannot|can not|unable to|struggling to|couldn't) make ends meet|on furlough|furloughed",
              "",
              null),
          rule(
              "documents_provided",
              "(?:sent|provided|uploaded|emailed|posted|submitted|forwarded|attached|brought|supplied|faxed|scanned|handed) "
                  + "(?:in |over |us |through |across )?(?:the |a |her |his |their |a copy of the |copies of the |a copy of |copies of |all the |all of the )?"
                  + "(?:\\w+ )?(?:death certificate|death cert|documents?|documentation|paperwork|probate|grant of probate|certificate|"
                  + "letters? of administration|will|proof)|"
                  + "(?:death certificate|documents|documentation|paperwork|probate) (?:has |have |is |are )?(?:been )?"
                  + "(?:received|provided|uploaded|sent|submitted|in|attached)|"
                  + "(?:we|we've) (?:have|received|got) (?:the |a copy of the )?(?:death certificate|documents|paperwork|probate)",
              "no (?:\\w+ )?(?:documents?|documentation|paperwork|death certificate|probate|certificate)|"
                  + "(?:waiting (?:for|on)|still needs? to send|needs to send|will send|going to send|has to send|still to send) "
                  + "(?:us )?(?:the |a |her |his |their )?(?:death certificate|documents?|documentation|paperwork|probate|certificate)|"
                  + "(?:documents?|paperwork|death certificate|probate) (?:is |are )?(?:still )?(?:outstanding|to follow|pending)",
              null),
          rule(
              "police_report",
              "reported (?:it |this |the (?:theft|fraud|crime|incident) |them )?to (?:the )?police|police report|"
                  + "crime (?:reference|ref|number|report)|police (?:reference|ref|number|case|incident)|action fraud|"
                  + "(?:contacted|called|rang|phoned|told|informed) the police|police (?:are|were|have been) (?:involved|informed|called)|"
                  + "reported (?:it|this) (?:as )?stolen",
              "(?:hasn't|has not|haven't|didn't|did not|not yet|yet to|won't|doesn't want to) (?:been )?report(?:ed)? (?:it|this|the theft|anything|them)",
              null),
          rule(
              "is_business_account",
              "business account|trade account|company account|corporate account|commercial account|business customer|"
                  + "business banking|sole trader|limited company|small business account|business acc(?:oun)?t|trade customer",
              "personal account|personal customer",
              null),
          rule(
              "details_entered",
              "click(?:ed|s)?(?: on)?(?: (?:the|a|that|this|its|any|anything))?(?: \\w+)? link|click(?:ed)?(?: on)? (?:it|anything)|"
                  + "clicked through|(?:entered|typed(?: in)?|put in|gave(?: them| it)?|give|shared|filled in) "
                  + "(?:his|her|their|my|the|any|all (?:his|her|their|my)) (?:\\w+ )?"
                  + "(?:password|passcode|login|log-in|details|pin|one-time code|otp|security code|card (?:number|details))",
              "deleted it|ignored it|without clicking",
              null),
          rule(
              "card_details_given",
              "(?:gave|give|given|entered|typed(?: in)?|put in|shared|read out)(?: them| it| out)? "
                  + "(?:his|her|their|my|the|any|all (?:his|her|their|my)) (?:\\w+ )?"
                  + "(?:card (?:number|details|info)|long (?:card )?number|security code|cvv|cvc|expiry(?: date)?)",
              "",
              null),
          rule(
              "legal_threat",
              "lawyers?|solicitors?|(?<!power of )attorneys?|sue(?<=(?:\\bto|\\bwill|'ll|\\bgonna|\\bcould|\\bmight|\\bcan|\\bwould|\\band|\\bor) sue)|"
                  + "sue (?:us|you|them|the company|the shop|for)|suing|sued|legal action|legal proceedings|legal advice|legal team|"
                  + "legal route|legal letter|going legal|court|courts|small claims|ombudsman|regulators?|trading standards|fca|"
                  + "ofcom|ofgem|cfpb|better business bureau|bbb|lawsuit|law suit|tribunal|citizens advice|"
                  + "financial conduct authority|take (?:you|us|this|it|them) to court|report (?:us|you|the company|this) to|legally",
              "",
              "food court"),
          rule(
              "safety_concern",
              "fire|fires|smoke|smoking|smoked|sparks?|sparking|sparked|overheat\\w*|over-heat\\w*|burn|burns|burnt|burned|"
                  + "burning|electric(?:al)? shock|shocked (?:her|him|them|me)|got a shock|exploded|explode|explosion|"
                  + "caught fire|melted|melting|scorch\\w*|hot to (?:the )?touch|too hot to touch|fumes|gas leak|"
                  + "injur\\w+|hurt (?:her|him|them|herself|himself|themselves)|burst into flames|flames?|blew up|electrocuted|"
                  + "battery (?:is )?(?:swollen|swelling|bulging)|(?:swollen|bulging) battery|cut (?:her|his|their) (?:hand|finger)|"
                  // "gave her son a shock", "got a nasty shock off the toaster": the shock a thing
                  // gives, not the news that came as one.
                  + "gave (?:her|him|them|me|us|his|her|my|their|the)(?: [\\w']+)? (?:a |an )?"
                  + "(?:(?:nasty|small|little|big|bad|slight|real) )?(?:electric )?shock|"
                  + "an? (?:(?:nasty|small|little|big|bad|slight|real) )?shock (?:off|from|when|whenever|touching)",
              "",
              "fire (?:tv|stick|tablet|hd)|kindle fire|smoke (?:alarm|detector)s?"),
          rule(
              "suspected_fraud",
              "fraud|fraudulent|fraudulently|fraudster|fraudsters|scam|scammed|scammer|someone else (?:used|made|placed|has|is|was)|"
                  + "someone(?:'s| has)? (?:been (?:using|logging|ordering|spending)|used|accessed|got into|hacked|taken|access|logged in|been logging|been using|is using)|"
                  + "hacked|hacker|unauthori[sz]ed|identity theft|stolen identity|identity (?:was |has been )?stolen|"
                  + "cloned|skimmed|sim swap\\w*|account (?:was |has been |is )?(?:compromised|taken over)|compromised|"
                  + "(?:didn't|did not|never) (?:make|made|place|placed|authori[sz]e) (?:these|those|this|the|that|any)\\s?(?:\\w+ )?"
                  + "(?:transactions?|payments?|purchases?|charges?|orders?|withdrawals?)|"
                  // Not recognising a charge is a dispute; only not having made it suggests fraud.
                  + "(?:transactions?|payments?|purchases?|charges?|withdrawals?|orders?) (?:[\\w']+ ){0,4}?(?:he|she|they|i|we) "
                  + "(?:didn't|did not|never) (?:make|made|place|placed|authori[sz]e)|"
                  // A caller who fails security and wants money or the account sent somewhere new:
                  // the way accounts are taken over.
                  + FAILED_ID
                  + "[^.!?]{0,160}?"
                  + REDIRECT
                  + "|"
                  + REDIRECT
                  + "[^.!?]{0,160}?"
                  + FAILED_ID,
              "",
              // A scam message received is what the phishing play handles, not a sign that anyone
              // acted.
              "scam (?:text|texts|email|emails|e-mail|message|messages|call|calls|sms|link|site|website)"),
          rule(
              "vulnerable_customer",
              "elderly|dementia|alzheimer'?s|disabilit\\w+|(?:is|she's|he's|they're|i'm|am|are|registered|severely|physically|a) disabled|"
                  + "disabled (?:customer|person|son|daughter|husband|wife|mother|father|mum|dad|child|partner|access|badge)|"
                  + "in hospital|hospitali[sz]ed|out of hospital|(?:very|extremely|really|quite) confused|"
                  + "gets confused|easily confused|terminally ill|terminal (?:illness|cancer)|cancer|chemo\\w*|mental health|"
                  + "vulnerable|care home|nursing home|blind|deaf|hearing impaired|learning difficult\\w*|autis\\w+|"
                  + "(?:seriously|severely|critically) ill|pensioner|in (?:her|his|their) (?:80s|90s|eighties|nineties)|"
                  + "(?:8|9)\\d(?: |-)years?(?: |-)old|aged (?:8|9)\\d|power of attorney|carer|stroke|frail|housebound|"
                  + "hard of hearing|wheelchair|partially sighted|visually impaired",
              "",
              "(?:roller|window|venetian|roman|the) blinds?"));

  private FlagFinder() {}

  private static Rule rule(String name, String yes, String no, String neutral) {
    String cues = "(?<yes>" + yes + ")" + (no.isEmpty() ? "" : "|(?<no>" + no + ")");
    return new Rule(name, Cues.words(cues), neutral == null ? null : Cues.words(neutral));
  }

  static List<Reading> find(Message message) {
    List<Reading> readings = new ArrayList<>();
    for (Rule rule : RULES) {
      Reading reading = first(message, rule);
      if (reading != null) {
        readings.add(reading);
      }
    }
    return readings;
  }

  private static Reading first(Message message, Rule rule) {
    Matcher cue = rule.cues().matcher(message.lower);
    List<int[]> neutral = null;
    while (cue.find()) {
      int start = cue.start();
      int end = cue.end();
      // Most rules find nothing in a message; only look for neutral phrases when a cue is there.
      if (neutral == null) {
        neutral = rule.neutral() == null ? List.of() : spans(rule.neutral(), message.lower);
      }
      if (neutral.stream().anyMatch(n -> n[0] <= start && end <= n[1])) {
        continue;
      }
      boolean value = cue.group("yes") != null;
      int negation = Negation.before(message, start);
      if (negation >= 0) {
        return new Reading(rule.name(), new FactValue.Flag(!value), negation, end);
      }
      return new Reading(rule.name(), new FactValue.Flag(value), start, end);
    }
    return null;
  }

  private static List<int[]> spans(Pattern pattern, String text) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    return spans;
  }
}
