package dev.leeway.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.config.Guardrail;
import dev.leeway.decide.Check;
import dev.leeway.decide.Decision;
import dev.leeway.decide.Trace;
import dev.leeway.facts.Fact;
import dev.leeway.facts.FactSource;
import dev.leeway.facts.FactValue;
import dev.leeway.json.Json;
import dev.leeway.match.MatchResult;
import dev.leeway.playbook.Play;

/**
 * The structured answer, as {@code ask --json} prints it and the suggest API returns it: one shape
 * for scripts, integrations and the chat page.
 */
public final class AdviceJson {

  private AdviceJson() {}

  public static ObjectNode of(Advice advice) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("outcome", advice.outcome());
    json.put("role", advice.question().role());
    json.put("today", advice.question().today().toString());
    json.put("content_version", advice.contentVersion());
    if (!advice.guardrails().isEmpty()) {
      ArrayNode guardrails = json.putArray("guardrails");
      for (Guardrail g : advice.guardrailsByUrgency()) {
        guardrails
            .addObject()
            .put("id", g.id())
            .put("team", g.to())
            .put("urgency", g.urgency().written())
            .put("do_now", g.whatToDoNow())
            .put("reason", g.reason());
      }
    }
    ArrayNode plays = json.putArray("plays");
    for (Advice.Suggestion suggestion : advice.plays()) {
      plays.add(suggestion(suggestion));
    }
    ArrayNode facts = json.putArray("facts");
    advice.facts().all().forEach(f -> facts.add(fact(f)));
    if (advice.match() instanceof MatchResult.NoMatch noMatch) {
      ObjectNode none = json.putObject("no_match");
      none.put("reason", noMatch.reason());
      none.put("message", AnswerWords.noMatchMessage(noMatch));
      none.put("next_step", AnswerWords.nextStep(advice));
      none.putObject("escalation")
          .put("to", advice.escalation().to())
          .put("how", advice.escalation().how());
      none.set("nearest", candidates(noMatch));
    }
    if (advice.match() instanceof MatchResult.Vague vague) {
      ObjectNode topic = json.putObject("vague");
      topic.put("reason", vague.reason());
      topic.put("plays", vague.plays());
      topic.set("likeliest", candidates(vague));
    }
    return json;
  }

  private static ArrayNode candidates(MatchResult result) {
    ArrayNode array = Json.json().createArrayNode();
    for (MatchResult.Candidate c : result.candidates()) {
      array
          .addObject()
          .put("play_id", c.playId())
          .put("title", c.title())
          .put("confidence", round(c.confidence()));
    }
    return array;
  }

  private static ObjectNode suggestion(Advice.Suggestion suggestion) {
    MatchResult.Candidate c = suggestion.candidate();
    ObjectNode json = Json.json().createObjectNode();
    json.put("play_id", c.playId());
    json.put("title", c.title());
    json.put("version", c.playVersion());
    json.put("confidence", round(c.confidence()));
    if (c.signals().nearestExample() != null) {
      json.put("nearest_example", c.signals().nearestExample());
    }
    Play play = suggestion.decision().play();
    ArrayNode urgentSteps = json.putArray("urgent_steps");
    play.urgentSteps().forEach(urgentSteps::add);
    // Every step, the urgent ones first, for readers that know only this list.
    ArrayNode guidance = json.putArray("guidance");
    play.urgentSteps().forEach(guidance::add);
    play.otherSteps().forEach(guidance::add);
    play.replyText().ifPresent(r -> json.put("reply", r));
    suggestion
        .decision()
        .question()
        .ifPresent(
            q -> {
              ObjectNode question = json.putObject("question");
              question.put("fact", q.fact()).put("text", q.text());
              ArrayNode settles = question.putArray("settles");
              q.settles().forEach(settles::add);
            });
    ArrayNode actions = json.putArray("actions");
    for (Decision d : AnswerWords.urgentFirst(suggestion.decision().decisions())) {
      ObjectNode action = decision(d);
      ArrayNode why = Json.json().createArrayNode();
      suggestion.why(d).forEach(why::add);
      action.set("why", why);
      actions.add(action);
    }
    return json;
  }

  /** One action's decision with its trace. */
  public static ObjectNode decision(Decision d) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("action_id", d.action().id());
    json.put("label", d.action().label());
    json.put("kind", d.action().kind());
    json.put("decision", d.kind());
    json.put("urgent", d.action().comesFirst());
    d.amount().ifPresent(a -> json.put("amount", a));
    json.put("currency", d.currency());
    json.put("reason", d.reason());
    if (d.policy() != null) {
      json.put("policy", d.policy());
    }
    switch (d) {
      case Decision.CanDo c -> c.upTo().ifPresent(u -> json.put("up_to", u));
      case Decision.CanDoByException e -> {
        json.put("exception", e.exceptionId());
        e.upTo().ifPresent(u -> json.put("up_to", u));
      }
      case Decision.NeedsApproval n -> {
        json.put("approver", n.approverRole());
        json.put("approver_label", n.approverLabel());
        n.canDoNow().ifPresent(a -> json.put("can_do_now", a));
      }
      case Decision.CannotDo c -> {
        ArrayNode instead = json.putArray("instead");
        for (Decision.Instead alternative : c.instead()) {
          switch (alternative) {
            case Decision.Instead.OtherAction other ->
                instead.addObject().put("action_id", other.actionId()).put("label", other.label());
            case Decision.Instead.Say say -> instead.addObject().put("say", say.words());
          }
        }
      }
      case Decision.NotApplicable n -> {}
      case Decision.Escalate e -> json.put("escalate_to", e.to());
      case Decision.NeedInfo n -> {
        json.put("fact", n.fact());
        json.put("question", n.question());
      }
    }
    json.set("trace", trace(d.trace()));
    return json;
  }

  private static ObjectNode trace(Trace trace) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("play_id", trace.playId());
    json.put("play_version", trace.playVersion());
    json.put("content_version", trace.contentVersion());
    json.put("role", trace.role());
    ArrayNode facts = json.putArray("facts");
    trace.facts().forEach(f -> facts.add(fact(f)));
    ArrayNode checks = json.putArray("checks");
    for (Check check : trace.checks()) {
      checks
          .addObject()
          .put("subject", check.subject())
          .put("condition", check.condition())
          .put("outcome", check.outcome().name().toLowerCase(java.util.Locale.ROOT))
          .put("explanation", check.explanation());
    }
    return json;
  }

  /** A fact with its value, how it reads, and where it came from. */
  public static ObjectNode fact(Fact fact) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("name", fact.name());
    switch (fact.value()) {
      case FactValue.Money m -> json.put("value", m.amount()).put("currency", m.currency());
      case FactValue.Whole w -> json.put("value", w.value());
      case FactValue.Flag f -> json.put("value", f.value());
      case FactValue.Text t -> json.put("value", t.value());
      case FactValue.Date d -> json.put("value", d.value().toString());
    }
    json.put("display", fact.value().display());
    ObjectNode source = json.putObject("source");
    switch (fact.source()) {
      case FactSource.Text t ->
          source
              .put("type", "text")
              .put("turn", t.turn())
              .put("start", t.start())
              .put("end", t.end())
              .put("span", t.span());
      case FactSource.Context c -> source.put("type", "context").put("field", c.field());
      case FactSource.Assumed a -> source.put("type", "assumed");
      case FactSource.Derived derived -> {
        source.put("type", "derived");
        ArrayNode from = source.putArray("from");
        derived.from().forEach(from::add);
      }
    }
    json.put("confidence", round(fact.confidence()));
    return json;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
