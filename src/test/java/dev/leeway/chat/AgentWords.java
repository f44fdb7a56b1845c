package dev.leeway.chat;

import dev.leeway.decide.Decision;
import dev.leeway.match.MatchResult;
import dev.leeway.playbook.Content;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an agent reads in an answer (reasons, questions, the short "why" sentences, what to offer
 * instead, the reply to give, a no-match's message and next step, a guardrail's what to do now)
 * must be plain words: no play, action, exception or fact id and no condition syntax. The trace
 * keeps those for supervisors.
 */
final class AgentWords {

  private static final List<String> OPERATORS =
      List.of("&&", "||", ">=", "<=", "==", "!=", " in [");

  private AgentWords() {}

  /** Each id or operator an agent would read in this answer, with where it is. */
  static List<String> leaks(Advice advice, Content content) {
    Set<String> ids = ids(content);
    List<String> leaks = new ArrayList<>();
    for (var guardrail : advice.guardrails()) {
      check("guardrail do_now", guardrail.whatToDoNow(), ids, leaks);
    }
    if (advice.match() instanceof MatchResult.NoMatch noMatch) {
      check("no_match message", AnswerWords.noMatchMessage(noMatch), ids, leaks);
      check("no_match next_step", AnswerWords.nextStep(advice), ids, leaks);
      for (String number : List.of("confidence", "threshold", "0.")) {
        if (AnswerWords.noMatchMessage(noMatch).contains(number)) {
          leaks.add(
              "no_match message shows '" + number + "': " + AnswerWords.noMatchMessage(noMatch));
        }
      }
    }
    for (Advice.Suggestion suggestion : advice.plays()) {
      suggestion.decision().play().replyText().ifPresent(r -> check("reply", r, ids, leaks));
      suggestion.decision().question().ifPresent(q -> check("play question", q.text(), ids, leaks));
      for (Decision d : suggestion.decision().decisions()) {
        String where = d.action().id();
        check(where + " reason", d.reason(), ids, leaks);
        for (String sentence : suggestion.why(d)) {
          check(where + " why", sentence, ids, leaks);
        }
        if (d instanceof Decision.NeedInfo n) {
          check(where + " question", n.question(), ids, leaks);
        }
        if (d instanceof Decision.CannotDo no) {
          for (Decision.Instead alternative : no.instead()) {
            if (alternative instanceof Decision.Instead.Say say) {
              check(where + " instead", say.words(), ids, leaks);
            }
          }
        }
      }
    }
    return leaks;
  }

  private static void check(String where, String text, Set<String> ids, List<String> leaks) {
    for (String operator : OPERATORS) {
      if (text.contains(operator)) {
        leaks.add(where + " shows the operator '" + operator.strip() + "': " + text);
      }
    }
    for (String id : ids) {
      if (text.matches("(?s).*(?<![\\w.-])" + java.util.regex.Pattern.quote(id) + "(?![\\w-]).*")) {
        leaks.add(where + " shows the id '" + id + "': " + text);
      }
    }
  }

  /** Ids that cannot be mistaken for words: those with a dot, a dash or an underscore. */
  private static Set<String> ids(Content content) {
    Set<String> ids = new LinkedHashSet<>();
    for (Play play : content.playbook().plays()) {
      ids.add(play.id());
      play.actions().forEach(a -> ids.add(a.id()));
      play.exceptions().forEach(e -> ids.add(e.id()));
      play.triggers().forEach(t -> ids.add(t.id()));
      play.facts().stream().map(FactSpec::name).forEach(ids::add);
    }
    content.facts().facts().keySet().forEach(ids::add);
    content.authority().guardrails().forEach(g -> ids.add(g.id()));
    ids.removeIf(id -> !id.matches(".*[._-].*"));
    return ids;
  }
}
