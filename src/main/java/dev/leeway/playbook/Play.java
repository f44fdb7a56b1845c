package dev.leeway.playbook;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** One playbook entry: a customer situation, how to recognise it, and what an agent may do about it. */
public record Play(
    String id,
    String title,
    String situation,
    List<String> examples,
    List<String> tags,
    List<FactSpec> facts,
    List<String> guidance,
    List<Action> actions,
    List<PolicyException> exceptions,
    List<EscalationTrigger> triggers,
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
    status = status == null ? PlayStatus.DRAFT : status;
  }

  /** A minimal play for matching-only uses such as the eval harness: only recognition fields set. */
  public static Play forMatching(String id, String title, List<String> examples) {
    return new Play(
        id, title, "", examples, List.of(), null, null, null, null, null, null,
        PlayStatus.PUBLISHED, 1, null);
  }
}
