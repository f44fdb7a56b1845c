package dev.leeway.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our tokenizer must give exactly the ids of the Hugging Face library it replaces. */
class WordPieceTokenizerTest {
  private static final String FILE = "all-minilm-l6-v2-q-tokenizer.json";
  private static final int MAX_TOKENS = 128;

  private static WordPieceTokenizer ours;
  private static HuggingFaceTokenizer reference;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream json = resource()) {
      ours = WordPieceTokenizer.read(json, FILE, MAX_TOKENS);
    }
    try (InputStream json = resource()) {
      reference =
          HuggingFaceTokenizer.newInstance(
              json,
              Map.of(
                  "padding", "false",
                  "truncation", "true",
                  "maxLength", Integer.toString(MAX_TOKENS)));
    }
  }

  private static InputStream resource() {
    return WordPieceTokenizerTest.class.getClassLoader().getResourceAsStream(FILE);
  }

  @Test
  void gives_the_reference_ids_for_agents_texts_and_the_packs_examples() throws IOException {
    List<String> texts = new ArrayList<>(OnnxSentenceModelTest.TEXTS);
    texts.add(OnnxSentenceModelTest.LONG);
    for (Path csv :
        List.of(
            Path.of("src/test/resources/eval/train.csv"),
            Path.of("src/test/resources/eval/held-out-agent-texts.csv"))) {
      texts.addAll(Files.readAllLines(csv, StandardCharsets.UTF_8));
    }
    try (Stream<Path> plays = Files.walk(Path.of("playbooks"))) {
      for (Path play : plays.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        texts.addAll(Files.readAllLines(play, StandardCharsets.UTF_8));
      }
    }
    assertThat(texts).hasSizeGreaterThan(1_000);
    texts.forEach(WordPieceTokenizerTest::assertSameIds);
  }

  @Test
  void gives_the_reference_ids_for_awkward_text() {
    List.of(
            "",
            "   ",
            "[CLS] a literal [SEP] inside [UNK]",
            "[SEP][SEP]x[MASK]",
            "naïve café déjà vu — ÉCOLE",
            "İstanbul ΣΊΣΥΦΟΣ ﬁnance",
            "東京で返金 refund",
            "tab\tnew\nline\u000bvertical\u0085next\u00a0nbsp\u2003em",
            "zero\u200bwidth\u200djoiner\ufeffbom\u0000nul\ufffdreplacement",
            "emoji 🙁👍🏽 and $100.50 (approx.) 'quoted' \"double\" a/b\\c",
            "x".repeat(101) + " " + "y".repeat(100),
            "supercalifragilisticexpialidocious antidisestablishmentarianism")
        .forEach(WordPieceTokenizerTest::assertSameIds);
  }

  @Test
  void gives_the_reference_ids_for_random_text() {
    Random random = new Random(77);
    int[][] ranges = {
      {0x20, 0x7e},
      {0x20, 0x7e},
      {0x20, 0x7e},
      {0x00, 0x1f},
      {0xa0, 0x24f},
      {0x300, 0x36f},
      {0x370, 0x3ff},
      {0x400, 0x4ff},
      {0x2000, 0x206f},
      {0x3000, 0x303f},
      {0x4e00, 0x4e40},
      {0xff00, 0xffef},
      {0x1f300, 0x1f64f}
    };
    for (int n = 0; n < 3_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(40);
      for (int i = 0; i < length; i++) {
        int[] range = ranges[random.nextInt(ranges.length)];
        int c = range[0] + random.nextInt(range[1] - range[0] + 1);
        if (Character.isDefined(c) && !Character.isSurrogate((char) c)) {
          text.appendCodePoint(c);
        }
      }
      assertSameIds(text.toString());
    }
  }

  @Test
  void refuses_a_tokenizer_it_would_read_differently() {
    String cased =
        """
        {"normalizer": {"type": "BertNormalizer", "lowercase": false, "clean_text": true,
                        "handle_chinese_chars": true, "strip_accents": null},
         "pre_tokenizer": {"type": "BertPreTokenizer"},
         "model": {"type": "WordPiece", "vocab": {"[CLS]": 0, "[SEP]": 1, "[UNK]": 2}}}
        """;
    assertThatThrownBy(
            () ->
                WordPieceTokenizer.read(
                    new ByteArrayInputStream(cased.getBytes(StandardCharsets.UTF_8)),
                    "cased.json",
                    MAX_TOKENS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cased.json")
        .hasMessageContaining("normalizer.lowercase is false");
  }

  private static void assertSameIds(String text) {
    assertThat(ours.encode(text)).as("%s", text).containsExactly(reference.encode(text).getIds());
  }
}
