package dev.socra.bench.signup;

import dev.socra.server.SocraServer;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.SocraUser;
import dev.socra.server.account.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A signed-in user's latency with and without a sign-up flood (docs/benchmarks.md, "Sign-up
 * flood"). The server runs in-process on embedded H2 with the per-address sign-up limit lifted
 * ({@code SOCRA_SIGNUPS_PER_HOUR=1000000}), so only the hashing bound stands between the flood and
 * the CPU, as for an attacker with many addresses. One client thread calls {@code GET
 * /api/sessions} with an API token back to back (and {@code /actuator/health} every tenth call),
 * first alone, then while {@code --flooders} threads post sign-ups as fast as they are answered.
 *
 * <pre>
 * bench/signup.sh [--seconds 20] [--flooders 300]
 * </pre>
 *
 * Prints one markdown table. Every request goes to loopback only, and each phase ends by itself.
 */
public final class SignUpFloodBenchmark {
  private SignUpFloodBenchmark() {}

  record Phase(
      String name,
      Histogram signedIn,
      Histogram health,
      long created,
      long refusedBusy,
      long otherStatus,
      double seconds) {}

  public static void main(String[] args) throws Exception {
    int seconds = 20;
    int flooders = 300;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--flooders" -> flooders = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("socra-signup-bench");
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("SOCRA_DATA_DIR", dir.toString());
    env.put("SOCRA_USER_RPM", "1000000");
    env.put("SOCRA_SIGNUPS_PER_HOUR", "1000000");
    env.put("SOCRA_LOG_LEVEL", "warn");
    try (SocraServer server = SocraServer.start(env)) {
      SocraUser ada =
          server.bean(Users.class).create("bench-ada", "tuners in vermont book by phone");
      String token = server.bean(ApiTokens.class).create(ada.id(), "bench");
      String base = "http://127.0.0.1:" + server.port();
      HttpClient client = HttpClient.newHttpClient();
      measure(client, base, token, 3, 0); // warm-up
      List<Phase> phases = new ArrayList<>();
      phases.add(measure(client, base, token, seconds, 0));
      phases.add(measure(client, base, token, seconds, flooders));
      print(phases, flooders, Runtime.getRuntime().availableProcessors());
    }
  }

  static Phase measure(HttpClient client, String base, String token, int seconds, int flooders)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong created = new AtomicLong();
    AtomicLong busy = new AtomicLong();
    AtomicLong other = new AtomicLong();
    AtomicLong names = new AtomicLong();
    List<Thread> flood = new ArrayList<>();
    HttpClient floodClient = HttpClient.newHttpClient();
    for (int i = 0; i < flooders; i++) {
      flood.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!stop.get()) {
                      String name = "flood-" + names.incrementAndGet();
                      String body =
                          "{\"name\":\"" + name + "\",\"password\":\"tuners in vermont\"}";
                      try {
                        int status =
                            floodClient
                                .send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/signup"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                    HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        (status == 201 ? created : status == 503 ? busy : other).incrementAndGet();
                      } catch (Exception e) {
                        other.incrementAndGet();
                      }
                    }
                  }));
    }
    if (flooders > 0) {
      Thread.sleep(2_000); // the flood reaches its steady state first
    }
    Histogram signedIn = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Histogram health = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    HttpRequest sessions =
        HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
            .header("Authorization", "Bearer " + token)
            .build();
    HttpRequest healthCheck = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build();
    long createdBefore = created.get();
    long busyBefore = busy.get();
    long otherBefore = other.get();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    for (int n = 0; System.nanoTime() < end; n++) {
      boolean isHealth = n % 10 == 9;
      long t0 = System.nanoTime();
      int status =
          client
              .send(isHealth ? healthCheck : sessions, HttpResponse.BodyHandlers.discarding())
              .statusCode();
      long micros = (System.nanoTime() - t0) / 1_000;
      if (status != 200) {
        throw new IllegalStateException("a signed-in call was answered " + status);
      }
      (isHealth ? health : signedIn)
          .recordValue(Math.min(micros, signedIn.getHighestTrackableValue()));
    }
    double took = (System.nanoTime() - start) / 1e9;
    Phase p =
        new Phase(
            flooders == 0 ? "alone" : flooders + " sign-up senders",
            signedIn,
            health,
            created.get() - createdBefore,
            busy.get() - busyBefore,
            other.get() - otherBefore,
            took);
    stop.set(true);
    for (Thread t : flood) {
      t.join();
    }
    return p;
  }

  static void print(List<Phase> phases, int flooders, int cores) {
    System.out.println(
        "| phase | signed-in calls | p50 | p99 | max | health p99 | sign-ups made | sign-ups"
            + " refused 503 | other answers |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Phase p : phases) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d (%.0f/s) | %s | %s | %s | %s | %,d (%.1f/s) | %,d | %,d |%n",
          p.name(),
          p.signedIn().getTotalCount(),
          p.signedIn().getTotalCount() / p.seconds(),
          ms(p.signedIn().getValueAtPercentile(50)),
          ms(p.signedIn().getValueAtPercentile(99)),
          ms(p.signedIn().getMaxValue()),
          ms(p.health().getValueAtPercentile(99)),
          p.created(),
          p.created() / p.seconds(),
          p.refusedBusy(),
          p.otherStatus());
    }
    System.out.printf(Locale.ROOT, "%n%d cores, %d flooding threads%n", cores, flooders);
  }

  static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
  }
}
