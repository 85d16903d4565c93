package dev.socra.server.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only links to sessions, one per session at most. A link's token is a selector (96 random
 * bits) followed by a verifier (192 random bits), both base64url: the selector finds the row, and
 * the verifier is compared with the stored SHA-256 of it in constant time, so neither the database
 * lookup nor the comparison tells a guesser how close a guess came. The token is shown to the owner
 * once, when the link is made, and never stored; a new link replaces the old one, and revoking
 * deletes it.
 */
@Component
public class ShareLinks {
  static final int SELECTOR_CHARS = 16;
  static final int VERIFIER_CHARS = 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** What a link's token looks like: anything else is not a link, before any lookup. */
  private static final Pattern TOKEN =
      Pattern.compile("[A-Za-z0-9_-]{" + (SELECTOR_CHARS + VERIFIER_CHARS) + "}");

  private final JdbcClient db;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  public ShareLinks(JdbcClient db) {
    this(db, Clock.systemUTC());
  }

  ShareLinks(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A link that exists: since when. */
  public record Shared(OffsetDateTime since) {}

  /** Makes the session's link, replacing any earlier one; returns its token (shown once). */
  String create(String sessionId) {
    String selector = random(12);
    String verifier = random(24);
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    db.sql("DELETE FROM session_shares WHERE session_id = ?").param(sessionId).update();
    db.sql(
            "INSERT INTO session_shares (session_id, selector, verifier_hash, created_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(sessionId, selector, hash(verifier), now)
        .update();
    return selector + verifier;
  }

  /** Revokes the session's link; false when it had none. */
  boolean revoke(String sessionId) {
    return db.sql("DELETE FROM session_shares WHERE session_id = ?").param(sessionId).update() > 0;
  }

  /** Whether the session has a link now, and since when. */
  public Optional<Shared> of(String sessionId) {
    return db.sql("SELECT created_at FROM session_shares WHERE session_id = ?")
        .param(sessionId)
        .query(OffsetDateTime.class)
        .optional()
        .map(Shared::new);
  }

  private record Row(String sessionId, String verifierHash) {}

  /** The session a token opens; empty for a token that is malformed, unknown or revoked. */
  Optional<String> session(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    String selector = token.substring(0, SELECTOR_CHARS);
    byte[] verifier = hash(token.substring(SELECTOR_CHARS)).getBytes(StandardCharsets.US_ASCII);
    return db.sql(
            "SELECT session_id AS sessionId, verifier_hash AS verifierHash FROM session_shares"
                + " WHERE selector = ?")
        .param(selector)
        .query(Row.class)
        .optional()
        .filter(
            r ->
                MessageDigest.isEqual(
                    r.verifierHash().getBytes(StandardCharsets.US_ASCII), verifier))
        .map(Row::sessionId);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }

  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
