package dev.leeway.insights;

import dev.leeway.playbook.Play;
import dev.leeway.playbook.PlayStatus;
import dev.leeway.playbook.Playbook;
import dev.leeway.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Phrasings agents confirmed for a play, proposed as new examples of it: the text of an answer
 * whose action was used (the grant ledger, or the play marked used) or that was marked helpful, and
 * the text of an answer marked wrong with the play that was right. Phrasings already among the
 * play's examples, and dismissed ones, are left out (compared normalised: {@link #key(String)}).
 * The texts are the stored ones, redacted when stored. Blocking: call it from a worker thread.
 */
public final class Proposals {

  /** How many of the newest grants, and of the newest verdicts, are read. */
  static final int NEWEST = 5000;

  /** How an agent confirmed a phrasing, strongest first. */
  public enum Source {
    /** An action of the play's answer was used (a grant in the ledger). */
    USED("used"),
    /** The answer was marked wrong, naming this play as the right one. */
    CORRECTED("corrected"),
    /** The answer, or this play in it, was marked helpful. */
    HELPFUL("helpful");

    private final String id;

    Source(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * One proposed example.
   *
   * @param text the newest wording of the phrasing, as stored (redacted)
   * @param source the strongest confirmation among its answers
   * @param count how many answers confirmed it
   * @param latest when the newest confirmation was given
   */
  public record Proposal(String playId, String text, Source source, int count, Instant latest) {
    public Proposal {
      Objects.requireNonNull(playId, "playId");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(latest, "latest");
    }
  }

  /** One confirmation: an answer's text confirmed for a play. */
  private record Confirmed(
      String answerId, String playId, String text, Source source, Instant at) {}

  private final Store store;

  public Proposals(Store store) {
    this.store = store;
  }

  /** The proposals for the plays of {@code playbook} (not retired): most confirmed first. */
  public List<Proposal> list(Playbook playbook) {
    List<Confirmed> confirmed = store.read(Proposals::confirmed);
    Set<String> dismissed = store.read(Proposals::dismissed);
    // One confirmation per answer and play: the strongest, and the newest of that.
    Map<String, Confirmed> byAnswer = new LinkedHashMap<>();
    for (Confirmed c : confirmed) {
      byAnswer.merge(
          c.answerId() + "\n" + c.playId(),
          c,
          (a, b) ->
              a.source().compareTo(b.source()) != 0
                  ? (a.source().compareTo(b.source()) < 0 ? a : b)
                  : (a.at().isAfter(b.at()) ? a : b));
    }
    Map<String, Set<String>> examples = new HashMap<>();
    Map<String, List<Confirmed>> groups = new LinkedHashMap<>();
    for (Confirmed c : byAnswer.values()) {
      Play play = playbook.play(c.playId()).orElse(null);
      if (play == null || play.status() == PlayStatus.RETIRED) {
        continue;
      }
      String key = key(c.text());
      if (key.isEmpty()
          || dismissed.contains(c.playId() + "\n" + key)
          || examples.computeIfAbsent(play.id(), id -> keys(play.examples())).contains(key)) {
        continue;
      }
      groups.computeIfAbsent(c.playId() + "\n" + key, k -> new ArrayList<>()).add(c);
    }
    List<Proposal> proposals = new ArrayList<>();
    for (List<Confirmed> group : groups.values()) {
      Confirmed newest = group.stream().max(Comparator.comparing(Confirmed::at)).orElseThrow();
      Source strongest =
          group.stream().map(Confirmed::source).min(Comparator.naturalOrder()).orElseThrow();
      proposals.add(
          new Proposal(newest.playId(), newest.text(), strongest, group.size(), newest.at()));
    }
    proposals.sort(
        Comparator.comparing((Proposal p) -> -p.count())
            .thenComparing(Proposal::latest, Comparator.reverseOrder())
            .thenComparing(Proposal::playId)
            .thenComparing(Proposal::text));
    return proposals;
  }

  /**
   * Dismisses a phrasing for a play, so it is not proposed again (a second dismissal changes
   * nothing); completes once durable.
   *
   * @throws IllegalArgumentException when the text has no words
   */
  public CompletableFuture<Void> dismiss(String playId, String text, String user, Instant at) {
    String key = key(text);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("text: has no words to compare; nothing was dismissed");
    }
    return store.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO proposal_dismissals (play_id, text_key, text, user_name, at_ms)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (play_id, text_key) DO NOTHING")) {
            ps.setString(1, playId);
            ps.setString(2, key);
            ps.setString(3, text);
            ps.setString(4, user);
            ps.setLong(5, at.toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /**
   * A phrasing as proposals compare it: Unicode-normalised (NFKC), lower case, and its words (runs
   * of letters and digits) separated by one space, so "Parcel lost!" and "parcel lost" are one.
   */
  public static String key(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return NOT_A_WORD.matcher(folded).replaceAll(" ").strip();
  }

  private static Set<String> keys(List<String> texts) {
    Set<String> keys = new HashSet<>();
    for (String t : texts) {
      keys.add(key(t));
    }
    return keys;
  }

  private static Set<String> dismissed(Connection c) throws SQLException {
    Set<String> dismissed = new HashSet<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT play_id, text_key FROM proposal_dismissals");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        dismissed.add(rs.getString(1) + "\n" + rs.getString(2));
      }
    }
    return dismissed;
  }

  /** The newest grants and verdicts that confirm a play, with their answers' texts. */
  private static List<Confirmed> confirmed(Connection c) throws SQLException {
    List<Confirmed> found = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT g.answer_id, g.play_id, a.text, g.at_ms FROM grants g"
                + " JOIN answers a ON a.id = g.answer_id ORDER BY g.at_ms DESC LIMIT ?")) {
      ps.setInt(1, NEWEST);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(
              new Confirmed(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  Source.USED,
                  Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
    }
    // A verdict on a matched answer as a whole (no play) is about the play it offered first.
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT f.answer_id, f.play_id, f.verdict, f.right_play_id, a.text, f.at_ms, d.plays,"
                + " a.outcome FROM feedback f JOIN answers a ON a.id = f.answer_id"
                + " LEFT JOIN answer_digests d ON d.answer_id = f.answer_id"
                + " WHERE f.verdict = 'helpful' OR (f.verdict = 'used' AND f.play_id IS NOT NULL)"
                + " OR (f.verdict = 'wrong' AND f.right_play_id IS NOT NULL)"
                + " ORDER BY f.at_ms DESC LIMIT ?")) {
      ps.setInt(1, NEWEST);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String verdict = rs.getString(3);
          Source source =
              switch (verdict) {
                case "used" -> Source.USED;
                case "helpful" -> Source.HELPFUL;
                default -> Source.CORRECTED;
              };
          String play = source == Source.CORRECTED ? rs.getString(4) : rs.getString(2);
          if (play == null) {
            if (!"matched".equals(rs.getString(8))) {
              continue;
            }
            String plays = rs.getString(7);
            List<String> offered = plays == null ? List.of() : DigestText.plays(plays);
            if (offered.isEmpty()) {
              continue;
            }
            play = offered.get(0);
          }
          found.add(
              new Confirmed(
                  rs.getString(1),
                  play,
                  rs.getString(5),
                  source,
                  Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
    }
    return found;
  }
}
