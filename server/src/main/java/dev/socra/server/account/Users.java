package dev.socra.server.account;

import dev.socra.core.idea.PlainText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Local and OpenID Connect users. Passwords are kept only as Argon2id hashes. Names are compared as
 * {@link UserNames#key}: case and look-alike forms of one name are one name.
 */
@Component
public class Users {
  private static final Logger log = LoggerFactory.getLogger(Users.class);

  public static final int MIN_PASSWORD = PasswordPolicy.MIN_LENGTH;
  public static final int MAX_PASSWORD = PasswordPolicy.MAX_LENGTH;

  private final JdbcClient db;
  private final Clock clock;
  private final PasswordHashing hashing;
  // Argon2id, memory-hard: the OWASP-recommended choice for password storage.
  private final PasswordEncoder passwords = PasswordCost.encoder();

  /** Without a server ({@code socra user add}): hashes one at a time on a thread of their own. */
  public Users(JdbcClient db) {
    this(db, Clock.systemUTC(), PasswordHashing.single());
  }

  @org.springframework.beans.factory.annotation.Autowired
  public Users(JdbcClient db, PasswordHashing hashing) {
    this(db, Clock.systemUTC(), hashing);
  }

  Users(JdbcClient db, Clock clock, PasswordHashing hashing) {
    this.db = db;
    this.clock = clock;
    this.hashing = hashing;
  }

  /** A new local user; the first user of a server is its admin. */
  public SocraUser create(String name, String password) {
    String n = checkName(name);
    PasswordPolicy.check(n, password);
    checkPassword(password);
    return insert(n, hashing.run(() -> passwords.encode(password)), null, null);
  }

  /**
   * A new local user with no password ({@code socra token create} for a name not seen yet): it
   * cannot sign in with a password and authenticates with API tokens only.
   */
  public SocraUser createWithoutPassword(String name) {
    return insert(checkName(name), null, null, null);
  }

  /**
   * The user of this name: the one with exactly this name, else the one whose name is the same name
   * ({@link UserNames#key}: {@code CAROL} finds {@code carol}). Two accounts made before names were
   * compared this way may share a key; each keeps its exact name.
   */
  public Optional<SocraUser> byName(String name) {
    return idOf(name).flatMap(this::byId);
  }

  private Optional<String> idOf(String name) {
    if (name == null || PlainText.firstRefused(name, false) >= 0 || name.length() > 200) {
      return Optional.empty();
    }
    String n = UserNames.normalised(name);
    Optional<String> exact =
        db.sql("SELECT id FROM users WHERE name = ?").param(n).query(String.class).optional();
    if (exact.isPresent()) {
      return exact;
    }
    return db.sql("SELECT id FROM users WHERE name_key = ?")
        .param(UserNames.key(n))
        .query(String.class)
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
    Optional<String> id = idOf(name);
    Optional<String> hash =
        id.isEmpty()
            ? Optional.empty()
            : db.sql("SELECT password_hash FROM users WHERE id = ?")
                .param(id.get())
                .query(String.class)
                .optional();
    if (hash.isEmpty()) {
      // Spend the same time as a real check, so timing does not reveal which names exist.
      hashing.run(() -> passwords.matches(password, DUMMY_HASH));
      return Optional.empty();
    }
    return hashing.run(() -> passwords.matches(password, hash.get()))
        ? byId(id.get())
        : Optional.empty();
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
    if (PlainText.firstRefused(issuer, false) >= 0 || PlainText.firstRefused(subject, false) >= 0) {
      throw new org.springframework.security.authentication.BadCredentialsException(
          "the token's issuer or subject holds a control character");
    }
    String base = oidcName(preferredName, subject);
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

  /**
   * Inserts a user; the first of a server takes the admin seat. Two first sign-ups at the same
   * moment both try: the database's unique admin seat lets one in, and the other becomes an
   * ordinary user (it is inserted again without the seat).
   */
  /** The issuer's name for the user when it is a good one, else one made of the subject. */
  private static String oidcName(String preferred, String subject) {
    if (preferred != null) {
      try {
        return UserNames.check(preferred);
      } catch (AccountException e) {
        // not usable as a Socra name: fall back to the subject
      }
    }
    return "oidc-" + subject.replaceAll("[^\\p{L}\\p{N}._@+-]", "").toLowerCase(Locale.ROOT);
  }

  private SocraUser insert(String name, String hash, String issuer, String subject) {
    boolean first = db.sql("SELECT COUNT(*) FROM users").query(Long.class).single() == 0;
    if (first) {
      try {
        return insert(name, hash, issuer, subject, true);
      } catch (DuplicateKeyException | ConcurrencyFailureException e) {
        // someone else took the seat (or the name: the insert below says which)
      }
    }
    return insert(name, hash, issuer, subject, false);
  }

  private SocraUser insert(String name, String hash, String issuer, String subject, boolean admin) {
    String id = UUID.randomUUID().toString();
    try {
      db.sql(
              "INSERT INTO users (id, name, name_key, password_hash, oidc_issuer, oidc_subject,"
                  + " admin, admin_seat, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              name,
              UserNames.key(name),
              hash,
              issuer,
              subject,
              admin,
              admin ? Boolean.TRUE : null,
              now())
          .update();
    } catch (DuplicateKeyException e) {
      if (issuer != null || admin) {
        throw e;
      }
      throw new AccountException(
          "the name '"
              + name
              + "' is taken (names are compared without case and look-alike forms:"
              + " 'Ada' and 'ada' are one name)");
    }
    return new SocraUser(id, name, admin);
  }

  /**
   * Gives every user made before names were compared by key its key; where two old names share a
   * key, the older user gets it and the other keeps working by its exact name. Runs at start-up
   * (each time, for those few left without one).
   */
  @jakarta.annotation.PostConstruct
  public void fillNameKeys() {
    record Unkeyed(String id, String name) {}
    List<Unkeyed> rows =
        db.sql("SELECT id, name FROM users WHERE name_key IS NULL ORDER BY created_at, id")
            .query(Unkeyed.class)
            .list();
    for (Unkeyed u : rows) {
      try {
        db.sql("UPDATE users SET name_key = ? WHERE id = ? AND name_key IS NULL")
            .params(UserNames.key(u.name()), u.id())
            .update();
      } catch (DuplicateKeyException e) {
        log.info(
            "user {} has the same name as an older user but for case or look-alike letters;"
                + " it signs in by its exact name",
            u.id());
      }
    }
  }

  private java.time.OffsetDateTime now() {
    return Instant.now(clock).atOffset(java.time.ZoneOffset.UTC);
  }

  static String checkName(String name) {
    return UserNames.check(name);
  }

  /** Control characters (a NUL, say) are refused in a password as in every other text. */
  static void checkPassword(String password) {
    String problem = PlainText.problem("a password", password, false);
    if (problem != null) {
      throw new AccountException(problem);
    }
  }

  private static final String DUMMY_HASH =
      PasswordCost.encoder().encode("not a password of anyone");
}
