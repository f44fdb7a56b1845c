package dev.leeway.api;

import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which browser pages may open the chat WebSocket: the server's own origin and the configured ones.
 * A request without an Origin header does not come from a browser page and is let through (its
 * token still decides); a page elsewhere cannot ride on a signed-in agent's browser.
 */
final class Origins {

  private final List<String> allowed;
  private final boolean tls;

  Origins(List<String> allowed, boolean tls) {
    this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    this.tls = tls;
  }

  boolean allows(String origin, HostAndPort authority) {
    if (origin == null) {
      return true;
    }
    String normalised = origin.strip().toLowerCase(Locale.ROOT);
    if (allowed.contains(normalised)) {
      return true;
    }
    if (authority == null) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(normalised);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = tls ? "https" : "http";
    int defaultPort = tls ? 443 : 80;
    int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
    int hostPort = authority.port() < 0 ? defaultPort : authority.port();
    return scheme.equals(uri.getScheme())
        && uri.getHost() != null
        && uri.getHost().equalsIgnoreCase(authority.host())
        && originPort == hostPort;
  }
}
