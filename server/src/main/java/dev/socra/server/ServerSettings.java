package dev.socra.server;

import static dev.socra.server.EnvVariables.integer;
import static dev.socra.server.EnvVariables.value;

import dev.socra.llm.outcome.Durations;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, read once at start-up and checked: a bad value
 * stops the start with a message naming the variable. Defaults and reasons: docs/configuration.md.
 *
 * @param port {@code PORT}; 0 picks a free port (tests)
 * @param dataDir {@code SOCRA_DATA_DIR}: where the embedded database lives
 * @param dbUrl {@code SOCRA_DB_URL}: a JDBC URL of PostgreSQL; empty means embedded H2
 * @param signupOpen {@code SOCRA_SIGNUP} ({@code open} | {@code closed})
 * @param userDailyUsd {@code SOCRA_USER_DAILY_USD}: each user's LLM spend cap per UTC day
 * @param userRequestsPerMinute {@code SOCRA_USER_RPM}: each user's API requests per minute
 * @param oidcIssuer {@code SOCRA_OIDC_ISSUER}: accept bearer JWTs from this issuer when set
 * @param otlpEndpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT}: export attempt spans when set
 * @param signInFailures {@code SOCRA_SIGNIN_FAILURES}: wrong passwords an account may have before
 *     sign-in is slowed
 * @param signInMaxDelay {@code SOCRA_SIGNIN_MAX_DELAY}: the longest sign-in delay
 * @param signUpsPerHour {@code SOCRA_SIGNUPS_PER_HOUR}: sign-up tries per client address an hour
 * @param hashConcurrency {@code SOCRA_HASH_CONCURRENCY}: password hashes computed at once
 * @param hashWait {@code SOCRA_HASH_WAIT}: how long a sign-in or sign-up waits for a hashing slot
 * @param workLease {@code SOCRA_WORK_LEASE}: how long a server's claim on running work lasts
 *     without being renewed
 * @param workHeartbeat {@code SOCRA_WORK_HEARTBEAT}: how often claims are renewed and expired ones
 *     looked for
 * @param publicUrl {@code SOCRA_PUBLIC_URL}: the address people reach the server at, or empty; an
 *     {@code https} one makes every cookie {@code Secure}
 * @param trustForwarded {@code SOCRA_TRUST_FORWARDED}: believe {@code X-Forwarded-For} and {@code
 *     X-Forwarded-Proto} from a proxy on a loopback or private address (never from others)
 */
public record ServerSettings(
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    boolean signupOpen,
    BigDecimal userDailyUsd,
    int userRequestsPerMinute,
    String oidcIssuer,
    String otlpEndpoint,
    int signInFailures,
    Duration signInMaxDelay,
    int signUpsPerHour,
    int hashConcurrency,
    Duration hashWait,
    Duration workLease,
    Duration workHeartbeat,
    String publicUrl,
    boolean trustForwarded,
    Map<String, String> env) {

  public static final int DEFAULT_PORT = 8080;
  public static final BigDecimal DEFAULT_USER_DAILY_USD = new BigDecimal("5.00");
  public static final int DEFAULT_USER_RPM = 120;
  public static final int DEFAULT_SIGNIN_FAILURES = 5;
  public static final Duration DEFAULT_SIGNIN_MAX_DELAY = Duration.ofMinutes(15);
  public static final int DEFAULT_SIGNUPS_PER_HOUR = 10;
  public static final Duration DEFAULT_HASH_WAIT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_WORK_LEASE = Duration.ofSeconds(30);

  /** Half the cores, at least one: the rest stay free for requests while sign-ups flood in. */
  public static int defaultHashConcurrency() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  public ServerSettings {
    env = Map.copyOf(env);
  }

  public static ServerSettings from(Map<String, String> env) {
    redisUrl(env); // checked with the rest, before anything starts
    return new ServerSettings(
        integer(env, "PORT", DEFAULT_PORT, 0, 65_535),
        Path.of(value(env, "SOCRA_DATA_DIR").orElse("./data")).toAbsolutePath().normalize(),
        value(env, "SOCRA_DB_URL").orElse(""),
        value(env, "SOCRA_DB_USER").orElse(""),
        env.getOrDefault("SOCRA_DB_PASSWORD", ""),
        signup(env),
        money(env, "SOCRA_USER_DAILY_USD", DEFAULT_USER_DAILY_USD),
        integer(env, "SOCRA_USER_RPM", DEFAULT_USER_RPM, 1, 1_000_000),
        value(env, "SOCRA_OIDC_ISSUER").orElse(""),
        value(env, "OTEL_EXPORTER_OTLP_ENDPOINT").orElse(""),
        integer(env, "SOCRA_SIGNIN_FAILURES", DEFAULT_SIGNIN_FAILURES, 1, 1_000),
        duration(
            env,
            "SOCRA_SIGNIN_MAX_DELAY",
            DEFAULT_SIGNIN_MAX_DELAY,
            Duration.ofSeconds(1),
            Duration.ofDays(1)),
        integer(env, "SOCRA_SIGNUPS_PER_HOUR", DEFAULT_SIGNUPS_PER_HOUR, 1, 1_000_000),
        integer(env, "SOCRA_HASH_CONCURRENCY", defaultHashConcurrency(), 1, 256),
        duration(env, "SOCRA_HASH_WAIT", DEFAULT_HASH_WAIT, Duration.ZERO, Duration.ofMinutes(1)),
        workLease(env),
        workHeartbeat(env),
        publicUrl(env),
        flag(env, "SOCRA_TRUST_FORWARDED"),
        env);
  }

  private static Duration workLease(Map<String, String> env) {
    return duration(
        env, "SOCRA_WORK_LEASE", DEFAULT_WORK_LEASE, Duration.ofSeconds(2), Duration.ofHours(1));
  }

  /** A third of the lease by default: two renewals may fail before another server takes over. */
  private static Duration workHeartbeat(Map<String, String> env) {
    Duration lease = workLease(env);
    Duration heartbeat =
        duration(env, "SOCRA_WORK_HEARTBEAT", lease.dividedBy(3), Duration.ofMillis(200), lease);
    if (heartbeat.compareTo(lease.dividedBy(2)) > 0) {
      throw new IllegalArgumentException(
          "SOCRA_WORK_HEARTBEAT must be at most half of SOCRA_WORK_LEASE ("
              + lease.toMillis() / 2
              + " ms), was "
              + heartbeat.toMillis()
              + " ms");
    }
    return heartbeat;
  }

  /** Go-style ({@code 30s}, {@code 1m30s}, {@code 500ms}) or a number of seconds. */
  private static Duration duration(
      Map<String, String> env, String name, Duration def, Duration min, Duration max) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return def;
    }
    Optional<Duration> d = Durations.parseGo(v.get()).or(() -> Durations.parseSeconds(v.get()));
    if (d.isEmpty() || d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name
              + " must be a duration from "
              + min.toMillis()
              + " ms to "
              + max.toSeconds()
              + " s, such as 30s, 1m30s or 500ms; was '"
              + v.get()
              + "'");
    }
    return d.get();
  }

  /** True when people reach the server over HTTPS ({@code SOCRA_PUBLIC_URL} says so). */
  public boolean publicHttps() {
    return publicUrl.startsWith("https://");
  }

  /**
   * {@code SOCRA_REDIS_URL} ({@code redis://[:password@]host:port[/db]}, or {@code rediss://} for
   * TLS): the state several servers share (provider budgets, per-user limits and spend holds, token
   * revocations, live event streams). Empty for one server alone. See docs/deploy.md.
   */
  public String redisUrl() {
    return redisUrl(env);
  }

  /** True when this server shares its state with others through Redis. */
  public boolean clustered() {
    return !redisUrl().isEmpty();
  }

  private static String redisUrl(Map<String, String> env) {
    String url = value(env, "SOCRA_REDIS_URL").orElse("");
    if (!url.isEmpty() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
      throw new IllegalArgumentException(
          "SOCRA_REDIS_URL must be a redis:// or rediss:// URL such as redis://localhost:6379");
    }
    return url;
  }

  public boolean embeddedDatabase() {
    return dbUrl.isEmpty();
  }

  /** The JDBC URL the server uses: PostgreSQL when given, else an H2 file in the data dir. */
  public String jdbcUrl() {
    if (!embeddedDatabase()) {
      return dbUrl;
    }
    // Only this process opens the file (no AUTO_SERVER: that runs an H2 server on a port, whose
    // key any local user could read): `socra user add` reaches a running server over its admin
    // socket instead. WRITE_DELAY=0 writes each commit out at once (H2 waits up to 500 ms by
    // default), so a killed server loses no answer and no finished stage. TRACE_LEVEL_FILE=0: no
    // trace file beside the database (its lines can hold statements with their values); errors
    // still reach the caller as exceptions.
    return "jdbc:h2:file:" + dataDir.resolve("socra") + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
  }

  private static String publicUrl(Map<String, String> env) {
    Optional<String> v = value(env, "SOCRA_PUBLIC_URL");
    if (v.isEmpty()) {
      return "";
    }
    String url = v.get();
    try {
      java.net.URI u = new java.net.URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || u.getHost() == null
          || u.getRawUserInfo() != null
          || u.getRawQuery() != null
          || u.getRawFragment() != null) {
        throw new java.net.URISyntaxException(url, "not a plain http(s) address");
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      return scheme
          + "://"
          + u.getRawAuthority()
          + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "SOCRA_PUBLIC_URL must be an http:// or https:// address such as"
              + " https://socra.example.com, was '"
              + url
              + "'");
    }
  }

  private static boolean flag(Map<String, String> env, String name) {
    String v = value(env, name).orElse("false").toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
    };
  }

  private static boolean signup(Map<String, String> env) {
    String v = value(env, "SOCRA_SIGNUP").orElse("open").toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "open" -> true;
      case "closed" -> false;
      default ->
          throw new IllegalArgumentException(
              "SOCRA_SIGNUP must be 'open' or 'closed', was '" + v + "'");
    };
  }

  private static BigDecimal money(Map<String, String> env, String name, BigDecimal def) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return def;
    }
    try {
      BigDecimal n = new BigDecimal(v.get());
      if (n.signum() < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be an amount in US dollars such as 5 or 2.50, was '" + v.get() + "'");
    }
  }
}
