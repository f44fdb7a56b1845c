package dev.leeway.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The uncased BERT tokenizer that MiniLM and BGE were trained with, read from the model's Hugging
 * Face {@code tokenizer.json}: clean the text, space out CJK characters, strip accents, lower-case,
 * split at white space and punctuation, then cut each word into the longest vocabulary pieces ("##"
 * marking a continuation) between [CLS] and [SEP].
 *
 * <p>It gives the same ids as the Hugging Face library for these files (a test compares them on
 * every training text and on random text) without that library's native code, which is about 14 MB
 * of the jar per three platforms. A tokenizer file with another normaliser, pre-tokeniser or model
 * is refused rather than tokenised differently.
 */
final class WordPieceTokenizer {

  private final Map<String, Integer> vocabulary;
  private final List<Special> specials;
  private final int unknown;
  private final int classify;
  private final int separator;
  private final String continuation;
  private final int maxWordChars;
  private final int maxTokens;

  /** A special token the tokenizer finds in the raw text, such as a literal "[SEP]". */
  private record Special(String text, int id) {}

  private WordPieceTokenizer(
      Map<String, Integer> vocabulary,
      List<Special> specials,
      String unknownToken,
      String continuation,
      int maxWordChars,
      int maxTokens) {
    this.vocabulary = vocabulary;
    this.specials = specials;
    this.unknown = id(vocabulary, unknownToken);
    this.classify = id(vocabulary, "[CLS]");
    this.separator = id(vocabulary, "[SEP]");
    this.continuation = continuation;
    this.maxWordChars = maxWordChars;
    this.maxTokens = maxTokens;
  }

  /**
   * Reads a {@code tokenizer.json}.
   *
   * @param maxTokens the most ids {@link #encode} returns, [CLS] and [SEP] included
   * @throws IOException when the file cannot be read or describes another kind of tokenizer
   */
  static WordPieceTokenizer read(InputStream json, String name, int maxTokens) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode normalizer = root.path("normalizer");
    JsonNode model = root.path("model");
    require(name, "normalizer.type", normalizer.path("type").asText(), "BertNormalizer");
    require(name, "normalizer.lowercase", normalizer.path("lowercase").asText(), "true");
    require(name, "normalizer.clean_text", normalizer.path("clean_text").asText(), "true");
    require(
        name,
        "normalizer.handle_chinese_chars",
        normalizer.path("handle_chinese_chars").asText(),
        "true");
    if (!normalizer.path("strip_accents").isNull()
        && !normalizer.path("strip_accents").asBoolean(true)) {
      throw unsupported(name, "normalizer.strip_accents", "false");
    }
    require(
        name,
        "pre_tokenizer.type",
        root.path("pre_tokenizer").path("type").asText(),
        "BertPreTokenizer");
    require(name, "model.type", model.path("type").asText(), "WordPiece");
    requireClsSepTemplate(name, root.path("post_processor"));
    if (maxTokens < 3) {
      throw new IllegalArgumentException("maxTokens must leave room for a word: " + maxTokens);
    }
    Map<String, Integer> vocabulary = new HashMap<>();
    model.path("vocab").properties().forEach(e -> vocabulary.put(e.getKey(), e.getValue().asInt()));
    List<Special> specials = new ArrayList<>();
    for (JsonNode added : root.path("added_tokens")) {
      if (added.path("normalized").asBoolean(true)) {
        throw unsupported(name, "added_tokens.normalized", "true");
      }
      specials.add(new Special(added.path("content").asText(), added.path("id").asInt()));
    }
    return new WordPieceTokenizer(
        vocabulary,
        List.copyOf(specials),
        model.path("unk_token").asText("[UNK]"),
        model.path("continuing_subword_prefix").asText("##"),
        model.path("max_input_chars_per_word").asInt(100),
        maxTokens);
  }

  /** The token ids of {@code text}: [CLS], its pieces (cut to fit), [SEP]. */
  long[] encode(String text) {
    List<Integer> pieces = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      Special special = null;
      int at = text.length();
      for (Special s : specials) {
        int found = text.indexOf(s.text(), from);
        if (found >= 0
            && (found < at
                || found == at && special != null && s.text().length() > special.text().length())) {
          at = found;
          special = s;
        }
      }
      words(text.substring(from, at), pieces);
      if (special == null) {
        break;
      }
      pieces.add(special.id());
      from = at + special.text().length();
    }
    int kept = Math.min(pieces.size(), maxTokens - 2);
    long[] ids = new long[kept + 2];
    ids[0] = classify;
    for (int i = 0; i < kept; i++) {
      ids[i + 1] = pieces.get(i);
    }
    ids[kept + 1] = separator;
    return ids;
  }

  private void words(String raw, List<Integer> pieces) {
    String text = normalise(raw);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (isWhitespace(c)) {
        flush(word, pieces);
      } else if (isPunctuation(c)) {
        flush(word, pieces);
        word.appendCodePoint(c);
        flush(word, pieces);
      } else {
        word.appendCodePoint(c);
      }
    }
    flush(word, pieces);
  }

  private void flush(StringBuilder word, List<Integer> pieces) {
    if (word.isEmpty()) {
      return;
    }
    pieceUp(word.toString(), pieces);
    word.setLength(0);
  }

  /** Greedy longest-match-first; a word with a part no piece covers is one [UNK]. */
  private void pieceUp(String word, List<Integer> pieces) {
    int[] chars = word.codePoints().toArray();
    if (chars.length > maxWordChars) {
      pieces.add(unknown);
      return;
    }
    List<Integer> found = new ArrayList<>();
    int start = 0;
    while (start < chars.length) {
      Integer id = null;
      int end = chars.length;
      for (; end > start; end--) {
        String piece = new String(chars, start, end - start);
        id = vocabulary.get(start > 0 ? continuation + piece : piece);
        if (id != null) {
          break;
        }
      }
      if (id == null) {
        pieces.add(unknown);
        return;
      }
      found.add(id);
      start = end;
    }
    pieces.addAll(found);
  }

  /** BERT's normaliser: clean, space out CJK, strip accents, lower-case. */
  static String normalise(String text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 8);
    text.codePoints()
        .forEach(
            c -> {
              if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
              }
              if (isWhitespace(c)) {
                cleaned.append(' ');
              } else if (isCjk(c)) {
                cleaned.append(' ').appendCodePoint(c).append(' ');
              } else {
                cleaned.appendCodePoint(c);
              }
            });
    String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
    StringBuilder stripped = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
        .forEach(stripped::appendCodePoint);
    // Character by character, as the Hugging Face normaliser does: no final-sigma context.
    StringBuilder lower = new StringBuilder(stripped.length());
    stripped.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
    return lower.toString();
  }

  private static boolean isWhitespace(int c) {
    return c == '\t' || c == '\n' || c == '\r' || isUnicodeWhiteSpace(c);
  }

  /** Unicode's White_Space property, which Rust's {@code char::is_whitespace} follows. */
  private static boolean isUnicodeWhiteSpace(int c) {
    return (c >= 0x09 && c <= 0x0D)
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  private static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED;
  }

  private static boolean isPunctuation(int c) {
    if (c < 0x80) {
      return (c >= 33 && c <= 47)
          || (c >= 58 && c <= 64)
          || (c >= 91 && c <= 96)
          || (c >= 123 && c <= 126);
    }
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  private static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B920 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
  }

  private static int id(Map<String, Integer> vocabulary, String token) {
    Integer id = vocabulary.get(token);
    if (id == null) {
      throw new IllegalArgumentException("the tokenizer's vocabulary has no " + token);
    }
    return id;
  }

  private static void require(String name, String field, String value, String expected)
      throws IOException {
    if (!expected.equals(value)) {
      throw unsupported(name, field, value);
    }
  }

  private static void requireClsSepTemplate(String name, JsonNode post) throws IOException {
    JsonNode single = post.path("single");
    boolean clsSep =
        "TemplateProcessing".equals(post.path("type").asText())
            && single.size() == 3
            && "[CLS]".equals(single.get(0).path("SpecialToken").path("id").asText())
            && "A".equals(single.get(1).path("Sequence").path("id").asText())
            && "[SEP]".equals(single.get(2).path("SpecialToken").path("id").asText());
    if (!clsSep) {
      throw unsupported(name, "post_processor", post.toString());
    }
  }

  private static IOException unsupported(String name, String field, String value) {
    return new IOException(
        name
            + ": "
            + field
            + " is "
            + value
            + "; only uncased BERT WordPiece tokenizers ([CLS] text [SEP]) are supported");
  }
}
