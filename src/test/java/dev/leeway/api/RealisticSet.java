package dev.leeway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The realistic set's two files ({@code src/test/resources/realistic/situations.yaml} and {@code
 * conversations.yaml}) read into records. A key that is not known, a missing text or a bad decision
 * kind is an error naming the file, the item and the key.
 */
record RealisticSet(LocalDate today, List<Situation> situations, List<Conv> conversations) {

  static final Path SITUATIONS = Path.of("src/test/resources/realistic/situations.yaml");
  static final Path CONVERSATIONS = Path.of("src/test/resources/realistic/conversations.yaml");

  static final Set<String> KINDS =
      Set.of(
          "CAN_DO",
          "CAN_DO_BY_EXCEPTION",
          "NEEDS_APPROVAL",
          "CANNOT_DO",
          "NOT_APPLICABLE",
          "ESCALATE",
          "NEED_INFO");

  private static final Set<String> SITUATION_KEYS =
      Set.of("id", "text", "role", "facts", "play", "verdicts", "urgent", "why");
  private static final Set<String> TURN_KEYS =
      Set.of(
          "text",
          "new_case",
          "start_case",
          "case",
          "case_started",
          "confirm_ok",
          "play",
          "kind",
          "verdicts",
          "urgent",
          "not_carried",
          "no_guardrail",
          "read");
  private static final Set<String> CONVERSATION_KEYS = Set.of("id", "role", "turns", "transcript");
  private static final Set<String> URGENT_KEYS =
      Set.of("guardrail", "team", "urgency", "actions", "steps");
  private static final Set<String> TRANSCRIPT_KEYS = Set.of("cases", "facts_absent");

  /**
   * The plays that are right for an item: play ids, "none", or "~regex" over play ids.
   *
   * @param accepted as written in the file
   */
  record PlayExpectation(List<String> accepted) {

    boolean accepts(String playId) {
      for (String a : accepted) {
        if (a.startsWith("~")
            ? !playId.equals("none") && Pattern.compile(a.substring(1)).matcher(playId).find()
            : a.equals(playId)) {
          return true;
        }
      }
      return false;
    }

    /** Whether nothing in the pack should fit. */
    boolean expectsNone() {
      return accepted.size() == 1 && accepted.get(0).equals("none");
    }

    @Override
    public String toString() {
      return accepted.size() == 1 ? accepted.get(0) : accepted.toString();
    }
  }

  /**
   * The urgent path an answer must take.
   *
   * @param guardrail a guardrail id that must fire, or null
   * @param team who must take the case (guardrail team or an action's escalation), or null
   * @param urgency the guardrail's urgency, or null
   * @param actions protective actions that must be urgent, first and decided
   * @param steps whether urgent guidance steps are expected
   */
  record Urgent(
      String guardrail, String team, String urgency, List<String> actions, boolean steps) {}

  /** A verdict expectation: one decision kind, or several that are all right. */
  record Verdict(List<String> kinds) {
    boolean accepts(String kind) {
      return kinds.contains(kind);
    }

    @Override
    public String toString() {
      return kinds.size() == 1 ? kinds.get(0) : String.join("|", kinds);
    }
  }

  /** What one answer must show; shared by situations and conversation turns. */
  record Expect(
      PlayExpectation play,
      String kind,
      Map<String, Verdict> verdicts,
      Urgent urgent,
      Map<String, String> read) {}

  record Situation(
      String id, String text, String role, Map<String, Object> facts, Expect expect, String why) {}

  record Turn(
      String text,
      boolean newCase,
      boolean startCase,
      Integer caseNumber,
      Boolean caseStarted,
      boolean confirmOk,
      Expect expect,
      List<String> notCarried,
      boolean noGuardrail) {}

  record TranscriptExpectation(Integer cases, List<String> factsAbsent) {}

  record Conv(String id, String role, List<Turn> turns, TranscriptExpectation transcript) {}

  static RealisticSet load() {
    JsonNode situations = read(SITUATIONS);
    JsonNode conversations = read(CONVERSATIONS);
    LocalDate today = LocalDate.parse(situations.path("today").asText());
    if (!today.toString().equals(conversations.path("today").asText())) {
      throw new IllegalArgumentException(
          CONVERSATIONS + ": today must be the same as in " + SITUATIONS + " (" + today + ")");
    }
    List<Situation> s = new ArrayList<>();
    for (JsonNode node : situations.path("situations")) {
      s.add(situation(node));
    }
    List<Conv> c = new ArrayList<>();
    for (JsonNode node : conversations.path("conversations")) {
      c.add(conversation(node));
    }
    return new RealisticSet(today, List.copyOf(s), List.copyOf(c));
  }

  private static JsonNode read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private static Situation situation(JsonNode node) {
    String id = text(node, "id", SITUATIONS + " (unnamed situation)");
    String where = SITUATIONS + " situation '" + id + "'";
    keys(node, SITUATION_KEYS, where);
    Map<String, Object> facts = new LinkedHashMap<>();
    node.path("facts")
        .properties()
        .forEach(
            e ->
                facts.put(
                    e.getKey(),
                    e.getValue().isBoolean()
                        ? e.getValue().booleanValue()
                        : e.getValue().asText()));
    Expect expect = expect(node, where);
    if (expect.play() == null) {
      throw new IllegalArgumentException(where + ": 'play' is required");
    }
    return new Situation(
        id,
        text(node, "text", where),
        node.path("role").asText("agent"),
        facts,
        expect,
        node.path("why").asText(""));
  }

  private static Conv conversation(JsonNode node) {
    String id = text(node, "id", CONVERSATIONS + " (unnamed conversation)");
    String where = CONVERSATIONS + " conversation '" + id + "'";
    keys(node, CONVERSATION_KEYS, where);
    List<Turn> turns = new ArrayList<>();
    int n = 0;
    for (JsonNode t : node.path("turns")) {
      n++;
      String at = where + " turn " + n;
      keys(t, TURN_KEYS, at);
      turns.add(
          new Turn(
              text(t, "text", at),
              t.path("new_case").asBoolean(false),
              t.path("start_case").asBoolean(false),
              t.hasNonNull("case") ? t.get("case").asInt() : null,
              t.hasNonNull("case_started") ? t.get("case_started").asBoolean() : null,
              t.path("confirm_ok").asBoolean(false),
              expect(t, at),
              strings(t.path("not_carried")),
              t.path("no_guardrail").asBoolean(false)));
    }
    if (turns.isEmpty()) {
      throw new IllegalArgumentException(where + ": 'turns' is required");
    }
    TranscriptExpectation transcript = null;
    if (node.has("transcript")) {
      JsonNode tr = node.get("transcript");
      keys(tr, TRANSCRIPT_KEYS, where + " transcript");
      transcript =
          new TranscriptExpectation(
              tr.hasNonNull("cases") ? tr.get("cases").asInt() : null,
              strings(tr.path("facts_absent")));
    }
    return new Conv(id, node.path("role").asText("agent"), List.copyOf(turns), transcript);
  }

  private static Expect expect(JsonNode node, String where) {
    PlayExpectation play = null;
    if (node.has("play")) {
      List<String> accepted =
          node.get("play").isArray()
              ? strings(node.get("play"))
              : List.of(node.get("play").asText());
      play = new PlayExpectation(accepted);
    }
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    node.path("verdicts")
        .properties()
        .forEach(
            e -> {
              List<String> kinds =
                  e.getValue().isArray() ? strings(e.getValue()) : List.of(e.getValue().asText());
              kinds.stream()
                  .filter(k -> !KINDS.contains(k))
                  .findFirst()
                  .ifPresent(
                      k -> {
                        throw new IllegalArgumentException(
                            where
                                + ": verdicts."
                                + e.getKey()
                                + ": '"
                                + k
                                + "' is not a decision (one of "
                                + KINDS
                                + ")");
                      });
              verdicts.put(e.getKey(), new Verdict(kinds));
            });
    Urgent urgent = null;
    if (node.has("urgent")) {
      JsonNode u = node.get("urgent");
      keys(u, URGENT_KEYS, where + " urgent");
      urgent =
          new Urgent(
              u.hasNonNull("guardrail") ? u.get("guardrail").asText() : null,
              u.hasNonNull("team") ? u.get("team").asText() : null,
              u.hasNonNull("urgency") ? u.get("urgency").asText() : null,
              strings(u.path("actions")),
              u.path("steps").asBoolean(false));
    }
    Map<String, String> read = new LinkedHashMap<>();
    node.path("read")
        .properties()
        .forEach(e -> read.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return new Expect(
        play, node.hasNonNull("kind") ? node.get("kind").asText() : null, verdicts, urgent, read);
  }

  private static void keys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            where + ": unknown key '" + key + "' (allowed: " + allowed + ")");
      }
    }
  }

  private static String text(JsonNode node, String key, String where) {
    return Optional.ofNullable(node.get(key))
        .filter(v -> !v.isNull() && !v.asText().isBlank())
        .map(JsonNode::asText)
        .orElseThrow(() -> new IllegalArgumentException(where + ": '" + key + "' is required"));
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }
}
