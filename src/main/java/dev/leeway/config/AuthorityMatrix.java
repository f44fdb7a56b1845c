package dev.leeway.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what on their own authority: the action kinds plays may use and the roles with their
 * limits, as loaded from {@code config/authority.yaml} by {@link AuthorityLoader}.
 *
 * @param actionKinds by id, in file order
 * @param roles by id, in file order
 * @param guardrails checked before every decision, in file order
 * @param escalation where cases go when nothing fits or nobody in the chain may decide
 * @param teams the teams that triggers and guardrails may send a case to, besides roles; when none
 *     are declared, any destination is accepted
 * @param publishing how content changes are published (approvals needed)
 */
public record AuthorityMatrix(
    Map<String, ActionKind> actionKinds,
    Map<String, Role> roles,
    List<Guardrail> guardrails,
    EscalationPath escalation,
    List<String> teams,
    Publishing publishing) {

  /**
   * How content changes made in the supervisors' workspace are published.
   *
   * @param approvals how many curators other than a draft's author must approve it first (0 or 1)
   */
  public record Publishing(int approvals) {
    /** No approval needed: a curator publishes a valid draft directly. */
    public static final Publishing DIRECT = new Publishing(0);

    public Publishing {
      if (approvals < 0) {
        throw new IllegalArgumentException("approvals must be 0 or more, was " + approvals);
      }
    }
  }

  /** Where cases go when the matrix names no path of its own. */
  public static final EscalationPath DEFAULT_ESCALATION =
      new EscalationPath(
          "the team leader on duty", "Transfer the case to the team leader on duty.");

  public AuthorityMatrix {
    actionKinds = Collections.unmodifiableMap(new LinkedHashMap<>(actionKinds));
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    guardrails = List.copyOf(guardrails == null ? List.of() : guardrails);
    escalation = escalation == null ? DEFAULT_ESCALATION : escalation;
    teams = List.copyOf(teams == null ? List.of() : teams);
    publishing = publishing == null ? Publishing.DIRECT : publishing;
    for (Role role : roles.values()) {
      if (role.approver() != null && !roles.containsKey(role.approver())) {
        throw new IllegalArgumentException(
            "role " + role.id() + " has unknown approver " + role.approver());
      }
      for (String kind : role.limits().keySet()) {
        if (!actionKinds.containsKey(kind)) {
          throw new IllegalArgumentException("role " + role.id() + " limits unknown kind " + kind);
        }
      }
    }
  }

  /** A matrix with the default publishing rule (no approval). */
  public AuthorityMatrix(
      Map<String, ActionKind> actionKinds,
      Map<String, Role> roles,
      List<Guardrail> guardrails,
      EscalationPath escalation,
      List<String> teams) {
    this(actionKinds, roles, guardrails, escalation, teams, Publishing.DIRECT);
  }

  /** A matrix without guardrails, using the default escalation path. */
  public AuthorityMatrix(Map<String, ActionKind> actionKinds, Map<String, Role> roles) {
    this(actionKinds, roles, List.of(), null, List.of());
  }

  /** A matrix that declares no teams. */
  public AuthorityMatrix(
      Map<String, ActionKind> actionKinds,
      Map<String, Role> roles,
      List<Guardrail> guardrails,
      EscalationPath escalation) {
    this(actionKinds, roles, guardrails, escalation, List.of());
  }

  /**
   * Whether a case may be sent to {@code destination}: a role, or a declared team (any name when
   * the matrix declares no teams). Teams compare without regard to case.
   */
  public boolean knowsDestination(String destination) {
    return teams.isEmpty()
        || roles.containsKey(destination)
        || teams.stream().anyMatch(t -> t.equalsIgnoreCase(destination.strip()));
  }

  /** Every destination a case may be sent to: the roles, then the teams. */
  public List<String> destinations() {
    List<String> all = new ArrayList<>(roles.keySet());
    all.addAll(teams);
    return List.copyOf(all);
  }

  public Optional<ActionKind> kind(String id) {
    return Optional.ofNullable(actionKinds.get(id));
  }

  public Optional<Role> role(String id) {
    return Optional.ofNullable(roles.get(id));
  }

  /**
   * The roles that approve, in escalation order: the role's approver, then theirs, up to the top.
   */
  public List<Role> approvalChain(String roleId) {
    Role role = roles.get(Objects.requireNonNull(roleId, "roleId"));
    if (role == null) {
      throw new IllegalArgumentException("unknown role " + roleId);
    }
    List<Role> chain = new ArrayList<>();
    // The loader refuses cycles; the size bound keeps a hand-built matrix from looping forever.
    for (String next = role.approver(); next != null && chain.size() < roles.size(); ) {
      Role approver = roles.get(next);
      chain.add(approver);
      next = approver.approver();
    }
    return List.copyOf(chain);
  }
}
