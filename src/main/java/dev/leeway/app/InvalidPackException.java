package dev.leeway.app;

import dev.leeway.json.Problem;
import java.util.List;

/** The playbook folder or authority matrix is invalid; the server does not start on it. */
public final class InvalidPackException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  InvalidPackException(List<Problem> problems) {
    super(problems.size() + " problem(s) in the playbooks or authority matrix");
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
