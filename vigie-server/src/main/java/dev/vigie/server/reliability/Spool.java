package dev.vigie.server.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded first-in first-out queue of records kept on disk as JSON lines, for what could not be
 * stored in the database during an outage. {@link #append} writes one line and returns once the
 * line reached the operating system (a kill -9 keeps it); beyond {@code maxRecords} records are
 * refused and counted. {@link #drain} hands the records to a store in order and stops at the first
 * failure (the database is still down), keeping that record and the rest; what was stored is
 * removed by rewriting the file (write to a temporary file, then an atomic rename). The stores used
 * with it are idempotent (upsert by id), so a record stored just before a crash and stored again on
 * the next drain does no harm.
 *
 * <p>Thread-safe (one lock); the file is read whole only when draining, which happens while the
 * spool holds at most {@code maxRecords} lines.
 */
public final class Spool<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private final Path file;
  private final Class<T> type;
  private final ObjectMapper mapper;
  private final int maxRecords;
  private volatile int size;
  private long refused;

  public Spool(Path file, Class<T> type, ObjectMapper mapper, int maxRecords) {
    this.file = file;
    this.type = type;
    this.mapper = mapper;
    this.maxRecords = maxRecords;
    try {
      Files.createDirectories(file.getParent());
      this.size = Files.exists(file) ? readLines().size() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("spool " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends a record; false when the spool is full or cannot be written (counted as refused). */
  public synchronized boolean append(T record) {
    if (size >= maxRecords) {
      refused++;
      return false;
    }
    try {
      byte[] line = (mapper.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
      Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      size++;
      return true;
    } catch (IOException e) {
      LOG.error("spool {}: cannot append: {}", file, e.toString());
      refused++;
      return false;
    }
  }

  /**
   * Stores the spooled records in order with {@code store}; stops at the first that throws.
   *
   * @return how many were stored
   */
  public synchronized int drain(Consumer<T> store) {
    if (size == 0) return 0;
    List<String> lines;
    try {
      lines = readLines();
    } catch (IOException e) {
      LOG.error("spool {}: cannot read: {}", file, e.toString());
      return 0;
    }
    int done = 0;
    for (String line : lines) {
      T record;
      try {
        record = mapper.readValue(line, type);
      } catch (IOException e) {
        LOG.error("spool {}: unreadable line dropped: {}", file, e.getMessage());
        done++;
        continue;
      }
      try {
        store.accept(record);
        done++;
      } catch (RuntimeException e) {
        break; // still unavailable: keep this one and the rest, in order
      }
    }
    if (done == 0) return 0;
    try {
      List<String> rest = lines.subList(done, lines.size());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, rest, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      size = rest.size();
    } catch (IOException e) {
      LOG.error("spool {}: cannot rewrite: {}", file, e.toString());
    }
    return done;
  }

  /** Records waiting (read without the lock: a gauge never waits for a drain). */
  public int size() {
    return size;
  }

  /** Records refused because the spool was full or its file could not be written. */
  public synchronized long refused() {
    return refused;
  }

  public Path file() {
    return file;
  }

  private List<String> readLines() throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) out.add(l);
    }
    return out;
  }
}
