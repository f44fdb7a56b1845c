package dev.leeway.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.util.List;

/**
 * Every figure over one period.
 *
 * @param answers how many stored answers the period holds
 */
public record Report(Period period, long answers, List<Table> tables) {

  public Report {
    tables = List.copyOf(tables);
  }

  public Table table(Figure figure) {
    return tables.stream()
        .filter(t -> t.figure() == figure)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no table for " + figure.id()));
  }

  /** The period, the number of answers, and every figure's table. */
  public ObjectNode json() {
    ObjectNode json = Json.json().createObjectNode();
    json.put("from", period.from().toString());
    json.put("to", period.to().toString());
    json.put("answers", answers);
    ArrayNode figures = json.putArray("figures");
    tables.forEach(t -> figures.add(t.json()));
    return json;
  }

  /** One figure with the period it covers. */
  public ObjectNode json(Figure figure) {
    ObjectNode json = table(figure).json();
    json.put("from", period.from().toString());
    json.put("to", period.to().toString());
    json.put("answers", answers);
    return json;
  }
}
