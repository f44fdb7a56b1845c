package dev.leeway.bench;

/**
 * What the load benchmark was asked to do, as its options set it (see {@link LoadBenchCommand}).
 *
 * @param connections suggest and paced: concurrent connections
 * @param warmup suggest and paced: seconds not counted
 * @param duration suggest and paced: seconds measured
 * @param offered paced: the share of the matcher's limit offered
 * @param conversations websocket: conversations opened at once
 * @param wsDuration websocket: seconds the phase lasts
 * @param interval websocket: mean seconds between a reply and the next message
 * @param matcherAnswers single-threaded answers timed
 * @param matcherRounds rounds those answers are split into
 * @param matcherWarmup seconds of single-threaded warm-up when no suggest phase ran first
 * @param seed seeds the choice of texts and pauses
 */
record LoadPlan(
    int connections,
    double warmup,
    double duration,
    double offered,
    int conversations,
    double wsDuration,
    double interval,
    int matcherAnswers,
    int matcherRounds,
    double matcherWarmup,
    long seed) {}
