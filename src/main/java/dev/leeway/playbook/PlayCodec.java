package dev.leeway.playbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Converts plays to and from their YAML form ({@code playbooks/<domain>/<id>.yaml}).
 *
 * <p>Reading here does no validation: use {@link PlaybookLoader} for files and text from people,
 * and this codec for trees the loader has already checked and for export.
 */
public final class PlayCodec {

  private PlayCodec() {}

  /** The play as a YAML document, keys in the documented order, empty fields left out. */
  public static String toYaml(Play play) {
    try {
      return Json.yaml().writeValueAsString(toTree(play));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write play " + play.id(), e);
    }
  }

  /** The play as a tree with the same keys as its YAML (for JSON APIs too). */
  public static ObjectNode toTree(Play play) {
    ObjectNode tree = Json.yaml().valueToTree(play);
    // Action.amount holds a fixed amount as text; write it back as the number it was in YAML,
    // or it would come back quoted and no longer read as an amount.
    for (JsonNode action : tree.path("actions")) {
      JsonNode amount = action.path("amount");
      if (amount.isTextual()) {
        try {
          ((ObjectNode) action).put("amount", new BigDecimal(amount.asText()));
        } catch (NumberFormatException factName) {
          // a money fact's name stays text
        }
      }
    }
    return tree;
  }

  /** A play from a tree that has passed the playbook schema (see {@link PlaybookLoader}). */
  public static Play fromTree(JsonNode tree) {
    try {
      return Json.yaml().treeToValue(tree, Play.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid play: " + e.getOriginalMessage(), e);
    }
  }
}
