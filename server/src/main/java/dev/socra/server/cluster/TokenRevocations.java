package dev.socra.server.cluster;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Revoked tokens, for every server at once: a revocation raises one counter in Redis ({@code
 * socra:tokens:version}), and a server reads it before it trusts a token it remembered; when it has
 * changed, the server forgets every remembered token and asks the database. One small read per
 * request that carries a remembered token, against up to 30 s of a revoked token still working on
 * another server.
 */
@Component
public class TokenRevocations {
  static final String KEY = "socra:tokens:version";

  private final Redis redis;

  TokenRevocations(Redis redis) {
    this.redis = redis;
  }

  public boolean enabled() {
    return redis.enabled();
  }

  /**
   * The revocation counter every server sees; empty when Redis is out of reach (the caller then
   * trusts nothing it remembered and asks the database, the record).
   */
  public Optional<Long> version() {
    try {
      String v = redis.call(c -> c.get(KEY));
      return Optional.of(v == null ? 0L : Long.parseLong(v));
    } catch (SharedStateUnavailableException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Tells every server that a token was revoked. */
  public void revoked() {
    redis.call(c -> c.incr(KEY));
  }
}
