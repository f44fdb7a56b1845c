package dev.leeway.api;

import dev.leeway.chat.Advice;
import dev.leeway.decide.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Leeway's own meters, next to Vert.x's HTTP ones: answers, decisions, abstentions, feedback. */
public final class LeewayMetrics {

  private final MeterRegistry registry;
  private final Timer answerTime;

  public LeewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.answerTime =
        Timer.builder("leeway_answer_seconds")
            .description("time to answer one message or suggestion, matching to decisions")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Counts an answer by outcome (matched, vague or no_match) and its decisions by kind. */
  public void answered(Advice advice, Duration took, String channel) {
    answerTime.record(took);
    Counter.builder("leeway_answers_total")
        .description("answers given, by outcome (matched, vague, no_match) and channel")
        .tag("outcome", advice.outcome())
        .tag("channel", channel)
        .register(registry)
        .increment();
    for (Advice.Suggestion suggestion : advice.plays()) {
      for (Decision decision : suggestion.decision().decisions()) {
        Counter.builder("leeway_decisions_total")
            .description("action decisions, by kind")
            .tag("kind", decision.kind())
            .register(registry)
            .increment();
      }
    }
  }

  public void feedback(String verdict) {
    Counter.builder("leeway_feedback_total")
        .description("feedback on suggestions, by verdict")
        .tag("verdict", verdict)
        .register(registry)
        .increment();
  }

  public void refused(int status) {
    Counter.builder("leeway_refused_total")
        .description("requests refused, by status")
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }
}
