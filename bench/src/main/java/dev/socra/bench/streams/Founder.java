package dev.socra.bench.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * One simulated founder: starts a session, follows its first question as Server-Sent Events,
 * answers at once and follows the next question on the answer's own stream, until the interview is
 * complete, then starts another session; until told to stop, when it finishes the question it is
 * reading. It has no think time, so it always has one stream open but for the moment the server
 * takes to store an answer.
 */
final class Founder implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

  private final int number;
  private final HttpClient http;
  private final URI base;
  private final String token;
  private final Emissions emissions;
  private final int questionTokens;
  private final int maxTurns;
  private final BooleanSupplier stop;
  private final Meter meter;
  private final long tokenDelayNanos;

  Founder(
      int number,
      HttpClient http,
      URI base,
      String token,
      Emissions emissions,
      int questionTokens,
      int maxTurns,
      long tokenDelayNanos,
      Meter meter,
      BooleanSupplier stop) {
    this.number = number;
    this.http = http;
    this.base = base;
    this.token = token;
    this.emissions = emissions;
    this.questionTokens = questionTokens;
    this.maxTurns = maxTurns;
    this.tokenDelayNanos = tokenDelayNanos;
    this.meter = meter;
    this.stop = stop;
  }

  private enum End {
    TURN,
    COMPLETE,
    FAILED
  }

  @Override
  public void run() {
    int sessionsStarted = 0;
    while (!stop.getAsBoolean()) {
      String id;
      try {
        id = createSession(++sessionsStarted);
      } catch (IOException | RuntimeException e) {
        meter.failed("create session: " + e.getClass().getSimpleName());
        pause();
        continue;
      } catch (InterruptedException e) {
        return;
      }
      meter.sessions.increment();
      try {
        End end =
            follow(
                request("/api/sessions/" + id + "/turns/1/events")
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build(),
                false);
        int turn = 1;
        while (end == End.TURN && !stop.getAsBoolean()) {
          String answer =
              "{\"answer\":\"Founder "
                  + number
                  + " answers question "
                  + turn
                  + ": we asked twelve bakeries what they throw away each week.\"}";
          end =
              follow(
                  request("/api/sessions/" + id + "/answers")
                      .header("Content-Type", "application/json")
                      .header("Accept", "text/event-stream")
                      .POST(HttpRequest.BodyPublishers.ofString(answer))
                      .build(),
                  true);
          turn++;
        }
        if (end == End.FAILED) {
          pause();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private String createSession(int n) throws IOException, InterruptedException {
    String idea =
        "{\"idea\":\"Founder "
            + number
            + ", idea "
            + n
            + ": an app that matches bakeries' unsold bread with food banks before closing time.\","
            + "\"maxTurns\":"
            + maxTurns
            + "}";
    HttpResponse<String> r =
        http.send(
            request("/api/sessions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(idea))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IOException("POST /api/sessions answered " + r.statusCode());
    }
    return JSON.readTree(r.body()).path("id").asText();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(HEADERS_TIMEOUT)
        .header("Authorization", "Bearer " + token);
  }

  /** Follows one question's stream to its end; records what it saw in the meter of the moment. */
  private End follow(HttpRequest request, boolean timeFirstToken) throws InterruptedException {
    Meter m = meter;
    long sent = System.nanoTime();
    HttpResponse<InputStream> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      m.failed("request: " + e.getClass().getSimpleName());
      return End.FAILED;
    }
    try (InputStream body = r.body()) {
      if (r.statusCode() != 200) {
        m.failed(request.method() + " " + shape(request.uri().getPath()) + ": " + r.statusCode());
        return End.FAILED;
      }
      m.streamsStarted.increment();
      m.open.incrementAndGet();
      try {
        return read(body, m, sent, timeFirstToken);
      } finally {
        m.open.decrementAndGet();
      }
    } catch (IOException e) {
      m.failed("stream: " + e.getClass().getSimpleName());
      return End.FAILED;
    }
  }

  /** Reads events until the question's turn (or the interview's completion) arrives. */
  private End read(InputStream body, Meter m, long sent, boolean timeFirstToken)
      throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    Question q = new Question(questionTokens);
    String name = null;
    StringBuilder data = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (name != null) {
          long now = System.nanoTime();
          switch (name) {
            case "token" -> {
              if (q.received == 0 && timeFirstToken) {
                m.firstTokenMicros.recordValue(Math.max(0, now - sent) / 1_000);
              }
              q.add(JSON.readTree(data.toString()).path("text").asText(), now, m);
            }
            case "turn" -> {
              return finish(q, m, sent) ? End.TURN : End.FAILED;
            }
            case "complete" -> {
              m.streamsCompleted.increment();
              return End.COMPLETE;
            }
            case "error" -> {
              JsonNode e = JSON.readTree(data.toString());
              m.failed("error event: " + e.path("kind").asText(e.path("code").asText("?")));
              return End.FAILED;
            }
            default -> {}
          }
        }
        name = null;
        data.setLength(0);
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
      }
    }
    m.failed("stream ended without its turn");
    return End.FAILED;
  }

  /**
   * Relay latency of every token of the question, once the stub's emission times are known; tokens
   * written before the founder asked for the stream are replayed to it, not relayed, and not timed.
   */
  private boolean finish(Question q, Meter m, long asked) {
    if (q.seq < 0) {
      m.failed("turn without question tokens");
      return false;
    }
    Emissions.Answer a = emissions.take(q.seq);
    if (a == null || !a.finished()) {
      m.failed("no emission record");
      return false;
    }
    int missing = 0;
    for (int k = 0; k < questionTokens; k++) {
      long at = q.receivedAt[k];
      if (at == 0) {
        missing++;
        continue;
      }
      long emitted = a.emittedAt(k);
      if (emitted < asked) {
        m.tokensReplayed.increment();
        continue;
      }
      if (m.inWindow(at)) {
        long latency = at - emitted;
        if (latency < 0) {
          m.earlierThanPlaced.increment();
        }
        m.relayMicros.recordValue(Math.max(0, latency) / 1_000);
        m.relayAtLeastMicros.recordValue(Math.max(0, at - a.latest(k, tokenDelayNanos)) / 1_000);
        m.relayAtMostMicros.recordValue(Math.max(0, at - a.earliest(k, tokenDelayNanos)) / 1_000);
      }
    }
    if (m.inWindow(a.firstAt)) {
      m.stubLatenessNanos.add(Math.round(a.latenessPerTokenNanos(tokenDelayNanos)));
      m.stubAnswers.increment();
    }
    if (missing > 0) {
      m.tokensMissing.add(missing);
      m.failed("question tokens missing");
      return false;
    }
    m.streamsCompleted.increment();
    return true;
  }

  /** The question's markers as they arrive; a marker split over two events is joined first. */
  private static final class Question {
    final long[] receivedAt;
    final StringBuilder text = new StringBuilder();
    int scanned;
    long seq = -1;
    int received;

    Question(int tokens) {
      receivedAt = new long[tokens];
      Arrays.fill(receivedAt, 0);
    }

    void add(String piece, long now, Meter m) {
      text.append(piece);
      while (true) {
        int at = text.indexOf("q", scanned);
        if (at < 0 || at + MarkedQuestions.MARKER_LENGTH > text.length()) {
          return;
        }
        long s = Long.parseLong(text, at + 1, at + 9, 10);
        int k = Integer.parseInt(text, at + 10, at + 13, 10);
        scanned = at + MarkedQuestions.MARKER_LENGTH;
        if (seq < 0) {
          seq = s;
        }
        if (s == seq && k < receivedAt.length && receivedAt[k] == 0) {
          receivedAt[k] = now;
          received++;
          m.tokensReceived.increment();
          if (m.inWindow(now)) {
            m.tokensInWindow.increment();
          }
        }
      }
    }
  }

  private static String shape(String path) {
    return path.replaceAll("/api/sessions/[^/]+", "/api/sessions/{id}");
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
