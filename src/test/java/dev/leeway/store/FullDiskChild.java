package dev.leeway.store;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Run as its own process under a small file-size limit ({@code ulimit -f}): writes answers of 20 KB
 * until the store refuses one, printing {@code ACK id} for every write acknowledged and {@code
 * REFUSED message} for the refusal, then tries once more and stops.
 */
public final class FullDiskChild {

  private FullDiskChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String big = "x".repeat(20_000);
    int refused = 0;
    try (Store store = Store.open(StoreSettings.embedded(dataDir))) {
      for (int i = 0; i < 100_000 && refused < 2; i++) {
        String id = "a" + i;
        try {
          store
              .write(
                  c -> {
                    store
                        .answers()
                        .insert(
                            c,
                            new AnswerRepository.AnswerRow(
                                id,
                                Instant.now(),
                                "ana",
                                "agent",
                                "suggest",
                                null,
                                null,
                                null,
                                LocalDate.parse("2026-03-31"),
                                big,
                                "{}",
                                "v",
                                "matched",
                                "{}"));
                    return null;
                  })
              .get();
          System.out.println("ACK " + id);
        } catch (java.util.concurrent.ExecutionException e) {
          refused++;
          System.out.println("REFUSED " + e.getCause().getMessage().replace('\n', ' '));
        }
      }
    }
    System.out.flush();
  }
}
