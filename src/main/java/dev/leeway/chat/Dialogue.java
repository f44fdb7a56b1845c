package dev.leeway.chat;

import dev.leeway.decide.Decision;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.PlayFacts;
import dev.leeway.match.MatchResult;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes one turn of a conversation: reads the facts, uses the answer to a pending question, decides
 * whether the message starts a new situation or adds to the current one, and composes the reply
 * with at most one question.
 */
public final class Dialogue {

  /** When the runner-up's share is this close to the best play's, ask which situation it is. */
  static final double CLOSE_CALL_GAP = 0.15;

  /** ...provided the runner-up's share makes it a plausible fit itself. */
  static final double CLOSE_CALL_FLOOR = 0.25;

  /** A vague text is answered with this many of its likeliest plays to choose from. */
  static final int VAGUE_OPTIONS = 3;

  /** What an agent types to pick an option by its place in the list. */
  private static final List<String> ORDINALS =
      List.of("1|1st|first|former", "2|2nd|second|latter", "3|3rd|third");

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
    synchronized (conversation) {
      int number = conversation.turnCount() + 1;
      List<Fact> context = advisor.context(message.context());
      List<Fact> read = advisor.read(message.text(), message.today(), number);
      FactSet facts = conversation.facts().with(read).with(context);
      Optional<MatchResult.Matched> focus = conversation.focus();
      boolean consumed = false;

      Optional<FollowUp> pending = conversation.pending();
      Optional<FactSpec> asked = Optional.empty();
      if (pending.orElse(null) instanceof FollowUp.AskFact ask && focus.isPresent()) {
        asked = spec(ask);
        Optional<Fact> answer = asked.flatMap(s -> answer(s, message, read, number));
        if (answer.isPresent()) {
          facts = facts.with(List.of(answer.get()));
          consumed = true;
        }
      } else if (pending.orElse(null) instanceof FollowUp.ChoosePlay choose && focus.isPresent()) {
        Optional<MatchResult.Candidate> picked = pick(choose, focus.get(), message.text());
        if (picked.isPresent()) {
          focus = Optional.of(new MatchResult.Matched(List.of(picked.get())));
          consumed = true;
        }
      }

      Question question =
          new Question(message.text(), message.context(), conversation.role(), message.today());
      Instant now = clock.instant();
      if (!consumed
          && pending.orElse(null) instanceof FollowUp.ChoosePlay choose
          && focus.isPresent()
          && factsOnly(message.text(), read)) {
        // "she's gold" says nothing of which situation it is: taking the first option would be the
        // guess the question was asked to avoid.
        return askAgain(conversation, message, question, facts, choose, focus.get(), number, now);
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
        // One word is too little to leave the situation in hand ("refund", about a damaged kettle,
        // is about the kettle); with no situation settled it is asked about.
        boolean settled =
            focus.isPresent() && !(pending.orElse(null) instanceof FollowUp.ChoosePlay);
        if (match instanceof MatchResult.Vague vague && !settled) {
          return whichOne(conversation, message, question, facts, vague, number, now);
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
              new Reply(
                  Reply.Kind.CLARIFY, advice, Optional.of(close.get()), close.get().question());
          conversation.record(
              new Turn(number, now, message.text(), message.context(), reply),
              facts,
              both,
              close.get());
          return reply;
        }
        if (match instanceof MatchResult.Matched matched && !continues) {
          focus = Optional.of(matched);
        } else if (!settled && !continues) {
          // Options offered are no situation to fall back on: answering the first would be a guess.
          return nothingFits(conversation, message, question, facts, match, number, now);
        }
      }

      Advice advice = advisor.advise(question, facts, focus.get());
      Optional<FollowUp> followUp = firstQuestion(advice);
      String text = ReplyMessage.answer(advice, followUp);
      if (!consumed && asked.isPresent() && followUp.equals(pending)) {
        // The same question again with no word on why would read as if the reply went unseen.
        text =
            "\""
                + ReplyMessage.quote(message.text())
                + "\" does not answer the question: it needs "
                + AnswerReader.expected(asked.get())
                + ".\n"
                + text;
      }
      Reply reply = new Reply(Reply.Kind.ANSWER, advice, followUp, text);
      conversation.record(
          new Turn(number, now, message.text(), message.context(), reply),
          facts,
          focus.get(),
          followUp.orElse(null));
      return reply;
    }
  }

  /**
   * One word that many plays share ("refund"): no play is guessed and no gap recorded, as the pack
   * may well cover the situation; the agent picks one of the likeliest or says more.
   */
  private Reply whichOne(
      Conversation conversation,
      Message message,
      Question question,
      FactSet facts,
      MatchResult.Vague vague,
      int number,
      Instant now) {
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
    conversation.record(
        new Turn(number, now, message.text(), message.context(), reply),
        facts,
        new MatchResult.Matched(likeliest),
        choose);
    return reply;
  }

  /** The same choice again, over the match that raised it, with the facts the message added. */
  private Reply askAgain(
      Conversation conversation,
      Message message,
      Question question,
      FactSet facts,
      FollowUp.ChoosePlay choose,
      MatchResult.Matched options,
      int number,
      Instant now) {
    MatchResult raised =
        conversation.turns().get(conversation.turns().size() - 1).reply().advice().match();
    Advice advice = advisor.advise(question, facts, raised);
    Reply reply =
        new Reply(Reply.Kind.CLARIFY, advice, Optional.of(choose), "Noted. " + choose.question());
    conversation.record(
        new Turn(number, now, message.text(), message.context(), reply), facts, options, choose);
    return reply;
  }

  private Reply nothingFits(
      Conversation conversation,
      Message message,
      Question question,
      FactSet facts,
      MatchResult match,
      int number,
      Instant now) {
    Advice advice = advisor.advise(question, facts, match);
    String reason =
        match instanceof MatchResult.NoMatch noMatch ? noMatch.reason() : "no play fits";
    List<String> nearest = new ArrayList<>();
    for (MatchResult.Candidate c : match.candidates()) {
      nearest.add(String.format(Locale.ROOT, "%s (%.2f)", c.playId(), c.confidence()));
    }
    gaps.record(
        new Gap(now, conversation.id(), conversation.role(), message.text(), reason, nearest));
    Reply reply =
        new Reply(
            Reply.Kind.NO_MATCH, advice, Optional.empty(), ReplyMessage.noMatch(advice, reason));
    conversation.record(
        new Turn(number, now, message.text(), message.context(), reply), facts, null, null);
    return reply;
  }

  private static final java.util.Set<String> FILLER =
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

  private Optional<Fact> answer(FactSpec spec, Message message, List<Fact> read, int number) {
    return AnswerReader.read(
        spec,
        message.text(),
        read,
        advisor.readTimes(spec, message.text(), message.today(), number),
        number);
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
