package dev.socra.server.account;

import dev.socra.core.idea.PlainText;
import dev.socra.server.cluster.TokenRevocations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Personal API tokens: {@code socra_} followed by 256 random bits. Only a SHA-256 of each is stored
 * (a token is random, not a password, so a fast hash loses nothing and lets a request find its
 * token by hash); the token itself is shown once, when created.
 *
 * <p>A resolved token is remembered for {@value #CACHE_SECONDS} seconds (at most {@value
 * #CACHE_SIZE} of them), so a busy client costs one query every half minute rather than one per
 * request. Revoking a token here forgets every remembered token at once; servers sharing the
 * database share revocations through Redis ({@link TokenRevocations}), so every one refuses a
 * revoked token at its next request; a user's renaming or admin flag reaches requests made with a
 * token within the same time.
 */
@Component
public class ApiTokens {
  public static final String PREFIX = "socra_";
  private static final SecureRandom RANDOM = new SecureRandom();

  static final int CACHE_SECONDS = 30;
  static final int CACHE_SIZE = 10_000;

  private final JdbcClient db;

  /** Resolved tokens by hash; unknown tokens are never remembered, so they cannot fill it. */
  private final ConcurrentHashMap<String, Resolved> resolved = new ConcurrentHashMap<>();

  private record Resolved(SocraUser user, long until) {}

  /** Counts revocations, so a lookup that raced one does not remember what it found. */
  private final AtomicLong revocations = new AtomicLong();

  /** Revocations every server sees (Redis); null for one server alone. */
  private final TokenRevocations shared;

  /** The revocation counter seen when the remembered tokens were last checked against it. */
  private volatile long sharedVersion = -1;

  public ApiTokens(JdbcClient db) {
    this(db, null);
  }

  @org.springframework.beans.factory.annotation.Autowired
  public ApiTokens(JdbcClient db, TokenRevocations shared) {
    this.db = db;
    this.shared = shared != null && shared.enabled() ? shared : null;
  }

  /** A token's listing: never the token itself. */
  public record TokenInfo(String id, String label, String prefix, OffsetDateTime createdAt) {}

  /** Creates a token for the user and returns it: the only time it is ever shown. */
  public String create(String userId, String label) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = PREFIX + HexFormat.of().formatHex(bytes);
    String problem = PlainText.problem("a token label", label, false);
    if (problem != null) {
      throw new AccountException(problem);
    }
    String l = label == null || label.isBlank() ? "token" : label.strip();
    if (l.length() > 100) {
      throw new AccountException("a token label can have at most 100 characters");
    }
    db.sql(
            "INSERT INTO api_tokens (id, user_id, label, token_hash, prefix, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID().toString(),
            userId,
            l,
            hash(token),
            token.substring(0, PREFIX.length() + 6),
            OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    return token;
  }

  /** The user a token belongs to; empty for an unknown or revoked token. */
  public Optional<SocraUser> resolve(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = hash(token.strip());
    long now = System.nanoTime();
    Resolved known = resolved.get(hash);
    if (known != null && now - known.until() < 0 && stillTrusted()) {
      return Optional.of(known.user());
    }
    long revocationsBefore = revocations.get();
    Optional<SocraUser> user =
        db.sql(
                "SELECT u.id, u.name, u.admin FROM api_tokens t JOIN users u ON u.id = t.user_id"
                    + " WHERE t.token_hash = ?")
            .param(hash)
            .query(SocraUser.class)
            .optional();
    if (user.isPresent()) {
      if (resolved.size() >= CACHE_SIZE) {
        resolved.values().removeIf(r -> now - r.until() >= 0);
        if (resolved.size() >= CACHE_SIZE) {
          resolved.clear(); // many live tokens: start over rather than grow
        }
      }
      resolved.put(hash, new Resolved(user.get(), now + TimeUnit.SECONDS.toNanos(CACHE_SECONDS)));
      if (revocations.get() != revocationsBefore) {
        resolved.remove(hash); // a token was revoked meanwhile: it may have been this one
      }
    } else {
      resolved.remove(hash);
    }
    return user;
  }

  /**
   * With several servers: has any server revoked a token since the remembered ones were checked?
   * Then forget them all. Redis out of reach: trust nothing remembered (the database decides).
   */
  private boolean stillTrusted() {
    if (shared == null) {
      return true;
    }
    Optional<Long> v = shared.version();
    if (v.isEmpty() || v.get() != sharedVersion) {
      revocations.incrementAndGet();
      resolved.clear();
      sharedVersion = v.orElse(-1L);
      return false;
    }
    return true;
  }

  public List<TokenInfo> list(String userId) {
    return db.sql(
            "SELECT id, label, prefix, created_at AS createdAt FROM api_tokens WHERE user_id = ?"
                + " ORDER BY created_at")
        .param(userId)
        .query(TokenInfo.class)
        .list();
  }

  /** Revokes one of the user's tokens; false when the user has no such token. */
  public boolean revoke(String userId, String tokenId) {
    boolean revoked =
        db.sql("DELETE FROM api_tokens WHERE id = ? AND user_id = ?")
                .params(tokenId, userId)
                .update()
            == 1;
    // Only the hash is remembered, not the token's id: forget them all (revoking is rare), after
    // the delete; a lookup that read the token before the delete sees the count change and forgets
    // what it found.
    revocations.incrementAndGet();
    resolved.clear();
    if (shared != null) {
      // Every other server forgets its remembered tokens at its next request. Redis out of reach:
      // they trust nothing remembered meanwhile, and start afresh when it is back.
      try {
        shared.revoked();
      } catch (dev.socra.server.cluster.SharedStateUnavailableException e) {
        // the database has the revocation; see above
      }
    }
    return revoked;
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
