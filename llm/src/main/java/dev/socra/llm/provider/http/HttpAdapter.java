package dev.socra.llm.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.ToolCallDelta;
import dev.socra.llm.Usage;
import dev.socra.llm.budget.LimitObservation;
import dev.socra.llm.budget.RateLimitHeaders;
import dev.socra.llm.config.Secrets;
import dev.socra.llm.outcome.ErrorClassifier;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.outcome.ProviderError;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.ProviderAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The flow every HTTP protocol shares: send, wait for headers within a limit, classify an error
 * status, then read either a whole body or a stream whose every event is waited for within a limit.
 * Subclasses supply only the wire format.
 */
public abstract class HttpAdapter implements ProviderAdapter {
  private static final Duration ERROR_BODY_WAIT = Duration.ofSeconds(10);

  /**
   * A connection closed without a byte after at least this long was a target that went silent and
   * then gave up, not a connection that broke: a retry would sit out the same silence again. A
   * pooled connection the server had just closed fails within milliseconds, and is retried.
   */
  static final Duration SILENT_CLOSE = Duration.ofSeconds(1);

  /** Finish reasons that mean the provider withheld the answer, not that it completed it. */
  protected static final java.util.Set<String> FILTERED =
      java.util.Set.of("content_filter", "refusal");

  private final HttpClient client;
  private final ErrorClassifier classifier;
  private final Secrets secrets;
  private final Clock clock;

  /**
   * @param clock the router's clock: deadlines, time stamps and time to first token are read from
   *     it; only the waits on the socket itself (first token, stall, response) run on real time
   */
  protected HttpAdapter(
      HttpClient client, ErrorClassifier classifier, Secrets secrets, Clock clock) {
    this.client = client;
    this.classifier = classifier;
    this.secrets = secrets;
    this.clock = clock;
  }

  protected abstract HttpRequest buildRequest(Exchange exchange);

  /** Reads a whole, successful, non-streamed body. */
  protected abstract AttemptResult parseComplete(int status, JsonNode body);

  protected abstract StreamDecoder newDecoder();

  protected ErrorClassifier classifier() {
    return classifier;
  }

  @Override
  public AttemptResult send(Exchange ex) {
    return ex.stream() ? sendStreamed(ex) : sendWhole(ex);
  }

  /**
   * A non-streamed answer arrives whole: one future for headers and body, waited for within the
   * response limit, and no reader thread in between.
   */
  private AttemptResult sendWhole(Exchange ex) {
    Instant deadline = ex.deadline();
    Instant sent = clock.instant();
    Duration wait = min(ex.timeouts().response(), until(deadline));
    Arrival<String> arrival =
        arrive(
            client.sendAsync(buildRequest(ex), HttpResponse.BodyHandlers.ofString()),
            wait,
            deadline,
            ex.timeouts().response(),
            "the answer did not arrive within ",
            sent);
    if (arrival.failure() != null) {
      return arrival.failure();
    }
    HttpResponse<String> response = arrival.response();
    List<LimitObservation> limits =
        RateLimitHeaders.parse(response.headers(), ex.provider().rateLimitHeaders(), clock);
    int status = response.statusCode();
    String body = secrets.redact(response.body());
    AttemptResult result =
        status < 200 || status > 299
            ? AttemptResult.failed(
                classifier.classifyHttp(status, response.headers(), body), status)
            : whole(status, body);
    return result.withLimits(limits);
  }

  /** A successful whole body: the answer, or the error or garbage it carries instead. */
  private AttemptResult whole(int status, String body) {
    JsonNode json = ErrorClassifier.parse(body);
    if (json == null) {
      return AttemptResult.failed(
          new Outcome.Transient("malformed response: the body is not JSON"), status);
    }
    ProviderError error = ProviderError.find(json);
    if (error != null) {
      return AttemptResult.failed(classifier.classifyEmbedded(error), status);
    }
    return parseComplete(status, json);
  }

  private AttemptResult sendStreamed(Exchange ex) {
    long start = System.nanoTime();
    Instant sent = clock.instant();
    Duration headerWait = min(ex.timeouts().firstToken(), until(ex.deadline()));
    Arrival<InputStream> arrival =
        arrive(
            client.sendAsync(buildRequest(ex), HttpResponse.BodyHandlers.ofInputStream()),
            headerWait,
            ex.deadline(),
            ex.timeouts().firstToken(),
            "no response within ",
            sent);
    if (arrival.failure() != null) {
      return arrival.failure();
    }
    HttpResponse<InputStream> response = arrival.response();
    List<LimitObservation> limits =
        RateLimitHeaders.parse(response.headers(), ex.provider().rateLimitHeaders(), clock);
    return receive(ex, response, start, sent).withLimits(limits);
  }

  /** A response that arrived in time, or the attempt's failure when it did not. */
  private record Arrival<B>(HttpResponse<B> response, AttemptResult failure) {}

  /**
   * Waits for a response within {@code wait}. A wait cut short by the call's deadline rather than
   * the configured {@code limit} blames no target (abandoned, not silent).
   *
   * @param sent when the request went out, on the router's clock
   */
  private <B> Arrival<B> arrive(
      CompletableFuture<HttpResponse<B>> pending,
      Duration wait,
      Instant deadline,
      Duration limit,
      String silentWhat,
      Instant sent) {
    try {
      return new Arrival<>(pending.get(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      pending.cancel(true);
      // A response that still arrives after all must not hold its connection open.
      pending.thenAccept(HttpAdapter::discard);
      Outcome outcome =
          byDeadline(deadline, limit)
              ? new Outcome.Abandoned("the call's deadline passed before a response")
              : new Outcome.Silent(silentWhat + seconds(wait));
      return new Arrival<>(null, AttemptResult.failed(outcome, 0));
    } catch (ExecutionException e) {
      return new Arrival<>(
          null,
          AttemptResult.failed(
              connectionFailure(e.getCause(), Duration.between(sent, clock.instant())), 0));
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      // the caller stopped waiting; the target did nothing wrong
      return new Arrival<>(null, AttemptResult.failed(new Outcome.Abandoned("interrupted"), 0));
    }
  }

  private AttemptResult receive(
      Exchange ex, HttpResponse<InputStream> response, long start, Instant sent) {
    Instant deadline = ex.deadline();
    int status = response.statusCode();
    boolean eventStream =
        response
            .headers()
            .firstValue("content-type")
            .map(v -> v.contains("text/event-stream"))
            .orElse(false);
    if (eventStream && status >= 200 && status <= 299) {
      return readStream(ex, status, response.body(), start, sent);
    }
    try (LineSource lines = new LineSource(response.body())) {
      if (status < 200 || status > 299) {
        String body = readAll(lines, min(ERROR_BODY_WAIT, until(deadline)));
        return AttemptResult.failed(
            classifier.classifyHttp(status, response.headers(), secrets.redact(body)), status);
      }
      // A server that ignored stream=true: the whole answer must come within the first-token limit.
      Duration limit = ex.timeouts().firstToken();
      Duration bodyWait = min(limit.minusNanos(System.nanoTime() - start), until(deadline));
      String body;
      try {
        body = readAllOrFail(lines, bodyWait);
      } catch (TimeoutException e) {
        return AttemptResult.failed(
            byDeadline(deadline, limit.minusNanos(System.nanoTime() - start))
                ? new Outcome.Abandoned("the call's deadline passed while the answer was coming")
                : new Outcome.Silent("the answer did not arrive within " + seconds(limit)),
            status);
      } catch (IOException e) {
        return AttemptResult.failed(
            new Outcome.Transient("connection broke while reading: " + e.getMessage()), status);
      }
      AttemptResult result = whole(status, secrets.redact(body));
      if (result.outcome().isSuccess()
          && (!result.text().isEmpty() || !result.toolCalls().isEmpty())) {
        // deliver the whole answer as one token, and each tool call as one piece
        if (!result.text().isEmpty()) {
          ex.sink().onToken(result.text());
        }
        for (int i = 0; i < result.toolCalls().size(); i++) {
          var call = result.toolCalls().get(i);
          ex.sink().onToolCall(new ToolCallDelta(i, call.id(), call.name(), call.arguments()));
        }
        return new AttemptResult(
                result.outcome(),
                status,
                result.text(),
                result.usage(),
                Duration.between(sent, clock.instant()),
                result.finishReason())
            .withToolCalls(result.toolCalls());
      }
      return result;
    }
  }

  private AttemptResult readStream(
      Exchange ex, int status, InputStream body, long start, Instant sent) {
    StreamReading reading =
        new StreamReading(
            body,
            newDecoder(),
            this::redact,
            ex.sink(),
            start,
            clock,
            sent,
            ex.provider().host().endMarker());
    reading.startReading();
    long firstTokenBy = start + ex.timeouts().firstToken().toNanos();
    long deadline = System.nanoTime() + until(ex.deadline()).toNanos();
    StreamReading.Verdict verdict;
    try {
      verdict = reading.await(firstTokenBy, ex.timeouts().stall(), deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return partial(new Outcome.Abandoned("interrupted"), status, reading, null);
    }
    StreamState state = reading.state;
    Duration ttft = verdict.timeToFirstToken();
    if (!verdict.finished()) {
      if (state.finishReason != null) {
        return finished(status, reading, ttft); // a missing end marker is no reason to wait on
      }
      if (until(ex.deadline()).isZero()) {
        return partial(
            new Outcome.Abandoned("the call's deadline passed mid-stream"), status, reading, ttft);
      }
      String what =
          ttft == null
              ? "no first token within " + seconds(ex.timeouts().firstToken())
              : "stream stalled for " + seconds(ex.timeouts().stall());
      return partial(new Outcome.Silent(what), status, reading, ttft);
    }
    if (verdict.failure() != null
        && !(verdict.failure() instanceof Outcome.Transient && state.finishReason != null)) {
      return partial(verdict.failure(), status, reading, ttft);
    }
    if (state.finishReason == null) {
      // No finish reason: cut off, even where a proxy still sent its end marker.
      return partial(
          new Outcome.Transient("stream ended before the answer was complete"),
          status,
          reading,
          ttft);
    }
    if (FILTERED.contains(state.finishReason)) {
      return partial(
          new Outcome.Refused("the provider stopped the answer: " + state.finishReason),
          status,
          reading,
          ttft);
    }
    return finished(status, reading, ttft);
  }

  private static String snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  private static AttemptResult finished(int status, StreamReading reading, Duration ttft) {
    StreamState state = reading.state;
    if (!state.refusal.isEmpty()) {
      // a refusal streamed as text of its own, then an ordinary stop: not an empty success
      return partial(
          new Outcome.Refused("the model refused: " + snippet(state.refusal.toString())),
          status,
          reading,
          ttft);
    }
    return new AttemptResult(
            new Outcome.Success(state.finishReason == null ? "stop" : state.finishReason),
            status,
            reading.text.toString(),
            usage(state),
            ttft,
            state.finishReason)
        .withToolCalls(state.toolCalls.complete());
  }

  private static AttemptResult partial(
      Outcome outcome, int status, StreamReading reading, Duration ttft) {
    return AttemptResult.failed(
        outcome, status, reading.text.toString(), usage(reading.state), ttft);
  }

  private SseEvent redact(SseEvent event) {
    return new SseEvent(event.event(), secrets.redact(event.data()));
  }

  private static Usage usage(StreamState state) {
    if (state.inputTokens == null && state.outputTokens == null) {
      return null;
    }
    return new Usage(
        state.inputTokens == null ? 0 : state.inputTokens,
        state.outputTokens == null ? 0 : state.outputTokens,
        false);
  }

  /** True when the call's deadline, not the configured limit, cut this wait short. */
  private boolean byDeadline(Instant deadline, Duration limit) {
    return until(deadline).isZero() || until(deadline).compareTo(limit) < 0;
  }

  private static void discard(HttpResponse<?> late) {
    try {
      if (late.body() instanceof InputStream body) {
        body.close();
      }
    } catch (IOException ignored) {
      // nothing more to do with a response nobody waits for
    }
  }

  /**
   * @param waited from sending the request to the failure, on the router's clock
   */
  private static Outcome connectionFailure(Throwable cause, Duration waited) {
    if (cause instanceof HttpConnectTimeoutException) {
      return new Outcome.Silent("could not connect in time");
    }
    if (cause instanceof ConnectException) {
      return new Outcome.Transient("connection refused");
    }
    if (closedWithoutAByte(cause) && waited.compareTo(SILENT_CLOSE) >= 0) {
      return new Outcome.Silent(
          "said nothing for "
              + seconds(waited)
              + ", then closed the connection without a response");
    }
    return new Outcome.Transient("connection failed before a response: " + describe(cause));
  }

  /**
   * The server closed the connection in order (no reset) before the status line: the JDK client
   * reports an EOF, by that name or in words.
   */
  private static boolean closedWithoutAByte(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof java.io.EOFException) {
        return true;
      }
      String m = t.getMessage();
      if (t instanceof IOException
          && m != null
          && (m.contains("received no bytes") || m.contains("EOF reached"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  private static String readAll(LineSource lines, Duration wait) {
    try {
      return readAllOrFail(lines, wait);
    } catch (IOException | TimeoutException e) {
      return "";
    }
  }

  private static String readAllOrFail(LineSource lines, Duration wait)
      throws IOException, TimeoutException {
    long until = System.nanoTime() + wait.toNanos();
    StringBuilder body = new StringBuilder();
    String line;
    while ((line = lines.next(Duration.ofNanos(until - System.nanoTime()))) != null) {
      body.append(line).append('\n');
    }
    return body.toString();
  }

  protected Duration until(Instant deadline) {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
