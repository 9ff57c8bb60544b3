package dev.orca.chaos.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orca.model.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload generator's log of writes: one JSON object per line ({@link WriteRecord}), appended
 * and flushed as each answer comes, so that a log cut short by a crash still holds every write
 * answered before it. Safe to append from several threads.
 */
public final class WriteLog implements AutoCloseable {
  private static final ObjectMapper JSON = Json.mapper();
  private final BufferedWriter out;

  private WriteLog(BufferedWriter out) {
    this.out = out;
  }

  /** A new log at {@code file} (replacing one that was there). */
  public static WriteLog create(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new WriteLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
  }

  public synchronized void append(WriteRecord record) {
    try {
      out.write(JSON.writeValueAsString(record));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every record of a log; a last line cut short (the writer died mid-line) is left out. */
  public static List<WriteRecord> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<WriteRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(JSON.readValue(line, WriteRecord.class));
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          break;
        }
        throw new IOException(file + ":" + (i + 1) + ": not a write record: " + e.getMessage(), e);
      }
    }
    return records;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
