package dev.leeway.api;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The headers every response carries: a Content-Security-Policy (sent as a header, since {@code
 * frame-ancestors} has no effect in a {@code <meta>} tag), no MIME sniffing, no referrer; API
 * answers are also never cached, as they hold customers' situations.
 */
final class SecurityHeaders {

  private final String policy;

  SecurityHeaders(String frameAncestors) {
    this.policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors "
            + frameAncestors;
  }

  /** Sets the headers before anything else can answer the request. */
  void apply(HttpServerRequest request) {
    MultiMap headers = request.response().headers();
    headers.set("Content-Security-Policy", policy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    String path = request.path() == null ? "" : request.path();
    if (!isPage(path)) {
      headers.set("Cache-Control", "no-store");
    }
  }

  /** The chat page and its assets; everything else is an API answer. */
  private static boolean isPage(String path) {
    return !(path.startsWith("/api/") || path.equals("/health") || path.equals("/metrics"));
  }
}
