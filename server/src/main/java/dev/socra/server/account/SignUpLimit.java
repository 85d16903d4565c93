package dev.socra.server.account;

import dev.socra.server.ServerSettings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Each client address may try {@code SOCRA_SIGNUPS_PER_HOUR} sign-ups an hour (the API's and the
 * page's together): a Bucket4j token bucket per address, refilled evenly over the hour, on the
 * {@link Clock}. Every try counts, refused ones included, since each may cost a password hash. In
 * memory, per server.
 */
@Component
public class SignUpLimit {
  private static final int MAX_ADDRESSES = 100_000;

  private final int perHour;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Autowired
  SignUpLimit(ServerSettings settings, ObjectProvider<Clock> clock) {
    this(settings.signUpsPerHour(), clock.getIfAvailable(Clock::systemUTC));
  }

  SignUpLimit(int perHour, Clock clock) {
    this.perHour = perHour;
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /** Takes one try for the address; empty when allowed, else how long until the next one is. */
  public Optional<Duration> take(String remoteAddress) {
    String address = ClientAddress.of(remoteAddress);
    if (buckets.size() >= MAX_ADDRESSES) {
      buckets.values().removeIf(b -> b.getAvailableTokens() >= perHour); // idle: full again
    }
    ConsumptionProbe probe =
        buckets.computeIfAbsent(address, a -> bucket()).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  public int perHour() {
    return perHour;
  }

  private Bucket bucket() {
    return Bucket.builder()
        .withCustomTimePrecision(time)
        .addLimit(l -> l.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
        .build();
  }
}
