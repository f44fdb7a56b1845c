package dev.leeway.match;

import dev.leeway.text.AnalysedText;
import dev.leeway.text.EnglishAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The analysed terms of every text a build learns from or indexes. OpenNLP analysis is the largest
 * part of a start-up, so the terms are cached by text in the build's cache folder under the
 * analyser's fingerprint: a restart with unchanged content and synonyms analyses nothing.
 */
final class ExampleAnalysis {
  // The cache keeps texts of earlier builds (cross-validation folds share most of theirs) until it
  // holds this many times the texts of the current build; then it keeps only the current ones.
  private static final int MAX_GROWTH = 2;

  private ExampleAnalysis() {}

  /**
   * Every text's analysis, by text.
   *
   * @param folder where to cache the terms, or null to keep them for this build only
   */
  static Map<String, AnalysedText> of(
      List<String> texts, EnglishAnalyzer analysis, Path folder, int threads) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(texts));
    Path file = folder == null ? null : folder.resolve("terms-" + analysis.fingerprint() + ".bin");
    TextCache<AnalysedText> cache =
        file == null
            ? TextCache.inMemory(TextCache.TERMS)
            : TextCache.persistent(TextCache.TERMS, file);
    AnalysedText[] analysed =
        cache.getAll(distinct, analysis::analyse, threads, AnalysedText[]::new);
    if (file != null) {
      if (cache.size() > MAX_GROWTH * distinct.size()) {
        cache.retainOnly(distinct);
      }
      cache.save();
      dropOtherFingerprints(folder, file);
    }
    Map<String, AnalysedText> byText = new HashMap<>();
    for (int i = 0; i < analysed.length; i++) {
      byText.put(distinct.get(i), analysed[i]);
    }
    return byText;
  }

  private static void dropOtherFingerprints(Path folder, Path current) {
    try (var files = Files.list(folder)) {
      files
          .filter(f -> f.getFileName().toString().startsWith("terms-") && !f.equals(current))
          .forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A stale cache file costs disk space, nothing else.
    }
  }
}
