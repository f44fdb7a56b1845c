package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.store.AuditAction;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI description names exactly the audit actions the code records. */
class AuditContractTest {

  @Test
  void the_described_audit_actions_are_the_ones_recorded() throws Exception {
    JsonNode contract;
    try (InputStream in = getClass().getResourceAsStream("/openapi/leeway-v1.yaml")) {
      contract = dev.leeway.json.Json.yaml().readTree(in);
    }
    List<String> recorded = Arrays.stream(AuditAction.values()).map(AuditAction::label).toList();
    JsonNode parameter =
        contract.at("/paths/~1api~1v1~1audit/get/parameters").findParent("enum").get("enum");
    JsonNode schema = contract.at("/components/schemas/AuditAction/enum");
    assertThat(texts(parameter)).isEqualTo(recorded);
    assertThat(texts(schema)).isEqualTo(recorded);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
