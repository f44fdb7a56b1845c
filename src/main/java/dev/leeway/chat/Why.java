package dev.leeway.chat;

import dev.leeway.config.AuthorityMatrix;
import dev.leeway.config.Guardrail;
import dev.leeway.decide.Check;
import dev.leeway.decide.Decision;
import dev.leeway.decide.Outcome;
import dev.leeway.playbook.EscalationTrigger;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.PolicyException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an action came out as it did, as short sentences an agent can read: one per check of its
 * trace that bore on the verdict, worded from the check's outcome and the pack's own words (a
 * guardrail's or trigger's reason, an exception's description) rather than ids and conditions. The
 * trace keeps those for supervisors.
 */
final class Why {

  private Why() {}

  /**
   * The sentences for one decision.
   *
   * @param facts the facts the play can use, by name: a fact is named by its question, in the
   *     pack's own words ("Can the customer send a photo? No"), where the check names it
   */
  static List<String> of(
      Decision decision, Play play, AuthorityMatrix authority, Map<String, FactSpec> facts) {
    List<String> sentences = new ArrayList<>();
    for (Check check : decision.trace().checks()) {
      sentence(check, decision, play, authority)
          .map(s -> asked(s, facts))
          .map(Why::sentence)
          .ifPresent(sentences::add);
    }
    if (sentences.isEmpty()) {
      sentences.add(sentence(decision.reason()));
    }
    return sentences.stream().distinct().toList();
  }

  private static Optional<String> sentence(
      Check check, Decision decision, Play play, AuthorityMatrix authority) {
    String subject = check.subject();
    String explanation = check.explanation() == null ? "" : check.explanation().strip();
    Outcome outcome = check.outcome();
    if (outcome == Outcome.ERROR) {
      return Optional.of("A rule could not be checked on these facts, so a person decides");
    }
    if (subject.startsWith("guardrail ")) {
      String id = subject.substring("guardrail ".length());
      if (outcome != Outcome.TRUE) {
        return Optional.empty();
      }
      return authority.guardrails().stream()
          .filter(g -> g.id().equals(id))
          .findFirst()
          .map(Guardrail::reason);
    }
    if (subject.startsWith("trigger ")) {
      String id = subject.substring("trigger ".length());
      Optional<EscalationTrigger> trigger =
          play.triggers().stream().filter(t -> t.id().equals(id)).findFirst();
      if (trigger.isEmpty() || !trigger.get().covers(decision.action().id())) {
        return Optional.empty();
      }
      String to = trigger.get().to();
      return switch (outcome) {
        case TRUE ->
            Optional.of(
                trigger.get().reason() != null && !trigger.get().reason().isBlank()
                    ? trigger.get().reason()
                    : "This case goes to " + to);
        case UNKNOWN -> Optional.of("It would go to " + to + " depending on this: " + explanation);
        default -> Optional.empty();
      };
    }
    if (subject.startsWith("exception ")) {
      String id = subject.substring("exception ".length());
      String what =
          play.exceptions().stream()
              .filter(e -> e.id().equals(id))
              .findFirst()
              .map(Why::exceptionWords)
              .orElse("an exception");
      return switch (outcome) {
        case TRUE -> Optional.of("An exception applies: " + what);
        case UNKNOWN -> Optional.of("An exception may apply (" + what + "): " + explanation);
        default -> Optional.empty();
      };
    }
    return switch (subject) {
      case "precondition" ->
          Optional.of(
              switch (outcome) {
                case TRUE -> "It applies here: " + explanation;
                case FALSE -> "It does not apply here: " + explanation;
                default -> "Whether it applies is not known yet: " + explanation;
              });
      case "rule" ->
          Optional.of(
              switch (outcome) {
                case TRUE ->
                    explanation.startsWith("no condition")
                        ? "The policy sets no condition on it"
                        : "The policy's condition is met: " + explanation;
                case FALSE -> "The policy's condition is not met: " + explanation;
                default -> "The policy's condition is not confirmed yet: " + explanation;
              });
      default -> explanation.isEmpty() ? Optional.empty() : Optional.of(explanation);
    };
  }

  /**
   * The explanation with each fact it names ("has photo is no", "days since delivery not known")
   * put as the pack's question and its answer ("Can the customer send a photo? No", "How many days
   * ago was it delivered? Not known yet").
   */
  static String asked(String text, Map<String, FactSpec> facts) {
    List<FactSpec> specs =
        facts.values().stream()
            .filter(f -> f.question() != null && f.question().strip().endsWith("?"))
            .sorted(Comparator.comparingInt((FactSpec f) -> f.name().length()).reversed())
            .toList();
    String out = text;
    for (FactSpec spec : specs) {
      String label = Pattern.quote(spec.name().replace('_', ' '));
      String question = Matcher.quoteReplacement(spec.question().strip());
      out =
          Pattern.compile("(?<![\\w'])" + label + " is ([^;]+?)(?=;|$| or )")
              .matcher(out)
              .replaceAll(m -> question + " " + Matcher.quoteReplacement(upperFirst(m.group(1))));
      out =
          Pattern.compile("(?<![\\w'])" + label + " not known")
              .matcher(out)
              .replaceAll(question + " Not known yet");
    }
    return out;
  }

  private static String upperFirst(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String exceptionWords(PolicyException exception) {
    if (exception.description() != null && !exception.description().isBlank()) {
      return lowerFirst(stripStop(exception.description().strip()));
    }
    return exception.policy() != null && !exception.policy().isBlank()
        ? exception.policy().strip()
        : "a policy exception";
  }

  /** Capitalised, one sentence, ending with a full stop. */
  static String sentence(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return t;
    }
    t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
  }

  private static String stripStop(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String lowerFirst(String text) {
    if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && !isAcronym(text)) {
      return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
    return text;
  }

  private static boolean isAcronym(String text) {
    return text.length() > 1 && Character.isUpperCase(text.charAt(1));
  }
}
