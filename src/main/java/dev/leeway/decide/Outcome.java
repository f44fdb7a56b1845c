package dev.leeway.decide;

/** A condition's value when some facts may be missing: CEL's true, false or "depends". */
public enum Outcome {
  TRUE,
  FALSE,
  UNKNOWN
}
