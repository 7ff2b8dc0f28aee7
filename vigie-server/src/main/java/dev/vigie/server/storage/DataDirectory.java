package dev.vigie.server.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory ({@code server.dataDir}) holds the database, the admin password file and the
 * status-link secret: only Vigie's own user may read it. {@link #prepare} creates it mode 0700 (and
 * tightens an existing one), {@link #tighten} sets every regular file directly in it to 0600 (H2
 * creates its files with the process umask, typically 0644). On a file system without POSIX
 * permissions both do nothing.
 */
public final class DataDirectory {
  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private DataDirectory() {}

  /** Creates the directory (and missing parents) and sets it to 0700. */
  public static void prepare(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (!Files.isDirectory(abs)) {
      if (abs.getParent() != null) Files.createDirectories(abs.getParent());
      try {
        Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
      } catch (UnsupportedOperationException e) {
        Files.createDirectory(abs);
      }
    }
    try {
      Files.setPosixFilePermissions(abs, DIR);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to tighten
    }
  }

  /** Sets every regular file directly under {@code dir} (not following links) to 0600. */
  public static void tighten(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          try {
            Files.setPosixFilePermissions(f, FILE);
          } catch (UnsupportedOperationException e) {
            return;
          }
        }
      }
    }
  }
}
