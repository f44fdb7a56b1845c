package dev.leeway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leeway.facts.Fact;
import dev.leeway.playbook.FactSpec;
import dev.leeway.playbook.FactType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerReaderTest {

  private static final FactSpec HAS_PHOTO = new FactSpec("has_photo", FactType.BOOLEAN, "Can the customer send a photo?", List.of());

  private static Optional<String> flag(String reply) {
    return AnswerReader.read(HAS_PHOTO, reply, List.of(), Optional.empty(), 2).map(Fact::value).map(v -> v.display());
  }

  @ParameterizedTest
  @CsvSource({
    "yes, yes",
    "she does, yes",
    "she can send one, yes",
    "yes she can, yes",
    "they will email it, yes",
    "he did, yes",
    "nope, no",
    "not yet, no",
    "she can't, no",
    "she can’t find it, no",
    "he cannot, no",
    "they won't, no",
    "she didn't keep the box, no",
  })
  void a_yes_or_no_reply_reads_as_the_flag_asked(String reply, String flag) {
    assertThat(flag(reply)).as(reply).hasValue(flag);
  }

  @Test
  void a_reply_that_is_neither_reads_as_nothing() {
    assertThat(flag("the box was soaked")).isEmpty();
  }
}
