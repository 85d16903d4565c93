package dev.socra.server.account;

import dev.socra.server.ServerSettings;
import dev.socra.server.cluster.SharedBuckets;
import dev.socra.server.errors.ErrorBodies;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each user may make {@code SOCRA_USER_RPM} requests a minute under {@code /api} and {@code /v1}: a
 * Bucket4j token bucket per user, in memory (in Redis, shared by every server, with {@code
 * SOCRA_REDIS_URL}), refilled evenly over the minute (a burst of the whole minute's requests is
 * allowed, then one every 60/RPM seconds). Past it: 429 with {@code Retry-After}. Runs after
 * authentication, so it counts users, not addresses; requests without a user (sign-up, the API
 * docs) are not counted here.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10)
class UserRateLimit extends OncePerRequestFilter {
  /** Past this many users' buckets, the full ones are dropped (they hold nothing). */
  static final int MAX_BUCKETS = 10_000;

  private final int perMinute;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Bucket> sharedBuckets = new ConcurrentHashMap<>();
  private final SharedBuckets shared;

  UserRateLimit(ServerSettings settings, SharedBuckets shared) {
    this.perMinute = settings.userRequestsPerMinute();
    this.shared = shared;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = ErrorBodies.path(request);
    return !path.startsWith("/api/") && !path.startsWith("/v1/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SocraUser user = CurrentUser.get();
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    ConsumptionProbe probe = consume(user.id());
    response.setHeader("X-RateLimit-Limit", String.valueOf(perMinute));
    response.setHeader("X-RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
    response.setHeader("Retry-After", String.valueOf(seconds));
    ErrorBodies.write(
        request,
        response,
        429,
        "rate_limit_error",
        "rate_limit_exceeded",
        "too many requests: each user may make "
            + perMinute
            + " requests a minute (SOCRA_USER_RPM); try again in "
            + seconds
            + " s");
  }

  /**
   * One request of the user's: from the bucket every server shares when there is one (Redis), else
   * this server's. While Redis is out of reach each server counts on its own, so a user may make up
   * to N times the limit across N servers for that while; the calls that spend money stop anyway.
   */
  private ConsumptionProbe consume(String userId) {
    if (sharedBuckets.size() >= MAX_BUCKETS) {
      sharedBuckets.clear(); // handles on buckets kept in Redis: nothing is lost by dropping them
    }
    Optional<Bucket> common =
        Optional.ofNullable(sharedBuckets.get(userId))
            .or(
                () ->
                    shared
                        .bucket(
                            "user-rpm:" + userId,
                            () ->
                                BucketConfiguration.builder()
                                    .addLimit(
                                        l ->
                                            l.capacity(perMinute)
                                                .refillGreedy(perMinute, Duration.ofMinutes(1)))
                                    .build())
                        .map(b -> sharedBuckets.computeIfAbsent(userId, id -> b)));
    if (common.isPresent()) {
      try {
        return common.get().tryConsumeAndReturnRemaining(1);
      } catch (RuntimeException e) {
        // Redis is out of reach: count here until it is back.
      }
    }
    if (buckets.size() >= MAX_BUCKETS) {
      // A full bucket says nothing a new one would not: dropped, the map holds only users seen
      // within about a minute.
      buckets.values().removeIf(b -> b.getAvailableTokens() >= perMinute);
    }
    return buckets.computeIfAbsent(userId, id -> bucket()).tryConsumeAndReturnRemaining(1);
  }

  private Bucket bucket() {
    return Bucket.builder()
        .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .build();
  }
}
