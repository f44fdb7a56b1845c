package dev.leeway.playbook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The curation life cycle of a play; only published plays are offered to agents. */
public enum PlayStatus {
  @JsonProperty("draft")
  DRAFT,
  @JsonProperty("in_review")
  IN_REVIEW,
  @JsonProperty("published")
  PUBLISHED,
  @JsonProperty("retired")
  RETIRED
}
