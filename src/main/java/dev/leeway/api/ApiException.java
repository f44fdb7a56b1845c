package dev.leeway.api;

/** A request the API refuses, with the HTTP status and the words an integrator can act on. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private String field;
  private long retryAfter;
  private final java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();

  public ApiException(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad request", detail);
  }

  /** Names the request field at fault, for the problem's {@code field} member. */
  public ApiException field(String name) {
    this.field = name;
    return this;
  }

  /** Seconds the client should wait before trying again, for the Retry-After header of a 429. */
  public ApiException retryAfter(long seconds) {
    this.retryAfter = seconds;
    return this;
  }

  /**
   * Adds a member to the problem (e.g. {@code problems}, {@code theirs}): a Jackson tree, a string,
   * a number or a boolean.
   */
  public ApiException with(String name, Object value) {
    members.put(name, value);
    return this;
  }

  /** The problem's extra members, in the order added. */
  public java.util.Map<String, Object> members() {
    return java.util.Collections.unmodifiableMap(members);
  }

  public long retryAfterSeconds() {
    return retryAfter;
  }

  public String field() {
    return field;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
