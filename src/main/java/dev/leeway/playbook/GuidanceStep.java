package dev.leeway.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a play's guidance. In YAML a step is plain text, or {@code {step: "...", urgent:
 * true}} for a protective step (block the card, stop using the appliance) that the agent must take
 * before anything else.
 *
 * @param step what to do, imperative and short
 * @param urgent whether the step protects the customer and comes first, before any question
 */
public record GuidanceStep(String step, boolean urgent) {

  public GuidanceStep {
    Objects.requireNonNull(step, "step");
  }

  /** A step written as plain text: not urgent. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static GuidanceStep of(String step) {
    return new GuidanceStep(step, false);
  }

  /** A step written as a mapping. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static GuidanceStep of(
      @com.fasterxml.jackson.annotation.JsonProperty("step") String step,
      @com.fasterxml.jackson.annotation.JsonProperty("urgent") Boolean urgent) {
    return new GuidanceStep(step, urgent != null && urgent);
  }

  /** The YAML form: plain text for an ordinary step, a mapping for an urgent one. */
  @JsonValue
  public Object written() {
    if (!urgent) {
      return step;
    }
    Map<String, Object> written = new LinkedHashMap<>();
    written.put("step", step);
    written.put("urgent", true);
    return written;
  }
}
