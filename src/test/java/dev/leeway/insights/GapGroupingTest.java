package dev.leeway.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.match.SentenceEmbedder;
import dev.leeway.match.TextCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grouping with the matcher's real MiniLM vectors, on sentences written for this test (in no
 * playbook and no other fixture): three situations phrased several ways, and two that stand alone.
 */
class GapGroupingTest {

  static TextVectors minilm;

  static final List<String> GIFT_CARD =
      List.of(
          "customer's gift card balance shows zero but she never used it",
          "gift card says it has no money left, he swears he didn't spend it",
          "the balance on her gift voucher vanished before she used it");
  static final List<String> ADDRESS =
      List.of(
          "wants to change the delivery address after the order was placed",
          "can we send his order to a different address, it hasn't shipped yet",
          "she moved house and needs the parcel delivered to her new address");
  static final List<String> SUBSCRIPTION =
      List.of(
          "charged twice for the monthly subscription this month",
          "subscription fee taken two times in March",
          "billed for the membership twice in the same month");
  static final List<String> ALONE =
      List.of(
          "does the store sell hiking boots in size 48",
          "asking whether the warehouse is hiring forklift drivers");

  @BeforeAll
  static void model() {
    SentenceEmbedder embedder =
        new SentenceEmbedder(
            SentenceEmbedder.Model.ALL_MINILM_L6_V2_Q, TextCache.embeddingsInMemory());
    minilm = embedder::embedQuery;
  }

  static List<GapItem> items() {
    List<GapItem> items = new ArrayList<>();
    List<String> all = new ArrayList<>();
    // Interleaved, so grouping cannot lean on the order they came in.
    for (int i = 0; i < 3; i++) {
      all.add(GIFT_CARD.get(i));
      all.add(ADDRESS.get(i));
      all.add(SUBSCRIPTION.get(i));
      if (i < ALONE.size()) {
        all.add(ALONE.get(i));
      }
    }
    for (int i = 0; i < all.size(); i++) {
      items.add(
          new GapItem(
              Instant.parse("2026-03-01T10:00:00Z").plusSeconds(60L * i),
              i % 4 == 0 ? GapItem.Source.MARKED_WRONG : GapItem.Source.NO_MATCH,
              "agent",
              all.get(i),
              Optional.empty()));
    }
    return items;
  }

  static Set<Set<String>> texts(List<GapGroup> groups) {
    // Examples hold the newest five; every group here is smaller, so they are all its texts.
    return groups.stream()
        .map(g -> g.examples().stream().map(GapItem::text).collect(Collectors.toSet()))
        .collect(Collectors.toSet());
  }

  @Test
  void rephrasings_of_one_situation_group_together_and_others_stay_apart() {
    List<GapGroup> groups = new GapGrouping(minilm, GapGrouping.THRESHOLD).group(items());
    assertThat(texts(groups))
        .containsExactlyInAnyOrder(
            Set.copyOf(GIFT_CARD),
            Set.copyOf(ADDRESS),
            Set.copyOf(SUBSCRIPTION),
            Set.of(ALONE.get(0)),
            Set.of(ALONE.get(1)));
    GapGroup first = groups.get(0);
    assertThat(first.count()).isEqualTo(3);
    assertThat(groups.get(groups.size() - 1).count()).isEqualTo(1);
    // Newest first within a group, and the group's latest is its newest item.
    assertThat(first.examples().get(0).at()).isEqualTo(first.latest());
    assertThat(first.examples()).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
  }

  @Test
  void counts_by_source_and_the_plays_named() {
    List<GapItem> items =
        List.of(
            new GapItem(
                Instant.parse("2026-03-01T10:00:00Z"),
                GapItem.Source.NO_MATCH,
                "agent",
                SUBSCRIPTION.get(0),
                Optional.of("billing.double-charge")),
            new GapItem(
                Instant.parse("2026-03-01T11:00:00Z"),
                GapItem.Source.MARKED_WRONG,
                "agent",
                SUBSCRIPTION.get(1),
                Optional.of("billing.double-charge")),
            new GapItem(
                Instant.parse("2026-03-01T12:00:00Z"),
                GapItem.Source.NO_MATCH,
                "agent",
                SUBSCRIPTION.get(2),
                Optional.of("billing.subscription")));
    List<GapGroup> groups = new GapGrouping(minilm, GapGrouping.THRESHOLD).group(items);
    assertThat(groups).hasSize(1);
    GapGroup group = groups.get(0);
    assertThat(group.sources())
        .containsEntry(GapItem.Source.NO_MATCH, 2)
        .containsEntry(GapItem.Source.MARKED_WRONG, 1);
    assertThat(group.plays().get(0).getKey()).isEqualTo("billing.double-charge");
    assertThat(group.plays().get(0).getValue()).isEqualTo(2);
  }

  @Test
  void at_a_threshold_of_one_only_identical_texts_group() {
    List<GapItem> items = new ArrayList<>(items());
    items.add(
        new GapItem(
            Instant.parse("2026-03-02T10:00:00Z"),
            GapItem.Source.NO_MATCH,
            "agent",
            ALONE.get(0),
            Optional.empty()));
    List<GapGroup> groups = new GapGrouping(new WordVectors(), 0.999).group(items);
    assertThat(groups).hasSize(items.size() - 1);
    assertThat(groups.get(0).count()).isEqualTo(2);
    assertThat(groups.get(0).examples().get(0).text()).isEqualTo(ALONE.get(0));
  }
}
