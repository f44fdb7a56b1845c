package dev.leeway.chat;

import dev.leeway.decide.Decision;
import dev.leeway.decide.Usage;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.PlayFacts;
import dev.leeway.match.MatchResult;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes one turn of a conversation as one transition of its {@link DialogueState}: reads the facts,
 * uses the answer to a pending question, decides whether the message opens a new case, adds to the
 * case in hand or moves it to another play, and composes the reply with at most one question.
 *
 * <p>A turn is worked out from a {@link Conversation.Snapshot} without holding the conversation's
 * lock (matching and deciding take a while) and applied under it only if no other message was taken
 * meanwhile; otherwise it is worked out again on the state that message left. Two messages at once
 * are thus taken one after the other, whichever applies first, and neither is lost.
 */
public final class Dialogue {

  /** When the runner-up's share is this close to the best play's, ask which situation it is. */
  static final double CLOSE_CALL_GAP = 0.15;

  /** ...provided the runner-up's share makes it a plausible fit itself. */
  static final double CLOSE_CALL_FLOOR = 0.25;

  /** A vague text is answered with this many of its likeliest plays to choose from. */
  static final int VAGUE_OPTIONS = 3;

  /**
   * While a question waits, a message that fits another play at least this confidently, and says
   * nothing tied to the case in hand, is another customer's case.
   */
  static final double NEW_CASE_CONFIDENCE = 0.8;

  /** What an agent types to pick an option by its place in the list. */
  private static final List<String> ORDINALS =
      List.of("1|1st|first|former", "2|2nd|second|latter", "3|3rd|third");

  /** "also", "as well", "and ...": the same customer has something more. */
  private static final Pattern CONTINUES =
      Pattern.compile(
          "(?i)^\\s*(?:and|plus|btw|by the way|oh and|another thing)\\b|\\b(?:also|as well)\\b");

  /** A short yes or no to "Is this a new case?". */
  private static final Pattern CONFIRM_YES =
      Pattern.compile(
          "(?i)^\\s*(?:yes|yeah|yep|yup|y|correct|it is|new(?: case| customer)?)\\b[\\s,.!]*(?:\\S+\\s*){0,3}$");

  private static final Pattern CONFIRM_NO =
      Pattern.compile(
          "(?i)^\\s*(?:no|nope|nah|n|not|same(?: case| customer)?)\\b[\\s,.!]*(?:\\S+\\s*){0,3}$");

  private final Advisor advisor;
  private final Gaps gaps;
  private final Clock clock;

  public Dialogue(Advisor advisor, Gaps gaps, Clock clock) {
    this.advisor = advisor;
    this.gaps = gaps;
    this.clock = clock;
  }

  public Advisor advisor() {
    return advisor;
  }

  /**
   * Takes the agent's message and returns Leeway's reply, recording both as a turn.
   *
   * @throws IllegalArgumentException when the message's context names an unknown fact or has a
   *     value of the wrong type; the conversation is then left unchanged
   */
  public Reply take(Conversation conversation, Message message) {
    return turn(conversation, message).reply();
  }

  /**
   * Takes the agent's message and returns the turn recorded for it (its number, its case, the
   * reply). The conversation's lock is held only to read its state and to apply the turn.
   *
   * @throws IllegalArgumentException as {@link #take}
   */
  public Turn turn(Conversation conversation, Message message) {
    while (true) {
      Conversation.Snapshot before = conversation.snapshot();
      Instant now = clock.instant();
      Step step = step(conversation, before, message);
      Turn turn =
          new Turn(
              before.turnCount() + 1,
              now,
              message.text(),
              message.context(),
              step.reply(),
              before.caseNumber() + (step.caseStarted() ? 1 : 0),
              step.caseStarted());
      if (conversation.apply(before, turn, step.facts(), step.next())) {
        step.gap().ifPresent(gaps::record);
        return turn;
      }
      // Another message was taken first: this one follows it, on the state it left.
    }
  }

  /** Opens a new case in the conversation; returns its number. */
  public int newCase(Conversation conversation) {
    return conversation.newCase(clock.instant());
  }

  /**
   * One transition: the state, facts and reply a message leads to from a snapshot, and whether it
   * opened a new case. Changes nothing.
   */
  record Step(
      DialogueState next, FactSet facts, Reply reply, boolean caseStarted, Optional<Gap> gap) {
    Step(DialogueState next, FactSet facts, Reply reply, boolean caseStarted) {
      this(next, facts, reply, caseStarted, Optional.empty());
    }
  }

  /** The transition {@code message} makes from {@code from}. */
  Step step(Conversation conversation, Conversation.Snapshot from, Message message) {
    Conversation.Snapshot at = from;
    boolean started = false;
    if (message.newCase() && from.caseTurns() > 0) {
      at = from.newCase();
      started = true;
    }
    String text = message.text();
    Optional<NewCaseCues.Cue> cue = NewCaseCues.find(text);
    if (cue.isPresent()) {
      if (!started && at.caseTurns() > 0) {
        at = at.newCase();
        started = true;
      }
      text = cue.get().rest();
      if (text.isBlank()) {
        return opened(conversation, at, message, started);
      }
    }
    Message said = new Message(text, message.context(), message.today(), message.newCase());
    if (at.state() instanceof DialogueState.WaitingForNewCaseConfirmation waiting) {
      Optional<Boolean> yes = confirmation(text);
      if (yes.isPresent()) {
        Map<String, Object> context = new LinkedHashMap<>(waiting.held().context());
        context.putAll(message.context());
        Message held = new Message(waiting.held().text(), context, message.today());
        return yes.get()
            ? within(conversation, at.newCase(), withoutCustomerUsage(held), true, false)
            : within(conversation, at.in(waiting.before()), held, started, false);
      }
      // Neither: a message of its own, to the case as it stood before the question.
      at = at.in(waiting.before());
    }
    return within(conversation, at, said, started, !started);
  }

  /**
   * Whether the message says itself that it opens a new case ({@code new_case}, or a cue such as
   * "next one"), before it is worked out: the caller then reads no facts of the previous customer
   * (budget usage) for it.
   */
  public static boolean saysNewCase(Message message) {
    return message.newCase() || NewCaseCues.find(message.text()).isPresent();
  }

  /**
   * The message's context without the previous customer's budget usage: a case opened because the
   * message turned out to be about someone else must not count the last customer's grants.
   */
  private Message withoutCustomerUsage(Message message) {
    Set<String> customerUsage = new HashSet<>();
    for (dev.leeway.config.ActionKind kind : advisor.content().authority().actionKinds().values()) {
      customerUsage.add(Usage.countFact(Usage.Scope.CUSTOMER, kind.id()));
      customerUsage.add(Usage.totalFact(Usage.Scope.CUSTOMER, kind.id()));
    }
    Map<String, Object> context = new LinkedHashMap<>(message.context());
    context.keySet().removeAll(customerUsage);
    return new Message(message.text(), context, message.today(), message.newCase());
  }

  /** A short yes or no to "Is this a new case?", or empty for a message of its own. */
  static Optional<Boolean> confirmation(String text) {
    if (CONFIRM_YES.matcher(text).matches()) {
      return Optional.of(true);
    }
    if (CONFIRM_NO.matcher(text).matches()) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** A message that only opened a case ("next one"): nothing is matched or asked. */
  private Step opened(
      Conversation conversation, Conversation.Snapshot at, Message message, boolean started) {
    List<Fact> context = advisor.context(message.context());
    FactSet facts = at.facts().with(context);
    Question question =
        new Question(message.text(), message.context(), conversation.role(), message.today());
    Advice advice =
        advisor.advise(
            question, facts, new MatchResult.NoMatch(List.of(), "nothing described yet"));
    String text =
        (started ? "New case (" + at.caseNumber() + ")." : "Case " + at.caseNumber() + ".")
            + " Say what the customer needs.";
    return new Step(
        at.state(), facts, new Reply(Reply.Kind.NEW_CASE, advice, Optional.empty(), text), started);
  }

  /**
   * The transition within one case.
   *
   * @param detect whether a message that fits another play while a question waits may be another
   *     customer's case (not when it already opened one, or the agent just said whether it does)
   */
  private Step within(
      Conversation conversation,
      Conversation.Snapshot at,
      Message message,
      boolean started,
      boolean detect) {
    int number = at.turnCount() + 1;
    List<Fact> context = advisor.context(message.context());
    List<Fact> read = advisor.read(message.text(), message.today(), number);
    FactSet facts = at.facts().with(read).with(context);
    DialogueState state = at.state();
    Optional<MatchResult.Matched> focus = state.focus();
    boolean consumed = false;

    Optional<FactSpec> asked = Optional.empty();
    if (state instanceof DialogueState.WaitingForFact waiting) {
      asked = spec(waiting.ask());
      Optional<Fact> answer =
          asked.flatMap(
              spec ->
                  Binding.answer(
                      spec,
                      waiting.ask(),
                      message.text(),
                      read,
                      advisor.readTimes(spec, message.text(), message.today(), number),
                      number));
      if (answer.isEmpty() && asked.isPresent()) {
        // "last tuesday" to "How much was debited?": the play's one open time fact, if it has one.
        FactSet known = facts;
        List<FactSpec> open =
            advisor
                .content()
                .playbook()
                .play(waiting.ask().playId())
                .map(Play::facts)
                .orElse(List.of())
                .stream()
                .filter(f -> !known.has(f.name()))
                .toList();
        answer =
            AnswerReader.readAnotherTime(
                asked.get(),
                open,
                spec -> advisor.readTimes(spec, message.text(), message.today(), number));
      }
      if (answer.isPresent()) {
        facts = facts.with(List.of(answer.get()));
        consumed = true;
      }
    } else if (state instanceof DialogueState.WaitingForChoice waiting) {
      Optional<MatchResult.Candidate> picked =
          pick(waiting.choose(), waiting.options(), message.text());
      if (picked.isPresent()) {
        focus = Optional.of(new MatchResult.Matched(List.of(picked.get())));
        consumed = true;
      }
    }

    Question question =
        new Question(message.text(), message.context(), conversation.role(), message.today());
    if (!consumed
        && state instanceof DialogueState.WaitingForChoice waiting
        && factsOnly(message.text(), read)) {
      // "she's gold" says nothing of which situation it is: taking the first option would be the
      // guess the question was asked to avoid.
      Advice advice = advisor.advise(question, facts, waiting.raised());
      Reply reply =
          new Reply(
              Reply.Kind.CLARIFY,
              advice,
              Optional.of(waiting.choose()),
              "Noted. " + waiting.choose().question());
      return new Step(waiting, facts, reply, started);
    }
    if (!consumed && focus.isPresent() && factsOnly(message.text(), read)) {
      // "actually she's silver": a correction to the situation in hand, not a new one, even
      // though a tier word alone looks like the tier-downgrade play.
      consumed = true;
      String playId = focus.get().best().playId();
      List<FactSpec> playFacts =
          advisor.content().playbook().play(playId).map(Play::facts).orElse(List.of());
      facts = facts.with(PlayFacts.corrections(read, playFacts));
    }
    if (!consumed) {
      MatchResult match = advisor.match(message.text(), facts, number);
      if (detect
          && state instanceof DialogueState.WaitingForFact
          && match instanceof MatchResult.Matched other
          && !sameSituation(other.best(), focus)
          && !CONTINUES.matcher(message.text()).find()) {
        // A question waits and the message neither answers it nor adds to the play in hand: most
        // likely the next customer.
        if (clearlyAnother(other, focus.orElseThrow(), message.text(), read, at.caseTexts())) {
          return within(conversation, at.newCase(), withoutCustomerUsage(message), true, false);
        }
        return confirm(at, message, question, context, read, other);
      }
      // One word is too little to leave the situation in hand ("refund", about a damaged kettle,
      // is about the kettle); with no situation settled it is asked about.
      boolean settled = focus.isPresent() && !(state instanceof DialogueState.WaitingForChoice);
      if (match instanceof MatchResult.Vague vague && !settled) {
        return whichOne(message, question, facts, vague, started);
      }
      boolean continues =
          match instanceof MatchResult.Vague
              || !match.candidates().isEmpty() && sameSituation(match.candidates().get(0), focus);
      Optional<FollowUp.ChoosePlay> close =
          continues ? Optional.empty() : closeCall(match.candidates());
      if (close.isPresent()) {
        // Two plays about equally likely is not "nothing fits", even when neither clears the bar
        // alone.
        MatchResult.Matched both = new MatchResult.Matched(match.candidates().subList(0, 2));
        Advice advice = advisor.advise(question, facts, both);
        Reply reply =
            new Reply(Reply.Kind.CLARIFY, advice, Optional.of(close.get()), close.get().question());
        return new Step(
            new DialogueState.WaitingForChoice(both, close.get(), both), facts, reply, started);
      }
      if (match instanceof MatchResult.Matched matched && !continues) {
        focus = Optional.of(matched);
      } else if (!settled && !continues) {
        // Options offered are no situation to fall back on: answering the first would be a guess.
        return nothingFits(conversation, message, question, facts, match, started);
      }
    }

    Advice advice = advisor.advise(question, facts, focus.orElseThrow());
    Optional<FollowUp> followUp = firstQuestion(advice);
    String text = ReplyMessage.answer(advice, followUp);
    if (!consumed && asked.isPresent() && followUp.equals(state.pending())) {
      // The same question again with no word on why would read as if the reply went unseen.
      text =
          "\""
              + ReplyMessage.quote(message.text())
              + "\" does not answer the question: it needs "
              + AnswerReader.expected(asked.get(), advisor.content().facts().currency())
              + ".\n"
              + text;
    }
    if (started) {
      text = "New case.\n" + text;
    }
    Reply reply = new Reply(Reply.Kind.ANSWER, advice, followUp, text);
    DialogueState next =
        followUp.orElse(null) instanceof FollowUp.AskFact ask
            ? new DialogueState.WaitingForFact(focus.get(), ask)
            : new DialogueState.Answered(focus.get());
    return new Step(next, facts, reply, started);
  }

  /**
   * Whether a message that fits {@code other} is clearly not about the case in hand: it fits the
   * other play confidently, none of the facts it gives is one only the play in hand uses, and none
   * of its words (apart from those that gave facts) was used in the case before ("the kettle she
   * got is the wrong model" is about the kettle in hand).
   */
  private boolean clearlyAnother(
      MatchResult.Matched other,
      MatchResult.Matched inHand,
      String text,
      List<Fact> read,
      List<String> caseTexts) {
    if (other.best().confidence() < NEW_CASE_CONFIDENCE) {
      return false;
    }
    Set<String> inHandFacts = playFacts(inHand.best().playId());
    Set<String> otherFacts = playFacts(other.best().playId());
    boolean tiedByFacts =
        read.stream()
            .map(Fact::name)
            .anyMatch(name -> inHandFacts.contains(name) && !otherFacts.contains(name));
    if (tiedByFacts) {
      return false;
    }
    Set<String> before = new HashSet<>();
    caseTexts.forEach(t -> before.addAll(words(t)));
    return words(withoutFactWords(text, read)).stream().noneMatch(before::contains);
  }

  /** The words of substance in a text: four letters or more, not filler. */
  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (word.length() >= 4 && !FILLER.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  /** The text with the words that gave facts blanked out ("yesterday", "$40"). */
  private static String withoutFactWords(String text, List<Fact> read) {
    StringBuilder rest = new StringBuilder(text);
    for (Fact fact : read) {
      if (fact.source() instanceof dev.leeway.facts.FactSource.Text span) {
        for (int i = Math.max(0, span.start()); i < Math.min(span.end(), rest.length()); i++) {
          rest.setCharAt(i, ' ');
        }
      }
    }
    return rest.toString();
  }

  private Set<String> playFacts(String playId) {
    Set<String> names = new HashSet<>();
    advisor
        .content()
        .playbook()
        .play(playId)
        .ifPresent(p -> p.facts().forEach(f -> names.add(f.name())));
    return names;
  }

  /**
   * "Is this a new case?": the message is held, the case in hand keeps its facts, and the reply
   * shows what the message alone would get.
   */
  private Step confirm(
      Conversation.Snapshot at,
      Message message,
      Question question,
      List<Fact> context,
      List<Fact> read,
      MatchResult.Matched other) {
    FollowUp.ConfirmNewCase confirm = new FollowUp.ConfirmNewCase();
    Advice alone = advisor.advise(question, FactSet.empty().with(read).with(context), other);
    String text =
        "This sounds like another situation (\""
            + other.best().title()
            + "\"). "
            + confirm.question()
            + " If not, answer the question: "
            + at.state().pending().map(FollowUp::question).orElse("");
    Reply reply = new Reply(Reply.Kind.CLARIFY, alone, Optional.of(confirm), text);
    return new Step(
        new DialogueState.WaitingForNewCaseConfirmation(message, at.state(), confirm),
        at.facts(),
        reply,
        false);
  }

  /**
   * One word that many plays share ("refund"): no play is guessed and no gap recorded, as the pack
   * may well cover the situation; the agent picks one of the likeliest or says more.
   */
  private Step whichOne(
      Message message, Question question, FactSet facts, MatchResult.Vague vague, boolean started) {
    List<MatchResult.Candidate> likeliest =
        vague.candidates().subList(0, Math.min(VAGUE_OPTIONS, vague.candidates().size()));
    List<FollowUp.Option> options = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (MatchResult.Candidate c : likeliest) {
      options.add(new FollowUp.Option(c.playId(), c.title()));
      titles.add("\"" + c.title() + "\"");
    }
    String which =
        titles.size() == 1
            ? "Is it " + titles.get(0) + "? Or say what happened."
            : "Which is it: "
                + String.join(", ", titles.subList(0, titles.size() - 1))
                + " or "
                + titles.get(titles.size() - 1)
                + "? Or say what happened.";
    FollowUp.ChoosePlay choose = new FollowUp.ChoosePlay(which, options);
    Advice advice = advisor.advise(question, facts, vague);
    String text =
        "\""
            + ReplyMessage.quote(message.text())
            + "\" alone fits "
            + vague.plays()
            + " plays. "
            + which;
    Reply reply = new Reply(Reply.Kind.CLARIFY, advice, Optional.of(choose), text);
    return new Step(
        new DialogueState.WaitingForChoice(new MatchResult.Matched(likeliest), choose, vague),
        facts,
        reply,
        started);
  }

  private Step nothingFits(
      Conversation conversation,
      Message message,
      Question question,
      FactSet facts,
      MatchResult match,
      boolean started) {
    Advice advice = advisor.advise(question, facts, match);
    String reason =
        match instanceof MatchResult.NoMatch noMatch ? noMatch.reason() : "no play fits";
    List<String> nearest = new ArrayList<>();
    for (MatchResult.Candidate c : match.candidates()) {
      nearest.add(String.format(Locale.ROOT, "%s (%.2f)", c.playId(), c.confidence()));
    }
    Gap gap =
        new Gap(
            clock.instant(),
            conversation.id(),
            conversation.role(),
            message.text(),
            reason,
            nearest);
    Reply reply =
        new Reply(
            Reply.Kind.NO_MATCH, advice, Optional.empty(), ReplyMessage.noMatch(advice, reason));
    return new Step(new DialogueState.Idle(), facts, reply, started, Optional.of(gap));
  }

  static final java.util.Set<String> FILLER =
      java.util.Set.of(
          "actually",
          "sorry",
          "also",
          "and",
          "but",
          "the",
          "she",
          "he",
          "they",
          "his",
          "her",
          "their",
          "was",
          "is",
          "are",
          "has",
          "have",
          "had",
          "it",
          "its",
          "not",
          "no",
          "yes",
          "oh",
          "ok",
          "okay",
          "just",
          "now",
          "then",
          "wait",
          "correction",
          "customer",
          "cust",
          "member",
          "that",
          "this",
          "too",
          "again",
          "one",
          "only",
          "said",
          "says",
          "been");

  /** Whether, once the words that gave facts are set aside, nothing of substance is left. */
  static boolean factsOnly(String text, List<Fact> read) {
    if (read.isEmpty()) {
      return false;
    }
    StringBuilder rest = new StringBuilder(text.toLowerCase(Locale.ROOT));
    for (Fact fact : read) {
      if (fact.source() instanceof dev.leeway.facts.FactSource.Text span
          && span.end() <= rest.length()) {
        for (int i = span.start(); i < span.end(); i++) {
          rest.setCharAt(i, ' ');
        }
      }
    }
    int substantive = 0;
    for (String word : rest.toString().split("[^a-z]+")) {
      if (word.length() >= 3 && !FILLER.contains(word)) {
        substantive++;
      }
    }
    return substantive <= 1;
  }

  /** A message whose best play is the one already in focus continues the situation. */
  private static boolean sameSituation(
      MatchResult.Candidate best, Optional<MatchResult.Matched> focus) {
    return focus.isPresent() && focus.get().best().playId().equals(best.playId());
  }

  private static Optional<FollowUp.ChoosePlay> closeCall(List<MatchResult.Candidate> candidates) {
    if (candidates.size() < 2) {
      return Optional.empty();
    }
    MatchResult.Candidate best = candidates.get(0);
    MatchResult.Candidate second = candidates.get(1);
    // How the classifier splits its belief between the two, not their confidences: the confidence
    // says how likely the best play is right, and the runner-up's is scaled to leave room for it.
    double bestShare = best.signals().semantic();
    double secondShare = second.signals().semantic();
    if (secondShare < CLOSE_CALL_FLOOR || Math.abs(bestShare - secondShare) >= CLOSE_CALL_GAP) {
      return Optional.empty();
    }
    return Optional.of(
        new FollowUp.ChoosePlay(
            "Which is closer: \"" + best.title() + "\" or \"" + second.title() + "\"?",
            List.of(
                new FollowUp.Option(best.playId(), best.title()),
                new FollowUp.Option(second.playId(), second.title()))));
  }

  /** The first fact asked for, best play first, in action order: one question at a time. */
  private static Optional<FollowUp> firstQuestion(Advice advice) {
    for (Advice.Suggestion suggestion : advice.plays()) {
      for (Decision decision : suggestion.decision().decisions()) {
        if (decision instanceof Decision.NeedInfo need) {
          return Optional.of(
              new FollowUp.AskFact(suggestion.candidate().playId(), need.fact(), need.question()));
        }
      }
    }
    return Optional.empty();
  }

  /** The fact a question asks for: the play's own, or one of the shared vocabulary. */
  private Optional<FactSpec> spec(FollowUp.AskFact ask) {
    return advisor
        .content()
        .playbook()
        .play(ask.playId())
        .flatMap(p -> p.facts().stream().filter(f -> f.name().equals(ask.fact())).findFirst())
        .or(() -> Optional.ofNullable(advisor.knownFacts().get(ask.fact())));
  }

  /**
   * The one option whose title has every word of a short reply ("the order" when only "Cancel an
   * order before it ships" says order), or -1. Longer replies describe the case and are matched.
   */
  static int byTitleWords(List<FollowUp.Option> options, String reply) {
    List<String> words = new ArrayList<>();
    for (String word : reply.split("[^a-z]+")) {
      if (word.length() >= 3 && !FILLER.contains(word)) {
        words.add(word);
      }
    }
    if (words.isEmpty() || words.size() > 3) {
      return -1;
    }
    int found = -1;
    for (int i = 0; i < options.size(); i++) {
      List<String> title =
          List.of(options.get(i).title().toLowerCase(Locale.ROOT).split("[^a-z]+"));
      if (words.stream().allMatch(w -> title.stream().anyMatch(t -> sameWord(w, t)))) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  /**
   * "order" and "orders", "subscription" and "subscriptions": the same word for picking a title.
   */
  private static boolean sameWord(String a, String b) {
    return a.equals(b)
        || (Math.min(a.length(), b.length()) >= 4 && (a.startsWith(b) || b.startsWith(a)));
  }

  /** "1", "the second", a title's words, or a message that matches one of the options best. */
  private Optional<MatchResult.Candidate> pick(
      FollowUp.ChoosePlay choose, MatchResult.Matched offered, String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    int index = -1;
    for (int i = 0; i < Math.min(ORDINALS.size(), choose.options().size()) && index < 0; i++) {
      if (lower.matches("(?:the )?(?:" + ORDINALS.get(i) + ")\\b.*")) {
        index = i;
      }
    }
    if (index < 0) {
      for (int i = 0; i < choose.options().size(); i++) {
        FollowUp.Option option = choose.options().get(i);
        if (lower.contains(option.title().toLowerCase(Locale.ROOT))
            || lower.contains(option.playId())) {
          index = i;
        }
      }
    }
    if (index < 0) {
      index = byTitleWords(choose.options(), lower);
    }
    if (index < 0) {
      // A vague word again ("refund") is no more a choice than it was the first time.
      MatchResult again = advisor.match(text);
      for (int i = 0;
          i < choose.options().size() && index < 0 && !(again instanceof MatchResult.Vague);
          i++) {
        if (!again.candidates().isEmpty()
            && again.candidates().get(0).playId().equals(choose.options().get(i).playId())) {
          index = i;
        }
      }
    }
    if (index < 0 || index >= choose.options().size()) {
      return Optional.empty();
    }
    String playId = choose.options().get(index).playId();
    return offered.candidates().stream().filter(c -> c.playId().equals(playId)).findFirst();
  }
}
