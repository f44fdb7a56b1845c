package dev.leeway.decide;

/**
 * One step of a decision's reasoning, as shown in its trace.
 *
 * @param subject what was checked: "guardrail legal-threat", "rule", "exception
 *     member-early-credit", "limit", "customer budget"...
 * @param condition the condition as written, or the comparison made ("$80.00 <= $75.00")
 * @param explanation the outcome in plain words ("tenure months is 8; needs at least 12")
 */
public record Check(String subject, String condition, Outcome outcome, String explanation) {}
