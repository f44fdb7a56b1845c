package dev.leeway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the server protects itself and its users from clients that misbehave: TLS, allowed browser
 * origins, HTTP timeouts, limits on sockets that have not signed in, and fair use per token. Read
 * from {@code LEEWAY_*} environment variables with defaults that suit a server on a trusted
 * network; every value is checked at start, naming the variable.
 *
 * @param tlsCert a PEM certificate chain; with {@code tlsKey}, the server speaks HTTPS and WSS only
 * @param tlsKey the PEM private key (PKCS#8 or PKCS#1) for {@code tlsCert}
 * @param allowedOrigins browser origins (such as {@code https://helpdesk.example.com}) that may
 *     open the chat WebSocket besides the server's own; requests without an Origin are not browsers
 *     and pass
 * @param frameAncestors the CSP {@code frame-ancestors} sources for pages ({@code 'self'} by
 *     default)
 * @param idleTimeout an HTTP connection with no traffic this long is closed
 * @param headerTimeout a connection whose first request's headers have not all arrived this long
 *     after it opened is closed (later requests have the idle timeout from the last answer)
 * @param requestTimeout a request whose body has not all arrived this long after its headers is
 *     answered 408 and its connection closed
 * @param anonymousSockets how many WebSockets may be open at once before they sign in
 * @param anonymousBytes how many bytes a WebSocket may send before it signs in
 * @param concurrentAnswers how many answers one token may have in progress at once
 * @param textCharsPerSecond the sustained characters of text per second one token may have
 *     answered, empty for 500 per allowed request per second
 */
public record Protection(
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    List<String> allowedOrigins,
    String frameAncestors,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration requestTimeout,
    int anonymousSockets,
    long anonymousBytes,
    int concurrentAnswers,
    Optional<Integer> textCharsPerSecond) {

  public static final String TLS_CERT = "LEEWAY_TLS_CERT";
  public static final String TLS_KEY = "LEEWAY_TLS_KEY";
  public static final String ALLOWED_ORIGINS = "LEEWAY_ALLOWED_ORIGINS";
  public static final String FRAME_ANCESTORS = "LEEWAY_FRAME_ANCESTORS";
  public static final String IDLE_TIMEOUT = "LEEWAY_HTTP_IDLE_SECONDS";
  public static final String HEADER_TIMEOUT = "LEEWAY_HTTP_HEADER_SECONDS";
  public static final String REQUEST_TIMEOUT = "LEEWAY_HTTP_BODY_SECONDS";
  public static final String ANONYMOUS_SOCKETS = "LEEWAY_WS_UNAUTHENTICATED_MAX";
  public static final String ANONYMOUS_BYTES = "LEEWAY_WS_UNAUTHENTICATED_BYTES";
  public static final String CONCURRENT_ANSWERS = "LEEWAY_CONCURRENT_ANSWERS";
  public static final String TEXT_RATE = "LEEWAY_TEXT_CHARS_PER_SECOND";

  /**
   * Characters of text per second a token may have answered, per request per second it may make.
   */
  public static final int CHARS_PER_REQUEST = 500;

  public Protection {
    allowedOrigins = List.copyOf(allowedOrigins);
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException(
          TLS_CERT
              + " and "
              + TLS_KEY
              + ": set both (a PEM certificate and its PEM key) or neither");
    }
    for (String origin : allowedOrigins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException(
            ALLOWED_ORIGINS
                + ": '"
                + origin
                + "' is not an origin like https://helpdesk.example.com (scheme and host, optional port, no path)");
      }
    }
    if (frameAncestors.isBlank() || frameAncestors.contains(";") || frameAncestors.contains(",")) {
      throw new IllegalArgumentException(
          FRAME_ANCESTORS
              + ": expected CSP sources such as 'self' https://helpdesk.example.com, got '"
              + frameAncestors
              + "'");
    }
    positive(IDLE_TIMEOUT, idleTimeout);
    positive(HEADER_TIMEOUT, headerTimeout);
    positive(REQUEST_TIMEOUT, requestTimeout);
    if (anonymousSockets < 1 || anonymousBytes < 1024 || concurrentAnswers < 1) {
      throw new IllegalArgumentException(
          ANONYMOUS_SOCKETS
              + " and "
              + CONCURRENT_ANSWERS
              + " must be at least 1, "
              + ANONYMOUS_BYTES
              + " at least 1024");
    }
    if (textCharsPerSecond.isPresent() && textCharsPerSecond.get() < 1) {
      throw new IllegalArgumentException(
          TEXT_RATE + ": must be at least 1, got " + textCharsPerSecond.get());
    }
  }

  /** The defaults: plain HTTP, same-origin sockets only. */
  public static Protection defaults() {
    return fromEnvironment(Map.of());
  }

  /** Defaults overridden by whichever {@code LEEWAY_*} variables {@code env} sets. */
  public static Protection fromEnvironment(Map<String, String> env) {
    Optional<Path> cert = path(env, TLS_CERT);
    Optional<Path> key = path(env, TLS_KEY);
    List<String> origins =
        Arrays.stream(env.getOrDefault(ALLOWED_ORIGINS, "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
            .toList();
    String text = env.get(TEXT_RATE);
    return new Protection(
        cert,
        key,
        origins,
        env.getOrDefault(FRAME_ANCESTORS, "'self'").strip(),
        Duration.ofSeconds(whole(env, IDLE_TIMEOUT, 60)),
        Duration.ofSeconds(whole(env, HEADER_TIMEOUT, 10)),
        Duration.ofSeconds(whole(env, REQUEST_TIMEOUT, 30)),
        (int) whole(env, ANONYMOUS_SOCKETS, 1000),
        whole(env, ANONYMOUS_BYTES, 16 * 1024),
        (int) whole(env, CONCURRENT_ANSWERS, 4),
        text == null || text.isBlank()
            ? Optional.empty()
            : Optional.of((int) whole(env, TEXT_RATE, 0)));
  }

  /** Whether the server speaks TLS. */
  public boolean tls() {
    return tlsCert.isPresent();
  }

  /** The same protection with other fair-use limits (tests and benchmarks). */
  public Protection withFairUse(int newConcurrentAnswers, int newTextCharsPerSecond) {
    return new Protection(
        tlsCert,
        tlsKey,
        allowedOrigins,
        frameAncestors,
        idleTimeout,
        headerTimeout,
        requestTimeout,
        anonymousSockets,
        anonymousBytes,
        newConcurrentAnswers,
        Optional.of(newTextCharsPerSecond));
  }

  /** The same protection with other HTTP timeouts (tests). */
  public Protection withTimeouts(Duration idle, Duration header, Duration request) {
    return new Protection(
        tlsCert,
        tlsKey,
        allowedOrigins,
        frameAncestors,
        idle,
        header,
        request,
        anonymousSockets,
        anonymousBytes,
        concurrentAnswers,
        textCharsPerSecond);
  }

  /** The same protection with TLS from these PEM files (tests). */
  public Protection withTls(Path cert, Path key) {
    return new Protection(
        Optional.of(cert),
        Optional.of(key),
        allowedOrigins,
        frameAncestors,
        idleTimeout,
        headerTimeout,
        requestTimeout,
        anonymousSockets,
        anonymousBytes,
        concurrentAnswers,
        textCharsPerSecond);
  }

  /** The same protection with other limits for sockets that have not signed in (tests). */
  public Protection withAnonymousSockets(int sockets, long bytes) {
    return new Protection(
        tlsCert,
        tlsKey,
        allowedOrigins,
        frameAncestors,
        idleTimeout,
        headerTimeout,
        requestTimeout,
        sockets,
        bytes,
        concurrentAnswers,
        textCharsPerSecond);
  }

  /** The same protection with these extra allowed origins (tests). */
  public Protection withAllowedOrigins(List<String> origins) {
    return new Protection(
        tlsCert,
        tlsKey,
        origins,
        frameAncestors,
        idleTimeout,
        headerTimeout,
        requestTimeout,
        anonymousSockets,
        anonymousBytes,
        concurrentAnswers,
        textCharsPerSecond);
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": must be at least 1");
    }
  }

  private static Optional<Path> path(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(value.strip());
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(name + ": cannot read '" + value.strip() + "'");
    }
    return Optional.of(path);
  }

  private static long whole(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a whole number, got '" + value + "'");
    }
  }
}
