package dev.socra.server.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Local and OpenID Connect users. Passwords are kept only as Argon2id hashes. */
@Component
public class Users {
  /** Letters, digits and {@code . _ @ + -}: a name or an e-mail address. */
  static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{2,100}");

  public static final int MIN_PASSWORD = 10;
  public static final int MAX_PASSWORD = 200;

  private final JdbcClient db;
  private final Clock clock;
  // Argon2id, memory-hard: the OWASP-recommended choice for password storage.
  private final PasswordEncoder passwords = PasswordHashing.encoder();

  @org.springframework.beans.factory.annotation.Autowired
  public Users(JdbcClient db) {
    this(db, Clock.systemUTC());
  }

  Users(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A new local user; the first user of a server is its admin. */
  public SocraUser create(String name, String password) {
    String n = checkName(name);
    checkPassword(password);
    return insert(n, passwords.encode(password), null, null);
  }

  /**
   * A new local user with no password ({@code socra token create} for a name not seen yet): it
   * cannot sign in with a password and authenticates with API tokens only.
   */
  public SocraUser createWithoutPassword(String name) {
    return insert(checkName(name), null, null, null);
  }

  public Optional<SocraUser> byName(String name) {
    return db.sql("SELECT id, name, admin FROM users WHERE name = ?")
        .param(name == null ? "" : name.strip())
        .query(SocraUser.class)
        .optional();
  }

  public Optional<SocraUser> byId(String id) {
    return db.sql("SELECT id, name, admin FROM users WHERE id = ?")
        .param(id)
        .query(SocraUser.class)
        .optional();
  }

  /** The user whose password this is; empty for a wrong name or password (not saying which). */
  public Optional<SocraUser> authenticate(String name, String password) {
    if (name == null || password == null || password.length() > MAX_PASSWORD) {
      return Optional.empty();
    }
    Optional<String> hash =
        db.sql("SELECT password_hash FROM users WHERE name = ?")
            .param(name.strip())
            .query(String.class)
            .optional();
    if (hash.isEmpty()) {
      // Spend the same time as a real check, so timing does not reveal which names exist.
      passwords.matches(password, DUMMY_HASH);
      return Optional.empty();
    }
    return passwords.matches(password, hash.get()) ? byName(name) : Optional.empty();
  }

  /** The user an OpenID Connect issuer vouches for, created the first time it is seen. */
  public SocraUser fromOidc(String issuer, String subject, String preferredName) {
    Optional<SocraUser> known =
        db.sql("SELECT id, name, admin FROM users WHERE oidc_issuer = ? AND oidc_subject = ?")
            .param(issuer)
            .param(subject)
            .query(SocraUser.class)
            .optional();
    if (known.isPresent()) {
      return known.get();
    }
    String base =
        preferredName != null && NAME.matcher(preferredName).matches()
            ? preferredName
            : "oidc-" + subject.replaceAll("[^\\p{L}\\p{N}._@+-]", "").toLowerCase();
    String name = base.length() > 90 ? base.substring(0, 90) : base;
    for (int i = 0; ; i++) {
      try {
        return insert(i == 0 ? name : name + "-" + i, null, issuer, subject);
      } catch (DuplicateKeyException e) {
        Optional<SocraUser> raced =
            db.sql("SELECT id, name, admin FROM users WHERE oidc_issuer = ? AND oidc_subject = ?")
                .param(issuer)
                .param(subject)
                .query(SocraUser.class)
                .optional();
        if (raced.isPresent()) {
          return raced.get();
        }
        if (i > 20) {
          throw e;
        }
      }
    }
  }

  private SocraUser insert(String name, String hash, String issuer, String subject) {
    boolean first = db.sql("SELECT COUNT(*) FROM users").query(Long.class).single() == 0;
    String id = UUID.randomUUID().toString();
    try {
      db.sql(
              "INSERT INTO users (id, name, password_hash, oidc_issuer, oidc_subject, admin,"
                  + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(id, name, hash, issuer, subject, first, now())
          .update();
    } catch (DuplicateKeyException e) {
      if (issuer != null) {
        throw e;
      }
      throw new AccountException("the name '" + name + "' is taken");
    }
    return new SocraUser(id, name, first);
  }

  private java.time.OffsetDateTime now() {
    return Instant.now(clock).atOffset(java.time.ZoneOffset.UTC);
  }

  static String checkName(String name) {
    String n = name == null ? "" : name.strip();
    if (!NAME.matcher(n).matches()) {
      throw new AccountException(
          "a user name is 2 to 100 letters, digits or . _ @ + - (an e-mail address works)");
    }
    return n;
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new AccountException("a password needs at least " + MIN_PASSWORD + " characters");
    }
    if (password.length() > MAX_PASSWORD) {
      throw new AccountException("a password can have at most " + MAX_PASSWORD + " characters");
    }
  }

  private static final String DUMMY_HASH =
      PasswordHashing.encoder().encode("not a password of anyone");
}
