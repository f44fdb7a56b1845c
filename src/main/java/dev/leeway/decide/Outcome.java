package dev.leeway.decide;

/**
 * A condition's value when some facts may be missing: CEL's true, false or "depends", or an error
 * when it cannot be worked out on these facts at all (a division by zero, a date that is no date).
 */
public enum Outcome {
  TRUE,
  FALSE,
  UNKNOWN,
  ERROR
}
