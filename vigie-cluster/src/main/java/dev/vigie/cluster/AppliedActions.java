package dev.vigie.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The ids of the actions applied on this host: one id a line in a file that every {@code act} agent
 * of the host shares. {@link #applyOnce} holds an exclusive lock on the file while it checks the
 * id, applies and records it, so two agents (or one agent reading a replay) never apply one action
 * twice. The file is forced to disk after each id.
 */
public final class AppliedActions {
  private final Path file;

  /** Something that puts an action in force. */
  @FunctionalInterface
  public interface Apply {
    void run() throws Exception;
  }

  public AppliedActions(Path file) {
    this.file = file;
  }

  /**
   * Applies unless {@code id} was applied already; true when it ran now. A failure of {@code apply}
   * records nothing (the next delivery tries again) and is rethrown.
   */
  public boolean applyOnce(String id, Apply apply) throws Exception {
    if (id.indexOf('\n') >= 0) throw new IllegalArgumentException("action id with a line break");
    try (FileChannel ch =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      if (contains(ch, id)) return false;
      apply.run();
      ch.position(ch.size());
      ch.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
      return true;
    }
  }

  /** Whether {@code id} is recorded. */
  public boolean contains(String id) {
    if (!Files.exists(file)) return false;
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).contains(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(FileChannel ch, String id) throws IOException {
    long size = ch.size();
    if (size == 0) return false;
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 16));
    ch.read(buf, 0);
    String all = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    return ("\n" + all).contains("\n" + id + "\n");
  }
}
