package dev.socra.server.account;

import dev.socra.server.ServerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing, by account and by client address. The first {@code
 * SOCRA_SIGNIN_FAILURES} wrong passwords for an account (four times as many from one address, over
 * any accounts) cost nothing; each one after that closes sign-in for a delay that doubles, from one
 * second up to {@code SOCRA_SIGNIN_MAX_DELAY}. A sign-in tried while closed is refused before the
 * password is checked, so it costs no hashing either. Failures are forgotten a day after the last
 * one, or at the account's next successful sign-in.
 *
 * <p>No lockout an attacker can impose: a delay always ends, and an address that has signed in to
 * an account successfully (in the last 30 days, as this server remembers) counts that account's
 * failures apart from everyone else's. An attacker who keeps guessing keeps strangers' tries slow,
 * not the owner's, unless the attacker shares the owner's address.
 *
 * <p>In memory, per server, like {@link UserRateLimit}: servers behind one load balancer each count
 * on their own. Time comes from the {@link Clock}, so tests move it.
 */
@Component
public class SignInThrottle {
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration FORGET_AFTER = Duration.ofDays(1);
  static final Duration TRUST = Duration.ofDays(30);
  static final int ADDRESS_FACTOR = 4;
  private static final int MAX_ENTRIES = 100_000;

  /** Failures in a row and the end of the delay they earned. */
  private record Strikes(int failures, Instant closedUntil, Instant last) {}

  private final int freeFailures;
  private final Duration maxDelay;
  private final Clock clock;
  private final Map<String, Strikes> strikes = new ConcurrentHashMap<>();
  private final Map<String, Instant> trusted = new ConcurrentHashMap<>();

  @Autowired
  SignInThrottle(ServerSettings settings, ObjectProvider<Clock> clock) {
    this(
        settings.signInFailures(),
        settings.signInMaxDelay(),
        clock.getIfAvailable(Clock::systemUTC));
  }

  SignInThrottle(int freeFailures, Duration maxDelay, Clock clock) {
    this.freeFailures = freeFailures;
    this.maxDelay = maxDelay;
    this.clock = clock;
  }

  /** How long sign-in stays closed for this name from this address; empty when open. */
  public Optional<Duration> closedFor(String name, String address) {
    Instant now = clock.instant();
    Instant until =
        later(closedUntil(accountKey(name, address), now), closedUntil(by(address), now));
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  /** A wrong password (or an unknown name: the same to an attacker). */
  public void failed(String name, String address) {
    Instant now = clock.instant();
    prune(now);
    strike(accountKey(name, address), freeFailures, now);
    strike(by(address), freeFailures * ADDRESS_FACTOR, now);
  }

  /** The right password: the account's failures are forgotten and this address is trusted. */
  public void succeeded(String name, String address) {
    Instant now = clock.instant();
    prune(now);
    String pair = pair(name, address);
    trusted.put(pair, now.plus(TRUST));
    strikes.remove(pair);
    strikes.remove(account(name));
  }

  private void strike(String key, int free, Instant now) {
    strikes.compute(
        key,
        (k, s) -> {
          int failures =
              s == null || now.isAfter(s.last().plus(FORGET_AFTER)) ? 1 : s.failures() + 1;
          Instant until = failures <= free ? now : now.plus(delay(failures - free));
          return new Strikes(failures, until, now);
        });
  }

  /** 1 s after the first failure past the free ones, doubling each time, up to the maximum. */
  Duration delay(int pastFree) {
    int doublings = Math.min(pastFree - 1, 30);
    Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  private Instant closedUntil(String key, Instant now) {
    Strikes s = strikes.get(key);
    return s == null ? now : s.closedUntil();
  }

  private String accountKey(String name, String address) {
    String pair = pair(name, address);
    Instant until = trusted.get(pair);
    return until != null && until.isAfter(clock.instant()) ? pair : account(name);
  }

  private static String account(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return "account:" + (n.length() > 100 ? n.substring(0, 100) : n);
  }

  private static String pair(String name, String address) {
    return account(name) + "@" + address;
  }

  private static String by(String address) {
    return "address:" + address;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * Keeps the maps bounded against a flood of made-up names: forgotten entries go first, then, if
   * still full, those not closed now (an attacker gains nothing from that: each of its own
   * addresses is closed already after a few tries).
   */
  private void prune(Instant now) {
    if (strikes.size() >= MAX_ENTRIES) {
      strikes.values().removeIf(s -> now.isAfter(s.last().plus(FORGET_AFTER)));
      if (strikes.size() >= MAX_ENTRIES) {
        strikes.values().removeIf(s -> !s.closedUntil().isAfter(now));
      }
    }
    if (trusted.size() >= MAX_ENTRIES) {
      trusted.values().removeIf(until -> !until.isAfter(now));
      if (trusted.size() >= MAX_ENTRIES) {
        trusted.clear();
      }
    }
  }
}
