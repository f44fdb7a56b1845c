package dev.leeway.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.leeway.json.Json;
import dev.leeway.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gaps queue: what no play fitted (the gaps table) and answers agents marked wrong (feedback),
 * within a period, grouped by similarity. Blocking: call it from a worker thread.
 */
public final class GapQueue {

  /** How many of the newest items of each source one read groups. */
  public static final int LATEST = 1000;

  private final Store store;
  private final GapGrouping grouping;

  public GapQueue(Store store, GapGrouping grouping) {
    this.store = store;
    this.grouping = grouping;
  }

  /**
   * The groups and how many items they hold.
   *
   * @param items how many items were grouped (at most {@link #LATEST} of each source)
   */
  public record Queue(int items, List<GapGroup> groups) {}

  public Queue read(Period period) {
    List<GapItem> items = new ArrayList<>();
    items.addAll(noMatches(period));
    items.addAll(markedWrong(period));
    return new Queue(items.size(), grouping.group(items));
  }

  private List<GapItem> noMatches(Period period) {
    return store.read(
        c -> {
          List<GapItem> items = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT at_ms, role, text, nearest FROM gaps WHERE at_ms >= ? AND at_ms < ?"
                      + " ORDER BY at_ms DESC LIMIT ?")) {
            ps.setLong(1, period.start().toEpochMilli());
            ps.setLong(2, period.end().toEpochMilli());
            ps.setInt(3, LATEST);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(
                    new GapItem(
                        Instant.ofEpochMilli(rs.getLong(1)),
                        GapItem.Source.NO_MATCH,
                        rs.getString(2),
                        rs.getString(3),
                        nearest(rs.getString(4))));
              }
            }
          }
          return items;
        });
  }

  /** One answer marked wrong, from all the verdicts on it. */
  private static final class Wrong {
    final Instant at;
    final String role;
    final String text;
    String right;
    String wrong;

    Wrong(Instant at, String role, String text) {
      this.at = at;
      this.role = role;
      this.text = text;
    }
  }

  private List<GapItem> markedWrong(Period period) {
    return store.read(
        c -> {
          // Several verdicts on one answer (on the answer, a play, an action) are one item, as of
          // the newest; a play that any of them named as the right one wins over a play marked
          // wrong.
          Map<String, Wrong> answers = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT f.at_ms, a.role, a.text, f.right_play_id, f.play_id, f.answer_id"
                      + " FROM feedback f JOIN answers a ON a.id = f.answer_id"
                      + " WHERE f.verdict = 'wrong' AND f.at_ms >= ? AND f.at_ms < ?"
                      + " ORDER BY f.at_ms DESC LIMIT ?")) {
            ps.setLong(1, period.start().toEpochMilli());
            ps.setLong(2, period.end().toEpochMilli());
            ps.setInt(3, LATEST);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Wrong item =
                    answers.computeIfAbsent(
                        rs.getString(6),
                        id -> {
                          try {
                            return new Wrong(
                                Instant.ofEpochMilli(rs.getLong(1)),
                                rs.getString(2),
                                rs.getString(3));
                          } catch (SQLException e) {
                            throw new IllegalStateException(e);
                          }
                        });
                if (item.right == null) {
                  item.right = rs.getString(4);
                }
                if (item.wrong == null) {
                  item.wrong = rs.getString(5);
                }
              }
            }
          }
          List<GapItem> items = new ArrayList<>();
          for (Wrong w : answers.values()) {
            items.add(
                new GapItem(
                    w.at,
                    GapItem.Source.MARKED_WRONG,
                    w.role,
                    w.text,
                    Optional.ofNullable(w.right != null ? w.right : w.wrong)));
          }
          return items;
        });
  }

  /** The first of a gap's nearest plays ("play id (confidence)"), by its id. */
  private static Optional<String> nearest(String json) {
    try {
      List<String> nearest = Json.json().readValue(json, new TypeReference<List<String>>() {});
      return nearest.stream().findFirst().map(n -> n.replaceFirst("\\s*\\(.*\\)$", ""));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
