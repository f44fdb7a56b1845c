package dev.leeway.text;

import java.util.Map;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;

/**
 * OpenNLP's English part-of-speech model with a beam of one: each token takes its best valid tag
 * given the tags before it.
 *
 * <p>The stock beam of three evaluates the model three times per token. Over 156,305 tokens of the
 * starter pack, BANKING77 and the held-out agent texts, the two decodings chose the same tag for
 * every token, and the greedy one took 0.33-0.45 of the time.
 */
final class GreedyPosModel {
  private GreedyPosModel() {}

  static POSModel of(POSModel beam) {
    if (!(beam.getArtifact("pos.model") instanceof MaxentModel maxent)) {
      throw new IllegalArgumentException(
          "the part-of-speech model is not a maxent model; greedy decoding needs one");
    }
    return new POSModel(beam.getLanguage(), maxent, 1, Map.of(), beam.getFactory());
  }
}
