package dev.leeway.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One figure as a table: what the dashboard charts, lists beside the chart and offers as CSV.
 *
 * @param figure which figure it is
 * @param columns the column names, also the keys of each row in JSON
 * @param rows the cells: text, whole numbers, {@link BigDecimal}s, or null for an empty cell
 */
public record Table(Figure figure, List<String> columns, List<List<Object>> rows) {

  public Table {
    Objects.requireNonNull(figure, "figure");
    columns = List.copyOf(columns);
    List<List<Object>> copied = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            figure.id()
                + ": a row has "
                + row.size()
                + " cells for "
                + columns.size()
                + " columns");
      }
      copied.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = List.copyOf(copied);
  }

  /** The table as JSON: its figure's id and title, the columns, and each row as an object. */
  public ObjectNode json() {
    ObjectNode json = Json.json().createObjectNode();
    json.put("figure", figure.id());
    json.put("title", figure.title());
    ArrayNode names = json.putArray("columns");
    columns.forEach(names::add);
    ArrayNode array = json.putArray("rows");
    for (List<Object> row : rows) {
      ObjectNode object = array.addObject();
      for (int i = 0; i < columns.size(); i++) {
        String name = columns.get(i);
        switch (row.get(i)) {
          case null -> object.putNull(name);
          case Integer n -> object.put(name, n);
          case Long n -> object.put(name, n);
          case BigDecimal n -> object.put(name, n);
          case Object other -> object.put(name, other.toString());
        }
      }
    }
    return json;
  }

  /**
   * The table as CSV (RFC 4180): a header line, then one line per row, CRLF line ends. A text cell
   * that a spreadsheet would take for a formula (starting with =, +, - or @) is prefixed with an
   * apostrophe.
   */
  public String csv() {
    StringBuilder out = new StringBuilder();
    line(out, new ArrayList<>(columns));
    for (List<Object> row : rows) {
      line(out, row);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  private static String cell(Object value) {
    return switch (value) {
      case null -> "";
      case BigDecimal n -> n.toPlainString();
      case Number n -> n.toString();
      case Object other -> text(other.toString());
    };
  }

  private static String text(String text) {
    String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
