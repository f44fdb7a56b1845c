package dev.leeway.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML file: its tree plus the line where each key and array element starts, so later
 * checks can point at the line a person has to fix.
 */
public final class YamlDocument {

  /** The outcome of reading: a document, or the problem that stopped the parser. */
  public sealed interface Parse permits Parsed, Failed {}

  /** The file parsed. */
  public record Parsed(YamlDocument document) implements Parse {}

  /** The file cannot be read, is not valid YAML, is empty, or holds more than one document. */
  public record Failed(Problem problem) implements Parse {}

  private final Path file;
  private final JsonNode root;
  private final Map<FieldPath, Integer> lines;
  private final String[] rawLines;

  private YamlDocument(Path file, JsonNode root, Map<FieldPath, Integer> lines, String text) {
    this.file = file;
    this.root = root;
    this.lines = Map.copyOf(lines);
    this.rawLines = text.split("\\R", -1);
  }

  /** Reads and parses a UTF-8 YAML file. */
  public static Parse read(Path file) {
    try {
      return parse(file, Files.readString(file));
    } catch (NoSuchFileException e) {
      return new Failed(new Problem(file, 0, "", "no such file"));
    } catch (MalformedInputException e) {
      return new Failed(new Problem(file, 0, "", "not UTF-8 text"));
    } catch (IOException e) {
      return new Failed(new Problem(file, 0, "", "cannot read the file: " + e));
    }
  }

  /** Parses YAML text; {@code file} is only used to label problems and may be null. */
  public static Parse parse(Path file, String text) {
    JsonNode root;
    try {
      root = Json.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      int line = lineOf(e.getLocation());
      return new Failed(new Problem(file, line, "", syntaxMessage(e) + conditionHint(text, line)));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Failed(new Problem(file, 0, "", "the file is empty"));
    }
    try {
      return new Parsed(new YamlDocument(file, root, lineMap(text), text));
    } catch (JsonProcessingException e) {
      // readTree accepted the text, so the token walk cannot fail on syntax; kept for safety.
      return new Failed(new Problem(file, lineOf(e.getLocation()), "", syntaxMessage(e)));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
  }

  public Path file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /** The node at a path, or a MissingNode. */
  public JsonNode at(FieldPath path) {
    JsonNode node = root;
    for (Object segment : path.segments()) {
      node = segment instanceof Integer index ? node.path(index) : node.path((String) segment);
    }
    return node;
  }

  /**
   * The line of a key or array element; for a path that does not exist (a missing field), the line
   * of the nearest enclosing one that does. 0 only if nothing is known.
   */
  public int lineOf(FieldPath path) {
    for (FieldPath p = path; ; p = p.parent()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isRoot()) {
        return 0;
      }
    }
  }

  /** A problem located at a path of this document. */
  public Problem problem(FieldPath path, String message) {
    return new Problem(file, lineOf(path), path.toString(), message);
  }

  /** Walks the tokens once, recording where each key and each array element starts. */
  private static Map<FieldPath, Integer> lineMap(String text) throws IOException {
    Map<FieldPath, Integer> lines = new HashMap<>();
    // One frame per open container: its path, and for arrays the index of the last element seen.
    record Frame(FieldPath path, boolean array, int[] lastIndex) {}
    Deque<Frame> open = new ArrayDeque<>();
    FieldPath pendingKey = null;
    try (JsonParser parser = Json.yaml().createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        int line = lineOf(parser.currentTokenLocation());
        if (token == JsonToken.FIELD_NAME) {
          pendingKey = open.peek().path().key(parser.currentName());
          lines.putIfAbsent(pendingKey, line);
          continue;
        }
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          open.pop();
          continue;
        }
        FieldPath here;
        Frame parent = open.peek();
        if (parent == null) {
          here = FieldPath.ROOT;
          lines.putIfAbsent(here, Math.max(line, 1));
        } else if (parent.array()) {
          here = parent.path().index(++parent.lastIndex()[0]);
          lines.putIfAbsent(here, line);
        } else {
          here = pendingKey;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          open.push(new Frame(here, token == JsonToken.START_ARRAY, new int[] {-1}));
        }
        if (open.isEmpty()) {
          break; // only the first document counts; readTree has already refused trailing ones
        }
      }
    }
    return lines;
  }

  private static int lineOf(JsonLocation location) {
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }

  /** The parser's own words, without the code excerpt and the location that we report apart. */
  /**
   * YAML reads a condition's {@code &} as an anchor and its {@code !} as a tag when the condition
   * is not quoted: the parser's own words ("while scanning an anchor") do not say that.
   */
  private static String conditionHint(String text, int line) {
    String[] lines = text.split("\\R", -1);
    if (line < 1 || line > lines.length) {
      return "";
    }
    String at = lines[line - 1];
    if (at.contains("&&") || at.contains("||") || at.matches("\\s*-?\\s*[a-z_]+:\\s*[!&*].*")) {
      return "; a condition with &&, || or a leading ! must be quoted as a whole in YAML, e.g. when: \"!order_dispatched && days_late >= 3\"";
    }
    return "";
  }

  /** Line {@code line} (from 1) as written, or empty. */
  public String rawLine(int line) {
    return line < 1 || line > rawLines.length ? "" : rawLines[line - 1];
  }

  private static String syntaxMessage(JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
    if (original.startsWith("Duplicate field '")) {
      return "invalid YAML: key "
          + original.substring("Duplicate field ".length())
          + " appears twice";
    }
    if (original.startsWith("Trailing token")) {
      return "invalid YAML: more than one document ('---'); write one per file";
    }
    StringBuilder out = new StringBuilder();
    for (String raw : original.split("\\R")) {
      String line = raw.strip();
      // SnakeYAML interleaves "in 'reader', line 3, column 5:" and a caret excerpt of the text.
      if (line.isEmpty() || raw.startsWith(" ") || line.startsWith("in 'reader'")) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(": ");
      }
      out.append(line);
    }
    return "invalid YAML: " + (out.isEmpty() ? original.strip() : out);
  }
}
