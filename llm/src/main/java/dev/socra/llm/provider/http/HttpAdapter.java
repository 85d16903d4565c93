package dev.socra.llm.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
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
  private static final Clock CLOCK = Clock.systemUTC();

  /** Finish reasons that mean the provider withheld the answer, not that it completed it. */
  protected static final java.util.Set<String> FILTERED =
      java.util.Set.of("content_filter", "refusal");

  private final HttpClient client;
  private final ErrorClassifier classifier;
  private final Secrets secrets;

  protected HttpAdapter(HttpClient client, ErrorClassifier classifier, Secrets secrets) {
    this.client = client;
    this.classifier = classifier;
    this.secrets = secrets;
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
    long start = System.nanoTime();
    Instant deadline = ex.deadline();
    Duration headerWait =
        min(ex.stream() ? ex.timeouts().firstToken() : ex.timeouts().response(), until(deadline));
    CompletableFuture<HttpResponse<InputStream>> pending =
        client.sendAsync(buildRequest(ex), HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> response;
    try {
      response = pending.get(Math.max(0, headerWait.toNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      // A response that still arrives after all must not hold its connection open.
      pending.thenAccept(HttpAdapter::discard);
      return AttemptResult.failed(
          byDeadline(deadline, ex.stream() ? ex.timeouts().firstToken() : ex.timeouts().response())
              ? new Outcome.Abandoned("the call's deadline passed before a response")
              : new Outcome.Silent("no response within " + seconds(headerWait)),
          0);
    } catch (ExecutionException e) {
      return AttemptResult.failed(connectionFailure(e.getCause()), 0);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return AttemptResult.failed(new Outcome.Transient("interrupted"), 0);
    }

    List<LimitObservation> limits =
        RateLimitHeaders.parse(response.headers(), ex.provider().rateLimitHeaders(), CLOCK);
    return receive(ex, response, start).withLimits(limits);
  }

  private AttemptResult receive(Exchange ex, HttpResponse<InputStream> response, long start) {
    Instant deadline = ex.deadline();
    int status = response.statusCode();
    try (LineSource lines = new LineSource(response.body())) {
      if (status < 200 || status > 299) {
        String body = readAll(lines, min(ERROR_BODY_WAIT, until(deadline)));
        return AttemptResult.failed(
            classifier.classifyHttp(status, response.headers(), secrets.redact(body)), status);
      }
      boolean eventStream =
          response
              .headers()
              .firstValue("content-type")
              .map(v -> v.contains("text/event-stream"))
              .orElse(false);
      if (ex.stream() && eventStream) {
        return readStream(ex, status, lines, start);
      }
      // The limit covers the whole answer, headers included.
      Duration limit = ex.stream() ? ex.timeouts().firstToken() : ex.timeouts().response();
      Duration bodyWait = min(limit.minusNanos(System.nanoTime() - start), until(deadline));
      String body;
      try {
        body = readAllOrFail(lines, bodyWait);
      } catch (TimeoutException e) {
        return AttemptResult.failed(
            new Outcome.Silent("response body did not arrive within " + seconds(bodyWait)), status);
      } catch (IOException e) {
        return AttemptResult.failed(
            new Outcome.Transient("connection broke while reading: " + e.getMessage()), status);
      }
      JsonNode json = ErrorClassifier.parse(secrets.redact(body));
      if (json == null) {
        return AttemptResult.failed(
            new Outcome.Transient("malformed response: the body is not JSON"), status);
      }
      ProviderError error = ProviderError.find(json);
      if (error != null) {
        return AttemptResult.failed(classifier.classifyEmbedded(error), status);
      }
      AttemptResult result = parseComplete(status, json);
      if (result.outcome().isSuccess() && ex.stream() && !result.text().isEmpty()) {
        // A server that ignored stream=true: deliver the whole answer as one token.
        ex.sink().onToken(result.text());
        return new AttemptResult(
            result.outcome(),
            status,
            result.text(),
            result.usage(),
            Duration.ofNanos(System.nanoTime() - start),
            result.finishReason());
      }
      return result;
    }
  }

  private AttemptResult readStream(Exchange ex, int status, LineSource lines, long start) {
    SseReader events = new SseReader(lines);
    StreamDecoder decoder = newDecoder();
    StreamState state = new StreamState();
    StringBuilder text = new StringBuilder();
    Duration ttft = null;
    long firstTokenBy = start + ex.timeouts().firstToken().toNanos();
    while (true) {
      Duration wait =
          ttft == null
              ? min(Duration.ofNanos(firstTokenBy - System.nanoTime()), until(ex.deadline()))
              : min(ex.timeouts().stall(), until(ex.deadline()));
      SseEvent event;
      try {
        event = events.next(wait);
      } catch (TimeoutException e) {
        if (state.finishReason != null) {
          break; // finished: a missing end marker is no reason to wait on
        }
        if (until(ex.deadline()).isZero()) {
          return partial(
              new Outcome.Abandoned("the call's deadline passed mid-stream"),
              status,
              text,
              state,
              ttft);
        }
        String what =
            ttft == null
                ? "no first token within " + seconds(ex.timeouts().firstToken())
                : "stream stalled for " + seconds(ex.timeouts().stall());
        return partial(new Outcome.Silent(what), status, text, state, ttft);
      } catch (IOException e) {
        if (state.finishReason != null) {
          break;
        }
        return partial(
            new Outcome.Transient("stream broke: " + describe(e)), status, text, state, ttft);
      }
      if (event == null) {
        break;
      }
      String token;
      try {
        token = decoder.accept(redact(event), state);
      } catch (StreamDecoder.MalformedEventException e) {
        return partial(
            new Outcome.Transient("malformed stream event: " + e.getMessage()),
            status,
            text,
            state,
            ttft);
      }
      if (token != null && !token.isEmpty()) {
        if (ttft == null) {
          ttft = Duration.ofNanos(System.nanoTime() - start);
        }
        text.append(token);
        ex.sink().onToken(token);
      }
      if (state.error != null) {
        return partial(state.error, status, text, state, ttft);
      }
      if (state.done) {
        break;
      }
    }
    if (state.finishReason == null) {
      // No finish reason: cut off, even where a proxy still sent its end marker.
      return partial(
          new Outcome.Transient("stream ended before the answer was complete"),
          status,
          text,
          state,
          ttft);
    }
    if (FILTERED.contains(state.finishReason)) {
      return partial(
          new Outcome.Refused("the provider stopped the answer: " + state.finishReason),
          status,
          text,
          state,
          ttft);
    }
    return new AttemptResult(
        new Outcome.Success(state.finishReason == null ? "stop" : state.finishReason),
        status,
        text.toString(),
        usage(state),
        ttft,
        state.finishReason);
  }

  private SseEvent redact(SseEvent event) {
    return new SseEvent(event.event(), secrets.redact(event.data()));
  }

  private static AttemptResult partial(
      Outcome outcome, int status, StringBuilder text, StreamState state, Duration ttft) {
    return AttemptResult.failed(outcome, status, text.toString(), usage(state), ttft);
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
  private static boolean byDeadline(Instant deadline, Duration limit) {
    return until(deadline).isZero() || until(deadline).compareTo(limit) < 0;
  }

  private static void discard(HttpResponse<InputStream> late) {
    try {
      late.body().close();
    } catch (IOException ignored) {
      // nothing more to do with a response nobody waits for
    }
  }

  private static Outcome connectionFailure(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return new Outcome.Silent("could not connect in time");
    }
    if (cause instanceof ConnectException) {
      return new Outcome.Transient("connection refused");
    }
    return new Outcome.Transient("connection failed before a response: " + describe(cause));
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

  protected static Duration until(Instant deadline) {
    Duration d = Duration.between(Instant.now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
