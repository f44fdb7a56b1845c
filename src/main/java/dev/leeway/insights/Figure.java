package dev.leeway.insights;

import java.util.Optional;

/** The dashboard's figures, each served as JSON and CSV (see docs/insights.md). */
public enum Figure {
  ANSWERS_BY_OUTCOME("answers-by-outcome", "Answers per day by outcome"),
  DECISIONS_BY_KIND("decisions-by-kind", "Decisions per day by kind"),
  AUTONOMY("autonomy", "Cases agents could act on without anyone else"),
  LIMITS_HIT("limits-hit", "Limits and budgets that held agents back"),
  PLAYS("plays", "Approvals and escalations by play"),
  REFUSALS("refusals", "The no's (cannot do) by rule"),
  UNUSED_PLAYS("unused-plays", "Published plays nobody was offered"),
  REVIEW_OVERDUE("review-overdue", "Plays past their review-by date");

  private final String id;
  private final String title;

  Figure(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The figure's name in URLs and file names. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public static Optional<Figure> byId(String id) {
    for (Figure f : values()) {
      if (f.id.equals(id)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
