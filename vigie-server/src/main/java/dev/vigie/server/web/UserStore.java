package dev.vigie.server.web;

import dev.vigie.server.api.ApiError;
import dev.vigie.server.api.Role;
import dev.vigie.server.i18n.Lang;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Console users in the database (table {@code console_user}, migration V4). Names are 1 to 64
 * characters of letters, digits, dot, dash and underscore; passwords at least 12 characters.
 */
public final class UserStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  public static final int MIN_PASSWORD = 12;
  private final Jdbi jdbi;
  private final PasswordHasher hasher;

  public UserStore(Jdbi jdbi, PasswordHasher hasher) {
    this.jdbi = jdbi;
    this.hasher = hasher;
  }

  /** What {@link #bootstrap} did on this start. */
  public enum Bootstrap {
    /** Users exist already: nothing done. */
    EXISTING,
    /** The admin was created with VIGIE_ADMIN_PASSWORD. */
    FROM_ENVIRONMENT,
    /** The admin was created with a random password written to the file. */
    RANDOM_PASSWORD_FILE
  }

  /**
   * On a first start (no user at all) creates {@code admin}: with {@code envPassword} when given,
   * otherwise with a random 24-character password written to {@code passwordFile} (mode 0600).
   */
  public Bootstrap bootstrap(String envPassword, Path passwordFile, Instant now)
      throws IOException {
    int count =
        jdbi.withHandle(
            h -> h.createQuery("SELECT COUNT(*) FROM console_user").mapTo(Integer.class).one());
    if (count > 0) return Bootstrap.EXISTING;
    if (envPassword != null && !envPassword.isBlank()) {
      create("admin", envPassword, Role.ADMIN, Lang.FR, now);
      return Bootstrap.FROM_ENVIRONMENT;
    }
    String pw = Tokens.random(18);
    Files.createDirectories(passwordFile.toAbsolutePath().getParent());
    Files.deleteIfExists(passwordFile);
    try {
      Files.createFile(
          passwordFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(passwordFile);
    }
    Files.writeString(passwordFile, pw + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    create("admin", pw, Role.ADMIN, Lang.FR, now);
    return Bootstrap.RANDOM_PASSWORD_FILE;
  }

  /**
   * Adds a user.
   *
   * @throws ApiError 400 naming the bad field, 409 when the name is taken
   */
  public User create(String name, String password, Role role, Lang lang, Instant now) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiError.badRequest("name: '" + name + "' must be 1-64 of letters, digits, . _ -");
    }
    checkPassword(password);
    if (find(name).isPresent()) throw new ApiError(409, "user '" + name + "' exists already");
    jdbi.useHandle(h ->
        h.execute(
            "INSERT INTO console_user (name, password_hash, role, language, created_at)"
                + " VALUES (?, ?, ?, ?, ?)",
            name,
            hasher.hash(password),
            role.name(),
            lang.code(),
            Timestamp.from(now)));
    return new User(name, role, lang);
  }

  public Optional<User> find(String name) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT name, role, language FROM console_user WHERE name = :n")
            .bind("n", name)
            .map((rs, ctx) -> user(rs.getString(1), rs.getString(2), rs.getString(3)))
            .findOne());
  }

  /**
   * The user when the password matches. Unknown names cost a hash too, so timing does not tell
   * which names exist.
   */
  public Optional<User> authenticate(String name, String password) {
    String stored =
        jdbi.withHandle(h ->
            h.createQuery("SELECT password_hash FROM console_user WHERE name = :n")
                .bind("n", name == null ? "" : name)
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    if (stored == null) {
      hasher.verify(password == null ? "" : password, DUMMY);
      return Optional.empty();
    }
    return hasher.verify(password, stored) ? find(name) : Optional.empty();
  }

  private static final String DUMMY =
      "pbkdf2-sha256$"
          + PasswordHasher.ITERATIONS
          + "$AAAAAAAAAAAAAAAAAAAAAA$"
          + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  public List<User> list() {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT name, role, language FROM console_user ORDER BY name")
            .map((rs, ctx) -> user(rs.getString(1), rs.getString(2), rs.getString(3)))
            .list());
  }

  public void setRole(String name, Role role) {
    update("UPDATE console_user SET role = ? WHERE name = ?", role.name(), name);
  }

  public void setLanguage(String name, Lang lang) {
    update("UPDATE console_user SET language = ? WHERE name = ?", lang.code(), name);
  }

  public void setPassword(String name, String password) {
    checkPassword(password);
    update("UPDATE console_user SET password_hash = ? WHERE name = ?", hasher.hash(password), name);
  }

  public void delete(String name) {
    update("DELETE FROM console_user WHERE name = ?", name);
  }

  /** How many admins remain (the last one may not be demoted or deleted). */
  public int admins() {
    return (int) list().stream().filter(u -> u.role() == Role.ADMIN).count();
  }

  private void update(String sql, Object... args) {
    int n = jdbi.withHandle(h -> h.execute(sql, args));
    if (n == 0) throw ApiError.notFound("no user '" + args[args.length - 1] + "'");
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw ApiError.badRequest("password: at least " + MIN_PASSWORD + " characters");
    }
  }

  private static User user(String name, String role, String lang) {
    return new User(name, Role.valueOf(role.toUpperCase(Locale.ROOT)), Lang.parse(lang));
  }
}
