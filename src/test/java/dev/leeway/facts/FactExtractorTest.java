package dev.leeway.facts;

import static dev.leeway.facts.Reader.EXTRACTOR;
import static dev.leeway.facts.Reader.TODAY;
import static dev.leeway.facts.Reader.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FactExtractorTest {

  @Test
  void returns_facts_in_order_of_appearance() {
    assertThat(read("gold member, parcel 5 days late, wants the $12.99 shipping back"))
        .extracting(Fact::name)
        .containsExactly("membership_tier", "days_late", "shipping_cost");
  }

  @Test
  void keeps_only_the_first_fact_of_each_name() {
    List<Fact> charges =
        read("charged $10 on Monday and charged $12 on Tuesday").stream()
            .filter(f -> f.name().equals("charge_amount"))
            .toList();
    assertThat(charges).hasSize(1);
    assertThat(charges.get(0).value().display()).isEqualTo("$10.00");
  }

  @Test
  void sources_point_at_the_exact_words_of_the_original_text_and_carry_the_turn() {
    String text = "Customer’s parcel hasn’t arrived, it’s €45.";
    List<Fact> facts = EXTRACTOR.extract(text, TODAY, 3);
    assertThat(facts).isNotEmpty();
    for (Fact fact : facts) {
      FactSource.Text source = (FactSource.Text) fact.source();
      assertThat(source.turn()).isEqualTo(3);
      assertThat(text.substring(source.start(), source.end())).isEqualTo(source.span());
    }
    assertThat(((FactSource.Text) facts.get(0).source()).span()).isEqualTo("hasn’t arrived");
  }

  @Test
  void reads_nothing_from_blank_text_or_text_without_facts() {
    assertThat(read("")).isEmpty();
    assertThat(read("   ")).isEmpty();
    assertThat(read("wants to speak to a manager")).isEmpty();
  }

  @Test
  void reads_every_sentence_of_a_message() {
    assertThat(
            read(
                "Customer called in. She ordered a blender on 2 June for £49.99. It arrived yesterday."))
        .extracting(Fact::name)
        .containsExactly("days_since_order", "order_total", "item_received", "days_since_delivery");
  }

  @Test
  void one_instance_gives_the_same_answers_from_many_threads() throws Exception {
    List<String> texts =
        List.of(
            "cust never received the parcel, order was £56",
            "charged $29.99 on the 1st even though she cancelled",
            "no internet for 3 days, wants a credit",
            "third time this month, she's a platinum member");
    List<List<Fact>> expected = texts.stream().map(Reader::read).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> jobs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int k = i % texts.size();
        jobs.add(() -> EXTRACTOR.extract(texts.get(k), TODAY, 1).equals(expected.get(k)));
      }
      for (Future<Boolean> same : pool.invokeAll(jobs)) {
        assertThat(same.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }
}
