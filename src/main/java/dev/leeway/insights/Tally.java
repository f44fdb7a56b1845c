package dev.leeway.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.config.AuthorityMatrix;
import dev.leeway.insights.AnswerDigest.ActionDigest;
import dev.leeway.json.Json;
import dev.leeway.playbook.Play;
import dev.leeway.playbook.Playbook;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts answers one at a time (so a period's answers are never all in memory at once), then lays
 * the counts out as the dashboard's tables. Not thread-safe: one tally per request.
 */
public final class Tally {

  /** The outcomes an answer is stored with, in the order the tables list them. */
  static final List<String> OUTCOMES = List.of("matched", "vague", "no_match");

  private final Period period;
  private long answers;
  private final Map<LocalDate, Map<String, Long>> outcomes = new TreeMap<>();
  private final Set<String> otherOutcomes = new LinkedHashSet<>();
  private final Map<LocalDate, Map<DecisionKind, Long>> decisions = new TreeMap<>();
  private final Map<String, long[]> autonomy = new TreeMap<>();
  private final Map<HitKey, List<BigDecimal>> hits = new HashMap<>();
  private final Map<HitKey, Long> hitCounts = new HashMap<>();
  private final Map<String, long[]> plays = new HashMap<>();
  private final Map<RefusalKey, Long> refusals = new HashMap<>();

  /** A limit hit: the cap in force at the time, or empty when not known (then today's). */
  private record HitKey(String kind, String role, HeldBack check, Optional<Cap> cap) {}

  private record RefusalKey(String playId, String actionId, String rule) {}

  public Tally(Period period) {
    this.period = period;
  }

  /** How many answers it has counted. */
  public long answers() {
    return answers;
  }

  /**
   * Adds what {@code other} counted (over days within this period) to this tally. Every count is a
   * sum over answers, so tallies of separate days add up to the tally of them all.
   */
  public void add(Tally other) {
    answers += other.answers;
    otherOutcomes.addAll(other.otherOutcomes);
    other.outcomes.forEach(
        (day, counts) -> {
          if (period.contains(day)) {
            Map<String, Long> mine = outcomes.computeIfAbsent(day, d -> new HashMap<>());
            counts.forEach((k, v) -> mine.merge(k, v, Long::sum));
          }
        });
    other.decisions.forEach(
        (day, counts) -> {
          if (period.contains(day)) {
            Map<DecisionKind, Long> mine =
                decisions.computeIfAbsent(day, d -> new EnumMap<>(DecisionKind.class));
            counts.forEach((k, v) -> mine.merge(k, v, Long::sum));
          }
        });
    other.autonomy.forEach((k, v) -> addInto(autonomy.computeIfAbsent(k, x -> new long[3]), v));
    other.plays.forEach((k, v) -> addInto(plays.computeIfAbsent(k, x -> new long[4]), v));
    other.hitCounts.forEach((k, v) -> hitCounts.merge(k, v, Long::sum));
    other.hits.forEach((k, v) -> hits.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    other.refusals.forEach((k, v) -> refusals.merge(k, v, Long::sum));
  }

  /** The format of {@link #json()}; a stored tally of another format is counted again. */
  static final int FORMAT = 1;

  /** What this tally counted, as JSON (exact: amounts as decimal strings), for {@link #of}. */
  public ObjectNode json() {
    ObjectNode json = Json.json().createObjectNode();
    json.put("format", FORMAT);
    json.put("answers", answers);
    ArrayNode other = json.putArray("other_outcomes");
    otherOutcomes.forEach(other::add);
    ObjectNode byOutcome = json.putObject("outcomes");
    outcomes.forEach(
        (day, counts) -> {
          ObjectNode d = byOutcome.putObject(day.toString());
          counts.forEach(d::put);
        });
    ObjectNode byDecision = json.putObject("decisions");
    decisions.forEach(
        (day, counts) -> {
          ObjectNode d = byDecision.putObject(day.toString());
          counts.forEach((k, v) -> d.put(k.name(), v));
        });
    ObjectNode byRole = json.putObject("autonomy");
    autonomy.forEach((role, counts) -> longs(byRole.putArray(role), counts));
    ObjectNode byPlay = json.putObject("plays");
    plays.forEach((play, counts) -> longs(byPlay.putArray(play), counts));
    ArrayNode hitList = json.putArray("hits");
    hitCounts.forEach(
        (key, n) -> {
          ObjectNode h = hitList.addObject();
          h.put("kind", key.kind()).put("role", key.role()).put("check", key.check().subject());
          key.cap()
              .ifPresent(
                  cap -> {
                    ObjectNode c = h.putObject("cap");
                    c.put("amount", cap.amount() == null ? null : cap.amount().toPlainString());
                    c.put("count", cap.count());
                    c.put("period_days", cap.periodDays());
                  });
          h.put("count", n);
          ArrayNode amounts = h.putArray("amounts");
          hits.getOrDefault(key, List.of()).forEach(a -> amounts.add(a.toPlainString()));
        });
    ArrayNode refusalList = json.putArray("refusals");
    refusals.forEach(
        (key, n) ->
            refusalList
                .addObject()
                .put("play_id", key.playId())
                .put("action_id", key.actionId())
                .put("rule", key.rule())
                .put("count", n));
    return json;
  }

  private static void longs(ArrayNode into, long[] values) {
    for (long v : values) {
      into.add(v);
    }
  }

  private static long[] longs(JsonNode array, int size) {
    long[] values = new long[size];
    for (int i = 0; i < size; i++) {
      values[i] = array.path(i).asLong();
    }
    return values;
  }

  /**
   * The tally {@link #json()} wrote, over {@code period}; empty when it is of another format or
   * does not read.
   */
  public static Optional<Tally> of(Period period, JsonNode json) {
    if (json.path("format").asInt() != FORMAT) {
      return Optional.empty();
    }
    try {
      Tally t = new Tally(period);
      t.answers = json.path("answers").asLong();
      json.path("other_outcomes").forEach(o -> t.otherOutcomes.add(o.asText()));
      json.path("outcomes")
          .properties()
          .forEach(
              day -> {
                Map<String, Long> counts = new HashMap<>();
                day.getValue()
                    .properties()
                    .forEach(c -> counts.put(c.getKey(), c.getValue().asLong()));
                t.outcomes.put(LocalDate.parse(day.getKey()), counts);
              });
      json.path("decisions")
          .properties()
          .forEach(
              day -> {
                Map<DecisionKind, Long> counts = new EnumMap<>(DecisionKind.class);
                day.getValue()
                    .properties()
                    .forEach(
                        c ->
                            DecisionKind.named(c.getKey())
                                .ifPresent(k -> counts.put(k, c.getValue().asLong())));
                t.decisions.put(LocalDate.parse(day.getKey()), counts);
              });
      json.path("autonomy")
          .properties()
          .forEach(r -> t.autonomy.put(r.getKey(), longs(r.getValue(), 3)));
      json.path("plays").properties().forEach(p -> t.plays.put(p.getKey(), longs(p.getValue(), 4)));
      for (JsonNode h : json.path("hits")) {
        JsonNode c = h.path("cap");
        Optional<Cap> cap =
            c.isObject()
                ? Optional.of(
                    new Cap(
                        c.path("amount").isTextual()
                            ? new BigDecimal(c.path("amount").asText())
                            : null,
                        c.path("count").isNumber() ? c.path("count").asInt() : null,
                        c.path("period_days").isNumber() ? c.path("period_days").asInt() : null))
                : Optional.empty();
        HeldBack check =
            HeldBack.bySubject(h.path("check").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown check"));
        HitKey key = new HitKey(h.path("kind").asText(), h.path("role").asText(), check, cap);
        t.hitCounts.merge(key, h.path("count").asLong(), Long::sum);
        List<BigDecimal> amounts = t.hits.computeIfAbsent(key, k -> new ArrayList<>());
        h.path("amounts").forEach(a -> amounts.add(new BigDecimal(a.asText())));
      }
      for (JsonNode r : json.path("refusals")) {
        t.refusals.merge(
            new RefusalKey(
                r.path("play_id").asText(), r.path("action_id").asText(), r.path("rule").asText()),
            r.path("count").asLong(),
            Long::sum);
      }
      return Optional.of(t);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void addInto(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** Counts one answer; answers outside the period are ignored. */
  public void add(AnswerDigest answer) {
    LocalDate day = answer.day();
    if (!period.contains(day)) {
      return;
    }
    answers++;
    String outcome = answer.outcome();
    if (!OUTCOMES.contains(outcome)) {
      otherOutcomes.add(outcome);
    }
    outcomes.computeIfAbsent(day, d -> new HashMap<>()).merge(outcome, 1L, Long::sum);
    Map<DecisionKind, Long> byKind =
        decisions.computeIfAbsent(day, d -> new EnumMap<>(DecisionKind.class));
    boolean decided = false;
    boolean alone = false;
    boolean upwards = false;
    for (String playId : new LinkedHashSet<>(answer.plays())) {
      plays.computeIfAbsent(playId, p -> new long[4])[0]++;
    }
    for (ActionDigest action : answer.actions()) {
      DecisionKind kind = action.decision();
      byKind.merge(kind, 1L, Long::sum);
      decided |= kind != DecisionKind.NOT_APPLICABLE;
      alone |= kind.alone();
      upwards |= kind.upwards();
      long[] play = plays.computeIfAbsent(action.playId(), p -> new long[4]);
      switch (kind) {
        case NEEDS_APPROVAL -> play[1]++;
        case ESCALATE -> play[2]++;
        case CANNOT_DO -> {
          play[3]++;
          refusals.merge(
              new RefusalKey(action.playId(), action.actionId(), action.rule().orElse("")),
              1L,
              Long::sum);
        }
        default -> {}
      }
      if (action.heldBack().isPresent()) {
        HitKey key =
            new HitKey(action.kind(), answer.role(), action.heldBack().get(), action.cap());
        hitCounts.merge(key, 1L, Long::sum);
        List<BigDecimal> asked = hits.computeIfAbsent(key, k -> new ArrayList<>());
        action.amount().ifPresent(asked::add);
      }
    }
    if (decided) {
      long[] role = autonomy.computeIfAbsent(answer.role(), r -> new long[3]);
      role[0]++;
      if (alone) {
        role[1]++;
      } else if (upwards) {
        role[2]++;
      }
    }
  }

  /**
   * The tables.
   *
   * @param authority the current authority matrix: the caps beside the limits hit
   * @param playbook the current plays: titles, plays nobody was offered, review-by dates
   * @param today the date review-by dates are compared with
   */
  public Report report(AuthorityMatrix authority, Playbook playbook, LocalDate today) {
    List<Table> tables = new ArrayList<>();
    tables.add(answersByOutcome());
    tables.add(decisionsByKind());
    tables.add(autonomy());
    tables.add(limitsHit(authority));
    tables.add(plays(playbook));
    tables.add(refusals());
    tables.add(unusedPlays(playbook));
    tables.add(reviewOverdue(playbook, today));
    return new Report(period, answers, tables);
  }

  private List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  private Table answersByOutcome() {
    List<String> names = new ArrayList<>(OUTCOMES);
    names.addAll(otherOutcomes);
    List<String> columns = new ArrayList<>();
    columns.add("day");
    columns.addAll(names);
    columns.add("total");
    List<List<Object>> rows = new ArrayList<>();
    for (LocalDate day : days()) {
      Map<String, Long> counts = outcomes.getOrDefault(day, Map.of());
      List<Object> row = new ArrayList<>();
      row.add(day.toString());
      long total = 0;
      for (String name : names) {
        long n = counts.getOrDefault(name, 0L);
        row.add(n);
        total += n;
      }
      row.add(total);
      rows.add(row);
    }
    return new Table(Figure.ANSWERS_BY_OUTCOME, columns, rows);
  }

  private Table decisionsByKind() {
    List<String> columns = new ArrayList<>();
    columns.add("day");
    for (DecisionKind kind : DecisionKind.values()) {
      columns.add(kind.name());
    }
    columns.add("total");
    List<List<Object>> rows = new ArrayList<>();
    for (LocalDate day : days()) {
      Map<DecisionKind, Long> counts = decisions.getOrDefault(day, Map.of());
      List<Object> row = new ArrayList<>();
      row.add(day.toString());
      long total = 0;
      for (DecisionKind kind : DecisionKind.values()) {
        long n = counts.getOrDefault(kind, 0L);
        row.add(n);
        total += n;
      }
      row.add(total);
      rows.add(row);
    }
    return new Table(Figure.DECISIONS_BY_KIND, columns, rows);
  }

  private Table autonomy() {
    List<List<Object>> rows = new ArrayList<>();
    long[] all = new long[3];
    autonomy.forEach(
        (role, counts) -> {
          rows.add(autonomyRow(role, counts));
          for (int i = 0; i < 3; i++) {
            all[i] += counts[i];
          }
        });
    rows.add(autonomyRow("all roles", all));
    return new Table(
        Figure.AUTONOMY,
        List.of("role", "cases", "acted_alone", "went_up", "other", "share_acted_alone"),
        rows);
  }

  private static List<Object> autonomyRow(String role, long[] counts) {
    BigDecimal share =
        counts[0] == 0
            ? null
            : BigDecimal.valueOf(counts[1])
                .divide(BigDecimal.valueOf(counts[0]), 3, RoundingMode.HALF_UP);
    return new ArrayList<>(
        java.util.Arrays.asList(
            role, counts[0], counts[1], counts[2], counts[0] - counts[1] - counts[2], share));
  }

  private Table limitsHit(AuthorityMatrix authority) {
    // A hit whose cap at the time is not known (an answer stored before the digest) is set
    // against today's cap; hits against the same cap are one row.
    Map<HitKey, Long> counts = new HashMap<>();
    Map<HitKey, List<BigDecimal>> amounts = new HashMap<>();
    hitCounts.forEach(
        (key, n) -> {
          HitKey resolved =
              new HitKey(
                  key.kind(),
                  key.role(),
                  key.check(),
                  Optional.of(
                      key.cap()
                          .orElseGet(
                              () -> Cap.in(authority, key.role(), key.kind(), key.check()))));
          counts.merge(resolved, n, Long::sum);
          amounts
              .computeIfAbsent(resolved, k -> new ArrayList<>())
              .addAll(hits.getOrDefault(key, List.of()));
        });
    List<HitKey> keys = new ArrayList<>(counts.keySet());
    keys.sort(
        Comparator.comparing((HitKey k) -> -counts.get(k))
            .thenComparing(HitKey::kind)
            .thenComparing(HitKey::role)
            .thenComparing(HitKey::check)
            .thenComparing(
                k -> k.cap().orElseThrow().amount(),
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(
                k -> k.cap().orElseThrow().count(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
    List<List<Object>> rows = new ArrayList<>();
    for (HitKey key : keys) {
      Cap cap = key.cap().orElseThrow();
      List<BigDecimal> asked = amounts.get(key);
      asked.sort(Comparator.naturalOrder());
      List<Object> row = new ArrayList<>();
      row.add(key.kind());
      row.add(key.role());
      row.add(key.check().subject());
      row.add(counts.get(key));
      row.add(cap.amount());
      row.add(cap.count());
      row.add(cap.periodDays());
      row.add(asked.isEmpty() ? null : asked.get(0));
      row.add(median(asked));
      row.add(asked.isEmpty() ? null : asked.get(asked.size() - 1));
      rows.add(row);
    }
    return new Table(
        Figure.LIMITS_HIT,
        List.of(
            "kind",
            "role",
            "check",
            "hits",
            "cap_amount",
            "cap_count",
            "period_days",
            "asked_min",
            "asked_median",
            "asked_max"),
        rows);
  }

  /** The middle amount; the mean of the two middle ones when there is an even number. */
  static BigDecimal median(List<BigDecimal> sorted) {
    if (sorted.isEmpty()) {
      return null;
    }
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted
        .get(n / 2 - 1)
        .add(sorted.get(n / 2))
        .divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
  }

  private Table plays(Playbook playbook) {
    List<String> ids = new ArrayList<>(plays.keySet());
    ids.sort(
        Comparator.comparing((String id) -> -(plays.get(id)[1] + plays.get(id)[2]))
            .thenComparing(id -> -plays.get(id)[0])
            .thenComparing(id -> id));
    List<List<Object>> rows = new ArrayList<>();
    for (String id : ids) {
      long[] counts = plays.get(id);
      rows.add(
          List.of(
              id,
              playbook.play(id).map(Play::title).orElse(""),
              counts[0],
              counts[1],
              counts[2],
              counts[3]));
    }
    return new Table(
        Figure.PLAYS,
        List.of("play_id", "title", "offered", "needs_approval", "escalate", "cannot_do"),
        rows);
  }

  private Table refusals() {
    List<RefusalKey> keys = new ArrayList<>(refusals.keySet());
    keys.sort(
        Comparator.comparing((RefusalKey k) -> -refusals.get(k))
            .thenComparing(RefusalKey::playId)
            .thenComparing(RefusalKey::actionId));
    List<List<Object>> rows = new ArrayList<>();
    for (RefusalKey key : keys) {
      rows.add(List.of(key.playId(), key.actionId(), key.rule(), refusals.get(key)));
    }
    return new Table(Figure.REFUSALS, List.of("play_id", "action_id", "rule", "count"), rows);
  }

  private Table unusedPlays(Playbook playbook) {
    Set<String> offered = new HashSet<>(plays.keySet());
    List<List<Object>> rows = new ArrayList<>();
    for (Play play : sorted(playbook.published())) {
      if (!offered.contains(play.id())) {
        rows.add(playRow(play));
      }
    }
    return new Table(Figure.UNUSED_PLAYS, List.of("play_id", "title", "owner", "review_by"), rows);
  }

  private Table reviewOverdue(Playbook playbook, LocalDate today) {
    List<List<Object>> rows = new ArrayList<>();
    List<Play> overdue = new ArrayList<>();
    for (Play play : playbook.published()) {
      if (play.reviewBy() != null && play.reviewBy().isBefore(today)) {
        overdue.add(play);
      }
    }
    overdue.sort(Comparator.comparing(Play::reviewBy).thenComparing(Play::id));
    for (Play play : overdue) {
      List<Object> row = playRow(play);
      row.add(ChronoUnit.DAYS.between(play.reviewBy(), today));
      rows.add(row);
    }
    return new Table(
        Figure.REVIEW_OVERDUE,
        List.of("play_id", "title", "owner", "review_by", "days_overdue"),
        rows);
  }

  private static List<Play> sorted(List<Play> plays) {
    List<Play> copy = new ArrayList<>(plays);
    copy.sort(Comparator.comparing(Play::id));
    return copy;
  }

  private static List<Object> playRow(Play play) {
    List<Object> row = new ArrayList<>();
    row.add(play.id());
    row.add(play.title());
    row.add(play.owner());
    row.add(play.reviewBy() == null ? null : play.reviewBy().toString());
    return row;
  }
}
