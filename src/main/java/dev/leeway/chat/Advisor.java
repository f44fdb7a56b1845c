package dev.leeway.chat;

import dev.leeway.config.EscalationPath;
import dev.leeway.config.Guardrail;
import dev.leeway.decide.Decider;
import dev.leeway.decide.Decision;
import dev.leeway.decide.PlayDecision;
import dev.leeway.decide.Usage;
import dev.leeway.facts.ContextFacts;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactExtractor;
import dev.leeway.facts.FactSet;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.PlayFacts;
import dev.leeway.match.MatchResult;
import dev.leeway.match.Matcher;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.ContentLoader;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.SharedFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers one question end to end: match the plays, read the facts, decide every action of the
 * plays worth suggesting. Stateless and thread-safe; conversations build on it.
 */
public final class Advisor {

  /** Plays below this confidence are not worth an agent's attention next to the best one. */
  static final double SUGGEST_AT_LEAST = 0.2;

  /** An agent reads two or three cards, not ten. */
  static final int MAX_SUGGESTIONS = 3;

  private final Matcher matcher;
  private final Decider decider;
  private final FactExtractor extractor;
  private final Map<String, FactSpec> knownFacts;

  public Advisor(Matcher matcher, Decider decider, FactExtractor extractor) {
    this.matcher = matcher;
    this.decider = decider;
    this.extractor = reader(decider.content(), extractor);
    this.knownFacts = knownFacts(decider.content());
  }

  /**
   * The fact reader for this content: {@code extractor} with the words the content declares for its
   * facts and its guardrails.
   */
  public static FactExtractor reader(Content content, FactExtractor extractor) {
    return extractor.withPackCues(packCues(content)).withCurrency(content.facts().currency());
  }

  /**
   * The words the content's facts declare, shared ones and every play's, and the guardrails' cue
   * words: each sets its guardrail's flag in any message, so a guardrail fires whether or not a
   * play fits.
   */
  private static dev.leeway.facts.PackCues packCues(Content content) {
    List<FactSpec> specs = new ArrayList<>();
    content.facts().facts().values().forEach(shared -> specs.add(shared.spec()));
    content.playbook().plays().forEach(play -> specs.addAll(play.facts()));
    for (Guardrail guardrail : content.authority().guardrails()) {
      if (guardrail.cues().isEmpty()) {
        continue;
      }
      ContentLoader.cueFact(guardrail, content.facts())
          .ifPresent(
              flag ->
                  specs.add(
                      new FactSpec(
                          flag,
                          FactType.BOOLEAN,
                          "",
                          List.of(),
                          null,
                          null,
                          Map.of("true", guardrail.cues()))));
    }
    return dev.leeway.facts.PackCues.of(specs);
  }

  public Content content() {
    return decider.content();
  }

  /** The decider this advisor decides actions with. */
  public Decider decider() {
    return decider;
  }

  /** The matcher this advisor ranks plays with (shared by snapshots whose plays match alike). */
  public Matcher matcher() {
    return matcher;
  }

  /** Every fact name a caller may send as context, with its meaning: shared, plays', usage. */
  public Map<String, FactSpec> knownFacts() {
    return knownFacts;
  }

  /**
   * The answer to {@code question}.
   *
   * @throws IllegalArgumentException for an unknown role, or context that names an unknown fact or
   *     has a value of the wrong type (every problem listed)
   */
  public Advice advise(Question question) {
    if (decider.content().authority().role(question.role()).isEmpty()) {
      throw new IllegalArgumentException(
          "unknown role '"
              + question.role()
              + "' (roles: "
              + String.join(", ", decider.content().authority().roles().keySet())
              + ")");
    }
    List<Fact> context = context(question.context());
    List<Fact> read = read(question.text(), question.today(), 1);
    FactSet facts = FactSet.empty().with(read).with(context);
    return advise(question, facts, match(question.text(), facts, 1));
  }

  /** Ranks the plays for a text (the matcher's answer, unchanged). */
  public MatchResult match(String text) {
    return matcher.match(text);
  }

  /**
   * Ranks the plays for message {@code turn} of a case with these facts. A guardrail's words ("she
   * says her solicitor will be in touch") can drown the situation they come with: when no play fits
   * the whole text and a guardrail fires on words read from it, the text is matched again without
   * the clauses that carry them. The guardrail still applies, as it rests on the facts.
   */
  public MatchResult match(String text, FactSet facts, int turn) {
    MatchResult whole = matcher.match(text);
    if (!(whole instanceof MatchResult.NoMatch)) {
      return whole;
    }
    List<FactSource.Text> spans = new ArrayList<>();
    for (String name : decider.firedGuardrailFacts(facts)) {
      facts
          .get(name)
          .filter(f -> f.source() instanceof FactSource.Text t && t.turn() == turn)
          .ifPresent(f -> spans.add((FactSource.Text) f.source()));
    }
    String situation = withoutClauses(text, spans);
    if (spans.isEmpty() || situation.isBlank()) {
      return whole;
    }
    MatchResult again = matcher.match(situation);
    return again instanceof MatchResult.Matched ? again : whole;
  }

  /** The text without each clause (between commas, semicolons or sentence ends) holding a span. */
  static String withoutClauses(String text, List<FactSource.Text> spans) {
    boolean[] cut = new boolean[text.length()];
    for (FactSource.Text span : spans) {
      int start = span.start();
      while (start > 0 && ",;.!?\n".indexOf(text.charAt(start - 1)) < 0) {
        start--;
      }
      int end = Math.min(span.end(), text.length());
      while (end < text.length() && ",;.!?\n".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      // The clause goes with the separator after it, so the rest still reads as one text.
      java.util.Arrays.fill(cut, start, Math.min(text.length(), end + 1), true);
    }
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (!cut[i]) {
        kept.append(text.charAt(i));
      }
    }
    return kept.toString().replaceAll("\\s+", " ").strip();
  }

  /** The facts in one message, numbered as turn {@code turn} of its conversation. */
  public List<Fact> read(String text, java.time.LocalDate today, int turn) {
    return extractor.extract(text, today, turn);
  }

  /** The times in a reply to a question about {@code spec}, and its answer if it is about time. */
  public FactExtractor.ReplyTimes readTimes(
      FactSpec spec, String text, java.time.LocalDate today, int turn) {
    return extractor.readTimes(spec, text, today, turn);
  }

  /**
   * Structured context as facts.
   *
   * @throws IllegalArgumentException naming every unknown fact and every value of the wrong type
   */
  public List<Fact> context(Map<String, Object> fields) {
    return ContextFacts.parse(fields, name -> Optional.ofNullable(knownFacts.get(name)));
  }

  /** The answer for facts already gathered (a conversation's), and a match already made. */
  public Advice advise(Question question, FactSet facts, MatchResult match) {
    List<Advice.Suggestion> suggestions = new ArrayList<>();
    if (match instanceof MatchResult.Matched matched) {
      for (MatchResult.Candidate candidate : matched.candidates()) {
        boolean best = suggestions.isEmpty();
        if (suggestions.size() == MAX_SUGGESTIONS
            || (!best && candidate.confidence() < SUGGEST_AT_LEAST)) {
          break;
        }
        Optional<Play> play = decider.content().playbook().play(candidate.playId());
        if (play.isEmpty() || play.get().status() != dev.leeway.playbook.PlayStatus.PUBLISHED) {
          // A matcher kept for a revision that retired or removed plays still knows them, until
          // the one built without them takes over.
          continue;
        }
        // The facts the play declares: the money facts its rules read are among them.
        FactSet bound = PlayFacts.bind(facts, play.get().facts());
        PlayDecision decision =
            decider.decide(
                play.get(), bound, question.role(), java.util.Optional.of(question.today()));
        Map<String, List<String>> why = new HashMap<>();
        for (Decision d : decision.decisions()) {
          why.put(
              d.action().id(),
              Why.of(d, play.get(), decider.content().authority(), decider.factSpecs(play.get())));
        }
        suggestions.add(new Advice.Suggestion(candidate, decision, why));
      }
    }
    EscalationPath escalation = decider.content().authority().escalation();
    List<Guardrail> guardrails = decider.firedGuardrails(facts);
    if (suggestions.isEmpty()) {
      // The most urgent guardrail names the path: an immediate one never waits a working day.
      escalation =
          guardrails.stream()
              .min(java.util.Comparator.comparing(Guardrail::urgency))
              .map(g -> new EscalationPath(g.to(), g.whatToDoNow()))
              .orElse(escalation);
    }
    return new Advice(
        question, match, suggestions, facts, decider.content().version(), escalation, guardrails);
  }

  private static Map<String, FactSpec> knownFacts(Content content) {
    Map<String, FactSpec> known = new HashMap<>();
    Usage.specs(content.authority()).forEach(s -> known.put(s.name(), s));
    for (Play play : content.playbook().plays()) {
      play.facts().forEach(f -> known.putIfAbsent(f.name(), f));
    }
    // Shared definitions win: they are the ones every play agrees with.
    for (SharedFact shared : content.facts().facts().values()) {
      known.put(shared.spec().name(), shared.spec());
    }
    return Map.copyOf(known);
  }
}
