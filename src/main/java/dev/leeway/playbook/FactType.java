package dev.leeway.playbook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of value a fact can hold; written in lower case in playbook YAML. */
public enum FactType {
  @JsonProperty("money")
  MONEY,
  @JsonProperty("count")
  COUNT,
  @JsonProperty("days")
  DAYS,
  @JsonProperty("date")
  DATE,
  @JsonProperty("enum")
  ENUM,
  @JsonProperty("boolean")
  BOOLEAN,
  @JsonProperty("text")
  TEXT
}
