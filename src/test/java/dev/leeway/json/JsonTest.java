package dev.leeway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JsonTest {

  record Sample(String displayName, LocalDate reviewBy) {}

  @Test
  void writes_snake_case_keys_and_iso_dates() throws Exception {
    String json = Json.json().writeValueAsString(new Sample("A", LocalDate.of(2027, 6, 30)));

    assertThat(json).isEqualTo("{\"display_name\":\"A\",\"review_by\":\"2027-06-30\"}");
  }

  @Test
  void reads_yaml_into_records() throws Exception {
    Sample sample = Json.yaml().readValue("display_name: A\nreview_by: 2027-06-30\n", Sample.class);

    assertThat(sample).isEqualTo(new Sample("A", LocalDate.of(2027, 6, 30)));
  }

  @Test
  void rejects_unknown_key() {
    assertThatThrownBy(() -> Json.json().readValue("{\"display_nam\":\"A\"}", Sample.class))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("display_nam");
  }
}
