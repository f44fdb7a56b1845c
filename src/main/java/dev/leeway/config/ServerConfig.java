package dev.leeway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the server listens and where it finds its content, from environment variables with embedded
 * defaults so that {@code java -jar target/leeway.jar} needs no setup.
 */
public record ServerConfig(
    String host,
    int port,
    Path playbooks,
    Path configDir,
    Path dataDir,
    long maxBodyBytes,
    double requestsPerSecond,
    int burst,
    java.time.Duration conversationIdle,
    java.time.Duration socketIdle) {

  public static final String HOST = "LEEWAY_HOST";
  public static final String PORT = "LEEWAY_PORT";
  public static final String PLAYBOOKS = "LEEWAY_PLAYBOOKS";
  public static final String CONFIG_DIR = "LEEWAY_CONFIG_DIR";
  public static final String DATA_DIR = "LEEWAY_DATA_DIR";
  public static final String MAX_BODY = "LEEWAY_MAX_BODY_BYTES";
  public static final String RATE = "LEEWAY_RATE_PER_SECOND";
  public static final String BURST = "LEEWAY_RATE_BURST";
  public static final String CONVERSATION_IDLE = "LEEWAY_CONVERSATION_IDLE_MINUTES";
  public static final String SOCKET_IDLE = "LEEWAY_SOCKET_IDLE_SECONDS";

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(PORT + ": port must be 0-65535, got " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException(MAX_BODY + ": must be at least 1024, got " + maxBodyBytes);
    }
    if (requestsPerSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(RATE + " and " + BURST + ": must be at least 1");
    }
    if (conversationIdle.isNegative()
        || conversationIdle.isZero()
        || socketIdle.isNegative()
        || socketIdle.isZero()) {
      throw new IllegalArgumentException(
          CONVERSATION_IDLE + " and " + SOCKET_IDLE + ": must be at least 1");
    }
  }

  /**
   * The config folder that belongs to a playbook folder: {@code config} beside it (the layout of
   * this repository and of the examples), else {@code config} inside it. Never the current
   * directory's, which belongs to whatever pack happens to be there.
   */
  public static Path configBeside(Path playbooks) {
    Path absolute = playbooks.toAbsolutePath().normalize();
    Path sibling =
        absolute.getParent() == null
            ? absolute.resolve("config")
            : absolute.getParent().resolve("config");
    Path inside = absolute.resolve("config");
    if (!java.nio.file.Files.isDirectory(sibling) && java.nio.file.Files.isDirectory(inside)) {
      return relativeLike(playbooks, inside);
    }
    return relativeLike(playbooks, sibling);
  }

  /** A path written as relative as the one it was worked out from, so messages stay short. */
  private static Path relativeLike(Path given, Path found) {
    if (given.isAbsolute()) {
      return found;
    }
    Path here = Path.of("").toAbsolutePath();
    return found.startsWith(here) ? here.relativize(found) : found;
  }

  /** Defaults overridden by whichever {@code LEEWAY_*} variables {@code env} sets. */
  public static ServerConfig fromEnvironment(Map<String, String> env) {
    Path playbooks = Path.of(env.getOrDefault(PLAYBOOKS, "playbooks"));
    Path configDir =
        env.containsKey(CONFIG_DIR) ? Path.of(env.get(CONFIG_DIR)) : configBeside(playbooks);
    return new ServerConfig(
        env.getOrDefault(HOST, "0.0.0.0"),
        integer(env, PORT, 8080),
        playbooks,
        configDir,
        Path.of(env.getOrDefault(DATA_DIR, "data")),
        integer(env, MAX_BODY, 64 * 1024),
        integer(env, RATE, 20),
        integer(env, BURST, 40),
        java.time.Duration.ofMinutes(integer(env, CONVERSATION_IDLE, 30)),
        java.time.Duration.ofSeconds(integer(env, SOCKET_IDLE, 300)));
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        host,
        newPort,
        playbooks,
        configDir,
        dataDir,
        maxBodyBytes,
        requestsPerSecond,
        burst,
        conversationIdle,
        socketIdle);
  }

  /** The same configuration with other content folders (the ask command's options). */
  public ServerConfig withContent(Path newPlaybooks, Path newConfigDir) {
    return new ServerConfig(
        host,
        port,
        newPlaybooks,
        newConfigDir,
        dataDir,
        maxBodyBytes,
        requestsPerSecond,
        burst,
        conversationIdle,
        socketIdle);
  }

  /** The authority matrix, guardrails and escalation path. */
  public Path authority() {
    return configDir.resolve("authority.yaml");
  }

  /** The shared fact vocabulary. */
  public Path facts() {
    return configDir.resolve("facts.yaml");
  }

  /** The supervisor-editable synonym list; optional. */
  public Path synonyms() {
    return configDir.resolve("synonyms.txt");
  }

  public Path offTopic() {
    return configDir.resolve("off-topic.txt");
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a whole number, got '" + value + "'");
    }
  }
}
