package dev.leeway.match;

import java.util.List;

/** What matching found for a text: plays that fit, ranked, or an explicit "no play fits". */
public sealed interface MatchResult {

  /** The ranked candidates, best first (for an abstention, the nearest ones that fell short). */
  List<Candidate> candidates();

  /** At least one play fits; the first candidate is the best. */
  record Matched(List<Candidate> candidates) implements MatchResult {
    public Matched {
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("a match needs at least one candidate");
      }
    }

    public Candidate best() {
      return candidates.get(0);
    }
  }

  /** No play fits well enough; the reason is shown to the agent and recorded as a gap. */
  record NoMatch(List<Candidate> candidates, String reason) implements MatchResult {
    public NoMatch {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * The text names a topic, not a situation ("refund"): its one word is used by the examples of
   * {@code plays} plays, so whichever the classifier prefers is a guess. The candidates are the
   * likeliest of those plays, best first; the agent is asked which one it is.
   */
  record Vague(List<Candidate> candidates, int plays) implements MatchResult {
    public Vague {
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("a vague text needs the plays it could mean");
      }
    }

    /** Why no play is chosen, in words for the agent. */
    public String reason() {
      return "its one word is used by the examples of " + plays + " plays; say what happened";
    }
  }

  /**
   * One play with its confidence (an estimated probability that it is the right play) and the
   * signals behind it, so an answer can be explained.
   */
  record Candidate(
      String playId, String title, int playVersion, double confidence, Signals signals) {}

  /**
   * The evidence for a candidate: the classifier's (or neighbours') probability, the BM25 share,
   * and the cosine similarity to the play's closest example with that example's text (both null
   * when matching runs without embeddings).
   */
  record Signals(double semantic, double lexical, Double similarity, String nearestExample) {}
}
