package dev.socra.server.cluster;

import dev.socra.server.ServerSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The connection to Redis (or Valkey), where servers sharing one PostgreSQL keep what they must see
 * of each other at once: provider budgets and cool-downs, per-user limits and spend holds, token
 * revocations, live event streams. Absent ({@link #enabled()} false) without {@code
 * SOCRA_REDIS_URL}: one server keeps all of it in memory.
 *
 * <p>Commands fail at once while the connection is down (Lettuce reconnects by itself in the
 * background), and each waits at most {@link #TIMEOUT}: a server never queues work behind an
 * outage. Every failure reaches callers as {@link SharedStateUnavailableException}. The URL's
 * password is never printed: messages name the host and port only.
 */
@Component
public class Redis implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** What a refused request is told to wait: about how long Lettuce takes to reconnect. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final RedisClient client;
  private final ClientResources resources;
  private final StatefulRedisConnection<String, String> strings;
  private final StatefulRedisConnection<String, byte[]> bytes;
  private final String where;

  public Redis(ServerSettings settings) {
    if (!settings.clustered()) {
      client = null;
      resources = null;
      strings = null;
      bytes = null;
      where = "";
      return;
    }
    RedisURI uri = RedisURI.create(settings.redisUrl());
    uri.setTimeout(TIMEOUT);
    where = uri.getHost() + ":" + uri.getPort();
    // Reconnect soon after an outage (by default Lettuce backs off up to 30 s).
    resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(50),
                    Duration.ofSeconds(1),
                    2,
                    java.util.concurrent.TimeUnit.MILLISECONDS))
            .build();
    client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
            .build());
    try {
      strings = client.connect();
      bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RedisException e) {
      close();
      throw new ClusterRefusedException(
          "cannot reach Redis at " + where + " (SOCRA_REDIS_URL): " + rootMessage(e));
    }
  }

  /** True when this server shares its state through Redis. */
  public boolean enabled() {
    return client != null;
  }

  /** True while the connection is up (false while Lettuce reconnects after an outage). */
  public boolean up() {
    return enabled() && strings.isOpen() && bytes.isOpen();
  }

  /** Host and port, for messages (never the password). */
  public String where() {
    return where;
  }

  /** Runs commands on the shared connection; a failure becomes "unavailable". */
  public <T> T call(Function<RedisCommands<String, String>, T> commands) {
    try {
      return commands.apply(strings.sync());
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /**
   * The connection Bucket4j's proxy manager keeps its buckets over (keys as text, bytes as values).
   */
  public StatefulRedisConnection<String, byte[]> bytes() {
    return bytes;
  }

  /**
   * A connection of its own, for commands that block (a follower's {@code XREAD BLOCK}), which
   * would hold up every other command on the shared one. The caller closes it.
   */
  public StatefulRedisConnection<String, String> dedicated() {
    try {
      return client.connect();
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  private final java.util.Map<String, String> shas = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Runs a Lua script by its digest ({@code EVALSHA}), loading it the first time Redis does not
   * know it (after a restart too): the script's text crosses the network once, not every call.
   */
  public <T> T script(
      String lua, io.lettuce.core.ScriptOutputType type, String[] keys, String... args) {
    String sha = shas.computeIfAbsent(lua, Redis::sha1);
    return call(
        c -> {
          try {
            return c.evalsha(sha, type, keys, args);
          } catch (io.lettuce.core.RedisNoScriptException e) {
            return c.eval(lua, type, keys, args);
          }
        });
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public SharedStateUnavailableException unavailable(RuntimeException e) {
    return new SharedStateUnavailableException(
        "the state the servers share (Redis at " + where + ") is out of reach: " + rootMessage(e),
        RETRY_AFTER,
        e);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  @Override
  public void close() {
    if (strings != null) {
      strings.close();
    }
    if (bytes != null) {
      bytes.close();
    }
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (resources != null) {
      resources.shutdown();
    }
  }
}
