package dev.leeway.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one configured Jackson setup for JSON and YAML: snake_case keys, unknown keys and duplicate
 * keys rejected, java.time values written as ISO strings.
 *
 * <p>The mappers are thread-safe and shared; do not reconfigure them, derive readers and writers
 * instead ({@code Json.json().readerFor(...)}).
 */
public final class Json {

  private static final JsonMapper JSON =
      configure(JsonMapper.builder())
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(Include.NON_NULL, Include.USE_DEFAULTS))
          .build();

  private static final YAMLMapper YAML =
      configure(YAMLMapper.builder())
          // Hand-edited files: empty lists and blank strings are noise, not information.
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(Include.NON_EMPTY, Include.USE_DEFAULTS))
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          // Text such as "123" must come back as text, not as a number.
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  private Json() {}

  /** The JSON mapper (API bodies, stored documents). */
  public static JsonMapper json() {
    return JSON;
  }

  /** The YAML mapper (playbooks, configuration). */
  public static YAMLMapper yaml() {
    return YAML;
  }

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        // A key written twice is almost always a copy-paste slip; last-one-wins would hide it.
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        // Money is BigDecimal: keep its scale (20.00 stays 20.00) and never write 2E+2.
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}
