package dev.leeway.playbook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One playbook entry: a customer situation, how to recognise it, and what an agent may do about it.
 *
 * @param guidance the steps for the agent, in order; urgent ones are shown first
 * @param reply for an informational play, what to tell the customer; null for none
 * @param instead what to offer when one of its actions is a firm no and has no list of its own
 * @param bendable the default for its actions: whether an approver may allow an action whose rule
 *     is not met (null: yes)
 */
public record Play(
    String id,
    String title,
    String situation,
    List<String> examples,
    List<String> tags,
    List<FactSpec> facts,
    List<GuidanceStep> guidance,
    String reply,
    List<Action> actions,
    List<PolicyException> exceptions,
    List<EscalationTrigger> triggers,
    List<Alternative> instead,
    Boolean bendable,
    String owner,
    PlayStatus status,
    int version,
    LocalDate reviewBy) {

  public Play {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    situation = situation == null ? "" : situation;
    examples = List.copyOf(examples == null ? List.of() : examples);
    tags = List.copyOf(tags == null ? List.of() : tags);
    facts = List.copyOf(facts == null ? List.of() : facts);
    guidance = List.copyOf(guidance == null ? List.of() : guidance);
    actions = List.copyOf(actions == null ? List.of() : actions);
    exceptions = List.copyOf(exceptions == null ? List.of() : exceptions);
    triggers = List.copyOf(triggers == null ? List.of() : triggers);
    instead = List.copyOf(instead == null ? List.of() : instead);
    status = status == null ? PlayStatus.DRAFT : status;
  }

  /** A play without a reply, alternatives or a bendable default. */
  public Play(
      String id,
      String title,
      String situation,
      List<String> examples,
      List<String> tags,
      List<FactSpec> facts,
      List<GuidanceStep> guidance,
      List<Action> actions,
      List<PolicyException> exceptions,
      List<EscalationTrigger> triggers,
      String owner,
      PlayStatus status,
      int version,
      LocalDate reviewBy) {
    this(
        id,
        title,
        situation,
        examples,
        tags,
        facts,
        guidance,
        null,
        actions,
        exceptions,
        triggers,
        null,
        null,
        owner,
        status,
        version,
        reviewBy);
  }

  /**
   * A minimal play for matching-only uses such as the eval harness: only recognition fields set.
   */
  public static Play forMatching(String id, String title, List<String> examples) {
    return new Play(
        id,
        title,
        "",
        examples,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        PlayStatus.PUBLISHED,
        1,
        null);
  }

  /** The protective steps, in the play's order: shown first, before any question. */
  @JsonIgnore
  public List<String> urgentSteps() {
    return guidance.stream().filter(GuidanceStep::urgent).map(GuidanceStep::step).toList();
  }

  /** The other steps, in the play's order. */
  @JsonIgnore
  public List<String> otherSteps() {
    return guidance.stream().filter(s -> !s.urgent()).map(GuidanceStep::step).toList();
  }

  /** The reply an informational play gives. */
  public Optional<String> replyText() {
    return reply == null || reply.isBlank() ? Optional.empty() : Optional.of(reply.strip());
  }

  /** Whether the play answers a question rather than deciding actions. */
  @JsonIgnore
  public boolean informational() {
    return replyText().isPresent() && actions.isEmpty();
  }

  /** Whether an approver may allow {@code action} when its rule is not met. */
  public boolean bendable(Action action) {
    if (action.bendable() != null) {
      return action.bendable();
    }
    return bendable == null || bendable;
  }

  /** What to offer when {@code action} is a firm no: its own list, else the play's. */
  public List<Alternative> insteadOf(Action action) {
    return action.instead().isEmpty() ? instead : action.instead();
  }
}
