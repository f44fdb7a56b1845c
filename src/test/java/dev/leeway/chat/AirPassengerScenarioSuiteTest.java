package dev.leeway.chat;

import java.nio.file.Path;
import java.util.List;

/**
 * The air-passenger example pack's scenario suite (EU Regulation 261/2004), run through the same
 * pipeline and checks as the starter pack's, with expectations worked out from the regulation and
 * the pack's own plays and authority matrix.
 */
class AirPassengerScenarioSuiteTest extends ScenarioSuiteTest {

  static final Path PACK = Path.of("examples/air-passenger");

  @Override
  Pack pack() {
    return new Pack(
        PACK.resolve("playbooks"),
        PACK.resolve("config"),
        PACK.resolve("scenarios.yaml"),
        List.of("delay", "cancel", "boarding", "care", "info", "booking"),
        ALL_KINDS.stream().filter(k -> !k.equals("CAN_DO_BY_EXCEPTION")).toList(),
        false,
        60,
        2,
        2);
  }
}
