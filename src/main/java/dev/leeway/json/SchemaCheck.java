package dev.leeway.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JSON Schema (draft 2020-12) from the classpath, checking YAML documents and reporting each
 * violation as a {@link Problem} with its line and field, in words a supervisor can act on.
 *
 * <p>Message conventions for schema authors: a {@code pattern} of {@code \S} reads "must not be
 * blank"; any other pattern is explained by the {@code description} of the schema that holds it.
 */
public final class SchemaCheck {

  private final JsonNode schemaTree;
  private final JsonSchema schema;

  private SchemaCheck(JsonNode schemaTree, JsonSchema schema) {
    this.schemaTree = schemaTree;
    this.schema = schema;
  }

  /** Loads a schema from a classpath resource such as {@code /schema/playbook.schema.json}. */
  public static SchemaCheck fromResource(String resource) {
    JsonNode tree;
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no schema on the classpath at " + resource);
      }
      tree = Json.json().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree, config);
    return new SchemaCheck(tree, schema);
  }

  /**
   * Loads a parsed file: this schema first, then {@code rules}, which see every problem so far, may
   * add their own and build the value. The value is kept only when nothing was found, so a file is
   * never half-loaded.
   */
  public <T> LoadResult<T> load(
      YamlDocument.Parse parse,
      java.util.function.BiFunction<YamlDocument, List<Problem>, T> rules) {
    YamlDocument doc;
    switch (parse) {
      case YamlDocument.Failed failed -> {
        return new LoadResult.Invalid<>(List.of(failed.problem()));
      }
      case YamlDocument.Parsed parsed -> doc = parsed.document();
    }
    List<Problem> problems = new java.util.ArrayList<>(check(doc));
    T value = rules.apply(doc, problems);
    return problems.isEmpty() ? new LoadResult.Loaded<>(value) : new LoadResult.Invalid<>(problems);
  }

  /** Every schema violation in the document, in document order. */
  public List<Problem> check(YamlDocument document) {
    List<Problem> problems = new ArrayList<>();
    for (ValidationMessage message : schema.validate(document.root())) {
      FieldPath at = fieldPath(message.getInstanceLocation());
      String property = message.getProperty();
      switch (message.getType()) {
        case "required" ->
            problems.add(problemAt(document, at.key(property), at, "is required but missing"));
        case "additionalProperties" ->
            problems.add(document.problem(at.key(property), unknownKey(property, message)));
        case "propertyNames" ->
            problems.add(document.problem(at.key(property), badName(property, message)));
        default -> problems.add(document.problem(at, describe(message)));
      }
    }
    problems.sort(Problem.ORDER);
    return problems;
  }

  /** A problem named after one path but placed on the line of another (a missing key's parent). */
  private static Problem problemAt(
      YamlDocument doc, FieldPath field, FieldPath lineOf, String msg) {
    return new Problem(doc.file(), doc.lineOf(lineOf), field.toString(), msg);
  }

  private String describe(ValidationMessage message) {
    JsonNode value = message.getInstanceNode();
    JsonNode keyword = schemaAt(message);
    return switch (message.getType()) {
      case "type" -> {
        String text = "expected " + typeWords(keyword) + " but found " + typeWord(value);
        // Where the field also has a pattern, its description says what to write instead.
        JsonNode parent = parentOf(message);
        yield parent.has("pattern") && parent.path("description").isTextual()
            ? text + "; use " + parent.path("description").asText()
            : text;
      }
      case "enum" -> "unknown value " + quoted(value) + " (known: " + join(keyword) + ")";
      case "pattern" -> {
        if ("\\S".equals(keyword.asText())) {
          yield "must not be blank";
        }
        JsonNode description = parentOf(message).path("description");
        yield quoted(value)
            + " is not valid: "
            + (description.isTextual()
                ? "use " + description.asText()
                : "must match " + keyword.asText());
      }
      case "minItems" ->
          keyword.asInt() == 1
              ? "must not be empty"
              : "must have at least " + keyword.asInt() + " items";
      case "minProperties" ->
          keyword.asInt() == 1
              ? "must not be empty"
              : "must have at least " + keyword.asInt() + " keys";
      case "minimum" -> "must be at least " + keyword.asText() + ", was " + value.asText();
      case "maxLength" -> "is too long: at most " + keyword.asInt() + " characters";
      // A keyword we have no wording for: the library's own words, without the location.
      default -> message.getError();
    };
  }

  /** A map key (a role or kind name) that breaks the map's {@code propertyNames} schema. */
  private String badName(String key, ValidationMessage message) {
    JsonNode names = schemaAt(message);
    if (names.path("$ref").asText().startsWith("#")) {
      names = schemaTree.at(JsonPointer.compile(names.path("$ref").asText().substring(1)));
    }
    JsonNode description = names.path("description");
    return "'"
        + key
        + "' is not a valid name"
        + (description.isTextual() ? ": use " + description.asText() : "");
  }

  private String unknownKey(String key, ValidationMessage message) {
    List<String> allowed = new ArrayList<>();
    parentOf(message).path("properties").fieldNames().forEachRemaining(allowed::add);
    String text =
        "unknown key '"
            + key
            + "'"
            + Spelling.hint(key, allowed)
            + " (allowed: "
            + String.join(", ", allowed)
            + ")";
    // A key with spaces is nearly always text cut at a comma inside {...} or [...].
    return key.contains(" ")
        ? text + "; if this is part of a text value, put that text in quotes"
        : text;
  }

  /** The schema node of the violated keyword (the pattern string, the enum list...). */
  private JsonNode schemaAt(ValidationMessage message) {
    return schemaTree.at(pointer(message));
  }

  /** The schema object that holds the violated keyword. */
  private JsonNode parentOf(ValidationMessage message) {
    return schemaTree.at(pointer(message).head());
  }

  private static JsonPointer pointer(ValidationMessage message) {
    String fragment = message.getSchemaLocation().getFragment().toString();
    return JsonPointer.compile(fragment.isEmpty() || fragment.startsWith("/") ? fragment : "");
  }

  private static FieldPath fieldPath(JsonNodePath path) {
    List<Object> segments = new ArrayList<>(path.getNameCount());
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      segments.add(element instanceof Integer index ? index : String.valueOf(element));
    }
    return new FieldPath(segments);
  }

  private static String typeWords(JsonNode type) {
    if (type.isArray()) {
      List<String> words = new ArrayList<>();
      type.forEach(t -> words.add(typeWord(t.asText())));
      return String.join(" or ", words);
    }
    return typeWord(type.asText());
  }

  private static String typeWord(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "nothing";
    }
    return switch (value.getNodeType()) {
      case OBJECT -> "a mapping";
      case ARRAY -> "a list";
      case STRING -> "text " + quoted(value);
      case NUMBER -> "the number " + value.asText();
      case BOOLEAN -> value.asText();
      default -> value.getNodeType().name().toLowerCase();
    };
  }

  private static String typeWord(String schemaType) {
    return switch (schemaType) {
      case "object" -> "a mapping (key: value lines)";
      case "array" -> "a list";
      case "string" -> "text";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> schemaType;
    };
  }

  private static String quoted(JsonNode value) {
    return value != null && value.isTextual() ? "'" + value.asText() + "'" : String.valueOf(value);
  }

  private static String join(JsonNode list) {
    List<String> items = new ArrayList<>();
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
      items.add(it.next().asText());
    }
    return items.stream().collect(Collectors.joining(", "));
  }
}
