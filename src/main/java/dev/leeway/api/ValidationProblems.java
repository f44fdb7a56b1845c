package dev.leeway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the OpenAPI validator's findings into problems an integrator can act on: the field at fault
 * and what is wrong with it, in words, instead of JSON Schema keyword paths.
 */
final class ValidationProblems {

  private static final Pattern REQUIRED =
      Pattern.compile("Instance does not have required property \"([^\"]+)\"");
  private static final Pattern TYPE =
      Pattern.compile("Instance type (\\w+) is invalid\\. Expected (\\w+)");
  private static final Pattern TOO_LONG =
      Pattern.compile("String is too long \\((\\d+) > (\\d+)\\)");
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)(?:path|query|header|cookie) parameter (\\w+)");

  private ValidationProblems() {}

  static ApiException of(ValidatorException e) {
    if (!(e instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("can't be decoded")) {
        return ApiException.badRequest(
            "body is not valid JSON: send a JSON object like {\"text\": \"...\"}");
      }
      if (message.contains("does not contain the required body")) {
        return ApiException.badRequest(
            "body is missing: send a JSON object like {\"text\": \"...\"}");
      }
      return ApiException.badRequest(message);
    }
    JsonObject unit = schema.getOutputUnit().toJson();
    JsonArray errors = unit.getJsonArray("errors", new JsonArray());
    List<JsonObject> specific = new ArrayList<>();
    List<JsonObject> unknownFields = new ArrayList<>();
    for (int i = 0; i < errors.size(); i++) {
      JsonObject error = errors.getJsonObject(i);
      String keyword = error.getString("keywordLocation", "");
      if (keyword.endsWith("/additionalProperties")) {
        unknownFields.add(error);
      } else if (!keyword.endsWith("/properties") && !keyword.endsWith("/$ref")) {
        specific.add(error);
      }
    }
    if (!specific.isEmpty()) {
      JsonObject error = specific.get(specific.size() - 1);
      Matcher parameter = PARAMETER.matcher(e.getMessage() == null ? "" : e.getMessage());
      if (parameter.find() && field(error).isEmpty()) {
        // The parameter is the whole instance, so the validator's location is empty: name it.
        error = error.copy().put("instanceLocation", "#/" + parameter.group(1));
      }
      return describe(error);
    }
    if (!unknownFields.isEmpty()) {
      String field = field(unknownFields.get(0));
      return ApiException.badRequest("unknown field '" + field + "'").field(field);
    }
    return ApiException.badRequest(e.getMessage());
  }

  private static ApiException describe(JsonObject error) {
    String field = field(error);
    String message = error.getString("error", "is invalid");
    String keyword = error.getString("keywordLocation", "");
    Matcher required = REQUIRED.matcher(message);
    if (required.matches()) {
      String missing = field.isEmpty() ? required.group(1) : field + "." + required.group(1);
      return ApiException.badRequest("field '" + missing + "' is required").field(missing);
    }
    if (field.isEmpty()) {
      Matcher type = TYPE.matcher(message);
      return ApiException.badRequest(
          type.matches()
              ? "body must be a JSON " + type.group(2) + ", not " + article(type.group(1))
              : "body: " + message);
    }
    Matcher type = TYPE.matcher(message);
    if (type.matches()) {
      return ApiException.badRequest(
              "field '"
                  + field
                  + "' must be "
                  + article(type.group(2))
                  + ", not "
                  + article(type.group(1)))
          .field(field);
    }
    Matcher tooLong = TOO_LONG.matcher(message);
    if (tooLong.matches()) {
      // An agent's text past its limit is too much content (413); an id or a note past its
      // length is simply a bad value (400).
      return new ApiException(
              field.equals("text") ? 413 : 400,
              field.equals("text") ? "Payload too large" : "Bad request",
              "field '"
                  + field
                  + "' has "
                  + tooLong.group(1)
                  + " characters; the most is "
                  + tooLong.group(2))
          .field(field);
    }
    if (keyword.endsWith("/pattern") || keyword.endsWith("/minLength")) {
      return ApiException.badRequest("field '" + field + "' is empty").field(field);
    }
    return ApiException.badRequest("field '" + field + "': " + lowerFirst(message)).field(field);
  }

  /** "#/facts/order_total" reads as "facts.order_total". */
  private static String field(JsonObject error) {
    String location = error.getString("instanceLocation", "#");
    return location.replaceFirst("^#/?", "").replace('/', '.');
  }

  private static String article(String type) {
    return switch (type) {
      case "string" -> "a string";
      case "number" -> "a number";
      case "integer" -> "a whole number";
      case "boolean" -> "true or false";
      case "array" -> "an array";
      case "object" -> "an object";
      case "null" -> "null";
      default -> type;
    };
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
