package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.app.Engine;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.config.ServerConfig;
import dev.leeway.facts.FactValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pack that sets its currency: amounts typed without a sign are in it, in facts and answers. */
class PackCurrencyTest {

  @TempDir Path data;
  @TempDir Path config;

  /** The starter pack with its currency set to pounds in a copy of the config. */
  private Engine poundsPack() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("config"))) {
      for (Path file : files.toList()) {
        Files.copy(file, config.resolve(file.getFileName()));
      }
    }
    Path facts = config.resolve("facts.yaml");
    Files.writeString(facts, Files.readString(facts).replace("currency: USD", "currency: GBP"));
    assertThat(Files.readString(facts)).contains("currency: GBP");
    return SharedBuildCache.around(
        data,
        () ->
            Engine.load(
                ServerConfig.fromEnvironment(
                    Map.of(
                        ServerConfig.DATA_DIR, data.toString(),
                        ServerConfig.CONFIG_DIR, config.toString()))));
  }

  @Test
  void amounts_without_a_sign_are_in_the_packs_currency() throws Exception {
    try (Engine engine = poundsPack()) {
      Clock clock = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC);
      Dialogue dialogue = new Dialogue(engine.advisor(), new Gaps(10), clock);
      Conversation c = new Conversations(Duration.ofMinutes(30), clock).start("ana", "agent");

      Reply reply =
          dialogue.take(
              c,
              new Message(
                  "kettle arrived smashed yesterday, it was 54.99",
                  Map.of(),
                  LocalDate.of(2026, 6, 15)));

      assertThat(c.facts().all())
          .filteredOn(f -> f.value() instanceof FactValue.Money)
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.value().display()).isEqualTo("£54.99"));
      assertThat(reply.message()).doesNotContain("$54.99");
    }
  }

  @Test
  void amounts_no_fact_gives_and_the_wording_of_a_money_question_are_in_the_packs_currency()
      throws Exception {
    try (Engine engine = poundsPack()) {
      Clock clock = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC);
      Dialogue dialogue = new Dialogue(engine.advisor(), new Gaps(10), clock);
      Conversation c = new Conversations(Duration.ofMinutes(30), clock).start("ana", "agent");
      LocalDate today = LocalDate.of(2026, 6, 15);

      // No amount given: every decision's amount (a limit, what can be done now) is in pounds.
      Reply first =
          dialogue.take(
              c, new Message("order arrived yesterday with the vase smashed", Map.of(), today));
      assertThat(first.advice().plays()).isNotEmpty();
      first
          .advice()
          .plays()
          .forEach(
              s ->
                  s.decision()
                      .decisions()
                      .forEach(d -> assertThat(d.currency()).as(d.action().id()).isEqualTo("GBP")));
      assertThat(first.message()).doesNotContain("$");

      // A reply that gives no amount to a question about money is told what it needs, in pounds.
      assertThat(first.followUp()).get().isInstanceOf(FollowUp.AskFact.class);
      assertThat(((FollowUp.AskFact) first.followUp().get()).fact()).isEqualTo("item_price");
      Reply again = dialogue.take(c, new Message("yes", Map.of(), today));
      assertThat(again.message()).contains("an amount such as £80").doesNotContain("$80");
    }
  }

  @Test
  void the_money_question_says_what_it_needs_in_the_packs_currency() {
    dev.leeway.playbook.FactSpec total =
        new dev.leeway.playbook.FactSpec(
            "order_total",
            dev.leeway.playbook.FactType.MONEY,
            "What was the order total?",
            java.util.List.of());
    assertThat(AnswerReader.expected(total, "GBP")).isEqualTo("an amount such as £80");
    assertThat(AnswerReader.expected(total, "EUR")).isEqualTo("an amount such as €80");
    assertThat(AnswerReader.expected(total, "USD")).isEqualTo("an amount such as $80");
  }
}
