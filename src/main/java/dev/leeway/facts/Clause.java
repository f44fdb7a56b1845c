package dev.leeway.facts;

/**
 * A clause of a message: character offsets and the token range [first, last) it covers. Cues,
 * negations and amounts only combine within one clause.
 */
record Clause(int start, int end, int first, int last) {}
