package dev.leeway.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvReadException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code text,label} CSV files with a header row; quoted fields may span lines. */
public final class LabelledCsv {
  private LabelledCsv() {}

  /** The rows of {@code file}; a malformed file fails with its name, line and what is wrong. */
  public static List<LabelledText> read(Path file) throws IOException {
    CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    List<LabelledText> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(reader)) {
      if (!it.hasNext()) {
        throw new IOException(file + ": empty file, expected a header row 'text,label'");
      }
      it.next(); // header: the names are free (BANKING77 calls its label column "category")
      while (it.hasNext()) {
        int line = it.getCurrentLocation().getLineNr();
        String[] row = it.next();
        if (row.length == 1 && row[0].isBlank()) {
          continue;
        }
        if (row.length != 2) {
          throw new IOException(
              file + ":" + line + ": expected 2 fields (text,label), found " + row.length);
        }
        if (row[0].isBlank()) {
          throw new IOException(file + ":" + line + ": empty text");
        }
        if (row[1].isBlank()) {
          throw new IOException(file + ":" + line + ": empty label");
        }
        rows.add(new LabelledText(row[0].strip(), row[1].strip()));
      }
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (CsvReadException e) {
      throw new IOException(
          file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    } catch (RuntimeJsonMappingException e) {
      // Jackson's iterator wraps parse errors (an unclosed quote, say) in an unchecked exception.
      Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
      String where =
          cause instanceof JsonProcessingException j && j.getLocation() != null
              ? ":" + j.getLocation().getLineNr()
              : "";
      String what =
          cause instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IOException(file + where + ": " + what, e);
    }
    return rows;
  }
}
