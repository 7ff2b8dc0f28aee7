package dev.vigie.contain.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ledger in one file of JSON lines, one line per save (the whole entry), fsynced before {@link
 * #save} returns: what was acknowledged survives a kill -9 or a power cut. On open the file is
 * replayed (last line per id wins; a torn last line, never acknowledged, is dropped) and compacted
 * (rewritten to a temporary file, fsynced, renamed over the old one). Queries are answered from an
 * {@link InMemoryIsolationLedger} kept in step. For a single Vigie process without a database; the
 * server uses SQL. Thread-safe (one lock).
 */
public final class FileIsolationLedger implements IsolationLedger, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final InMemoryIsolationLedger mem = new InMemoryIsolationLedger();
  private final FileChannel out;

  /** Opens (or creates) the ledger at {@code file}. */
  public FileIsolationLedger(Path file) throws IOException {
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n);
        if (line.isBlank()) {
          continue;
        }
        try {
          Isolation i = IsolationJson.fromMap(JSON.readValue(line, Map.class));
          mem.save(i);
        } catch (IOException | IllegalArgumentException e) {
          if (n < lines.size() - 1) {
            throw new IOException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
          }
        }
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel c =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (Isolation i : mem.all()) {
        write(c, i);
      }
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void save(Isolation isolation) {
    try {
      write(out, isolation);
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the isolation ledger", e);
    }
    mem.save(isolation);
  }

  @Override
  public Optional<Isolation> find(String id) {
    return mem.find(id);
  }

  @Override
  public List<Isolation> inState(IsolationState state) {
    return mem.inState(state);
  }

  @Override
  public List<Isolation> activatedSince(Instant since) {
    return mem.activatedSince(since);
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private static void write(FileChannel c, Isolation i) throws IOException {
    byte[] line =
        (JSON.writeValueAsString(IsolationJson.toMap(i)) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.wrap(line);
    while (b.hasRemaining()) {
      c.write(b);
    }
  }
}
