package dev.socra.bench.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.server.live.EventLog;
import dev.socra.server.live.LiveRuns;
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
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One simulated founder: starts a session, follows its first question as Server-Sent Events,
 * answers at once and follows the next question on the answer's own stream, until the interview is
 * complete, then starts another session; until told to stop, when it finishes the question it is
 * reading. It has no think time, so it always has one stream open but for the moment the server
 * takes to store an answer.
 *
 * <p>Each token's relay latency is the time from its event's append to the question's {@link
 * EventLog} (read from the server's {@link LiveRuns} once the question is complete: same JVM, same
 * clock) to the moment this founder has parsed it.
 */
final class Founder implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

  private final int number;
  private final HttpClient http;
  private final URI base;
  private final String token;
  private final LiveRuns runs;
  private final int questionTokens;
  private final int maxTurns;
  private final long tokenDelayNanos;
  private final Meter meter;
  private final BooleanSupplier stop;

  Founder(
      int number,
      HttpClient http,
      URI base,
      String token,
      LiveRuns runs,
      int questionTokens,
      int maxTurns,
      long tokenDelayNanos,
      Meter meter,
      BooleanSupplier stop) {
    this.number = number;
    this.http = http;
    this.base = base;
    this.token = token;
    this.runs = runs;
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
        int turn = 1;
        End end =
            follow(
                request("/api/sessions/" + id + "/turns/1/events")
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build(),
                id,
                turn,
                false);
        while (end == End.TURN && !stop.getAsBoolean()) {
          String answer =
              "{\"answer\":\"Founder "
                  + number
                  + " answers question "
                  + turn
                  + ": we asked twelve bakeries what they throw away each week.\",\"question\":"
                  + turn
                  + "}";
          turn++;
          end =
              follow(
                  request("/api/sessions/" + id + "/answers")
                      .header("Content-Type", "application/json")
                      .header("Accept", "text/event-stream")
                      .POST(HttpRequest.BodyPublishers.ofString(answer))
                      .build(),
                  id,
                  turn,
                  true);
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

  /** Follows one question's stream to its end. */
  private End follow(HttpRequest request, String session, int turn, boolean answered)
      throws InterruptedException {
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
        return read(body, m, new Question(questionTokens, session, turn, sent), answered);
      } finally {
        m.open.decrementAndGet();
      }
    } catch (IOException e) {
      m.failed("stream: " + e.getClass().getSimpleName());
      return End.FAILED;
    }
  }

  /** Reads events until the question's turn (or the interview's completion) arrives. */
  private End read(InputStream body, Meter m, Question q, boolean answered) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    String name = null;
    long id = 0;
    StringBuilder data = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (name != null) {
          long now = System.nanoTime();
          switch (name) {
            case "token" -> {
              if (q.received == 0 && answered && m.inWindow(now)) {
                m.firstTokenMicros.recordValue(Math.max(0, now - q.asked) / 1_000);
              }
              q.add(JSON.readTree(data.toString()).path("text").asText(), id, now, m);
            }
            case "turn" -> {
              return finish(q, m) ? End.TURN : End.FAILED;
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
        id = 0;
        data.setLength(0);
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("id:")) {
        id = Long.parseLong(line.substring(3).strip());
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
   * Relay latency of every token of the question, from the server's own record of when each event
   * was appended; tokens written before the founder asked for the stream (the first of turn 1,
   * written while the founder was still connecting) are replayed to it, not relayed, and not timed.
   */
  private boolean finish(Question q, Meter m) {
    if (q.question < 0) {
      m.failed("turn without question tokens");
      return false;
    }
    Optional<EventLog> log = runs.find(q.session + "/turn/" + q.turn);
    if (log.isEmpty()) {
      m.failed("question log gone");
      return false;
    }
    int missing = 0;
    long first = 0;
    long last = 0;
    for (int k = 0; k < questionTokens; k++) {
      long at = q.receivedAt[k];
      if (at == 0) {
        missing++;
        continue;
      }
      long appended = log.get().appendedAt(q.eventOf[k]);
      if (k == 0) {
        first = appended;
      }
      last = appended;
      if (appended < q.asked) {
        m.tokensReplayed.increment();
        continue;
      }
      if (m.inWindow(at)) {
        m.relayMicros.recordValue(Math.max(0, at - appended) / 1_000);
      }
    }
    if (missing > 0) {
      m.tokensMissing.add(missing);
      m.failed("question tokens missing");
      return false;
    }
    if (m.inWindow(first) && questionTokens > 1) {
      long lateness = (last - first) - tokenDelayNanos * (questionTokens - 1);
      m.stubLatenessNanos.add(lateness / (questionTokens - 1));
      m.stubAnswers.increment();
    }
    m.streamsCompleted.increment();
    return true;
  }

  /** The question's markers as they arrive; a marker split over two events is joined first. */
  private static final class Question {
    final long[] receivedAt;
    final long[] eventOf;
    final String session;
    final int turn;
    final long asked;
    final StringBuilder text = new StringBuilder();
    int scanned;
    long question = -1;
    int received;

    Question(int tokens, String session, int turn, long asked) {
      receivedAt = new long[tokens];
      eventOf = new long[tokens];
      this.session = session;
      this.turn = turn;
      this.asked = asked;
    }

    void add(String piece, long event, long now, Meter m) {
      text.append(piece);
      while (true) {
        int at = text.indexOf("q", scanned);
        if (at < 0 || at + MarkedQuestions.MARKER_LENGTH > text.length()) {
          return;
        }
        long s = Long.parseLong(text, at + 1, at + 9, 10);
        int k = Integer.parseInt(text, at + 10, at + 13, 10);
        scanned = at + MarkedQuestions.MARKER_LENGTH;
        if (question < 0) {
          question = s;
        }
        if (s == question && k < receivedAt.length && receivedAt[k] == 0) {
          receivedAt[k] = now;
          eventOf[k] = event;
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
