package dev.leeway.api;

import dev.leeway.auth.TokenStore;
import dev.leeway.auth.User;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Requires a bearer token on every API call and applies the token's rate limit. The token never
 * appears in a log line or an error message.
 */
final class Authentication implements Handler<RoutingContext> {

  private static final String USER = "leeway.user";

  private final TokenStore tokens;
  private final RateLimiter limiter;
  private final LeewayMetrics metrics;

  Authentication(TokenStore tokens, Limits limits, LeewayMetrics metrics) {
    this.tokens = tokens;
    this.limiter = new RateLimiter(limits.requestsPerSecond(), limits.burst());
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<User> user = user(ctx.request());
    if (user.isEmpty()) {
      metrics.refused(401);
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"leeway\"");
      ProblemResponses.send(ctx, 401, "Unauthorized", unauthorized(ctx.request()));
      return;
    }
    long wait = limiter.acquire(user.get().name(), System.nanoTime());
    if (wait > 0) {
      metrics.refused(429);
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      ProblemResponses.send(
          ctx,
          429,
          "Too many requests",
          "over this token's request rate; retry after " + wait + " s");
      return;
    }
    ctx.put(USER, user.get());
    ctx.next();
  }

  /** The user a request's bearer token belongs to. */
  Optional<User> user(HttpServerRequest request) {
    return bearer(request.getHeader("Authorization"))
        .flatMap(token -> tokens.signIn(token, TokenStore.Via.API));
  }

  /** The user an Authorization header's bearer token belongs to. */
  Optional<User> fromHeader(String header) {
    return bearer(header).flatMap(tokens::verify);
  }

  /**
   * Whether this user may make another request now (for WebSocket frames); seconds to wait if not.
   */
  long throttle(User user) {
    return limiter.acquire(user.name(), System.nanoTime());
  }

  Optional<User> verify(String token) {
    return tokens.verify(token);
  }

  /** As {@link #verify}, for a WebSocket session signing in: recorded in the audit log. */
  Optional<User> signIn(String token) {
    return tokens.signIn(token, TokenStore.Via.SOCKET);
  }

  static User user(RoutingContext ctx) {
    User user = ctx.get(USER);
    if (user == null) {
      throw new IllegalStateException("route is missing the authentication handler");
    }
    return user;
  }

  static Optional<String> bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static String unauthorized(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return "send 'Authorization: Bearer <token>'; create a token with 'leeway token create'";
    }
    if (bearer(header).isEmpty()) {
      return "the Authorization header must be 'Bearer <token>'";
    }
    return "the token is unknown or revoked";
  }
}
