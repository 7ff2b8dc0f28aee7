package dev.vigie.server.cli;

import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.ServeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Backup and restore of an H2 data directory as one zip: the database files and what lives beside
 * them (the status-link secret, the first admin password). Offline only: H2 holds a file lock on
 * {@code vigie.mv.db} while a Vigie has the database open, and both refuse then, so a copy is never
 * taken of a database being written. PostgreSQL is backed up with {@code pg_dump}.
 */
final class DataArchive {
  static final String MAGIC = "vigie-backup/1";

  private DataArchive() {}

  /** The data directory of a configuration, refusing PostgreSQL. */
  static Path h2DataDir(Path config, Path data) {
    ServeConfig cfg =
        config == null ? ServeConfig.defaults() : ServeConfig.load(config, System.getenv());
    cfg = cfg.withOverrides(null, null, data, false);
    if (!cfg.databaseUrl().startsWith("jdbc:h2:file:"))
      throw new ConfigException(
          "the database is not an H2 file under the data directory ("
              + cfg.databaseUrl().replaceAll("password=[^&;]*", "password=***")
              + "); back PostgreSQL up with pg_dump");
    return cfg.dataDir().toAbsolutePath();
  }

  /** H2 (MVStore) holds an OS file lock on its .mv.db while a process has it open. */
  static void refuseIfOpen(Path dir) throws IOException {
    List<Path> dbs;
    try (Stream<Path> s = Files.list(dir)) {
      dbs = s.filter(p -> p.getFileName().toString().endsWith(".mv.db")).toList();
    }
    for (Path db : dbs) {
      boolean open;
      try (FileChannel ch =
          FileChannel.open(db, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock lock = ch.tryLock();
        open = lock == null;
        if (lock != null) lock.release();
      } catch (OverlappingFileLockException e) {
        open = true; // held by this very process
      }
      if (open)
        throw new ConfigException(
            "the database "
                + db
                + " is open (is Vigie running? stop it first: systemctl stop vigie)");
    }
  }

  /** Zips every regular file under {@code dir}; returns how many. */
  static int backup(Path dir, Path zip) throws IOException {
    if (!Files.isDirectory(dir)) throw new ConfigException(dir + ": no such data directory");
    refuseIfOpen(dir);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    if (files.stream().noneMatch(p -> p.getFileName().toString().endsWith(".mv.db")))
      throw new ConfigException(dir + ": no H2 database in it (nothing to back up)");
    Path tmp = zip.toAbsolutePath().resolveSibling(zip.getFileName() + ".part");
    try (OutputStream o = Files.newOutputStream(tmp);
        ZipOutputStream z = new ZipOutputStream(o)) {
      z.setComment(MAGIC);
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return files.size();
  }

  /** Unzips a backup into {@code dir}; refuses over an existing database unless {@code force}. */
  static int restore(Path zip, Path dir, boolean force) throws IOException {
    if (!Files.isRegularFile(zip)) throw new ConfigException(zip + ": no such backup file");
    Files.createDirectories(dir);
    refuseIfOpen(dir);
    boolean hasDb;
    try (Stream<Path> s = Files.list(dir)) {
      hasDb = s.anyMatch(p -> p.getFileName().toString().endsWith(".mv.db"));
    }
    if (hasDb && !force)
      throw new ConfigException(dir + " already holds a database (use --force to replace it)");
    int n = 0;
    boolean sawDb = false;
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.isDirectory()) continue;
        Path target = dir.resolve(e.getName()).normalize();
        if (!target.startsWith(dir))
          throw new ConfigException(zip + ": entry '" + e.getName() + "' is not a data file");
        Files.createDirectories(target.getParent());
        Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
        sawDb |= e.getName().endsWith(".mv.db");
        n++;
      }
    } catch (java.util.zip.ZipException e) {
      throw new ConfigException(zip + ": not a Vigie backup (" + e.getMessage() + ")");
    }
    if (!sawDb) throw new ConfigException(zip + ": not a Vigie backup (no database in it)");
    return n;
  }
}
