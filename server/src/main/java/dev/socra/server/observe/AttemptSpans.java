package dev.socra.server.observe;

import dev.socra.llm.Attempt;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.route.TargetId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Turns the router's events into OpenTelemetry spans: one {@code socra.llm.call} span per call, and
 * under it one client span per attempt named {@code chat <model>}, with the GenAI semantic
 * conventions' attributes. Skipped targets are events on the call span, not spans: nothing was
 * sent. Spans are made after the fact, from the attempt's own start time and latency.
 *
 * <p>No user id goes on a span: traces leave the server for whatever backend is configured.
 */
final class AttemptSpans {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  // The attribute gen_ai.provider.name replaced; still read by backends on older conventions.
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("socra.route");
  static final AttributeKey<Long> CALL_ID = AttributeKey.longKey("socra.call.id");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("socra.attempt");
  static final AttributeKey<String> TARGET = AttributeKey.stringKey("socra.target");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("socra.outcome");
  static final AttributeKey<String> STAGE = AttributeKey.stringKey("socra.stage");
  static final AttributeKey<Double> COST = AttributeKey.doubleKey("socra.cost_usd");
  static final AttributeKey<Boolean> ESTIMATED = AttributeKey.booleanKey("socra.usage.estimated");
  static final AttributeKey<Boolean> CONTINUATION = AttributeKey.booleanKey("socra.continuation");
  static final AttributeKey<Long> TTFT_MS = AttributeKey.longKey("socra.time_to_first_token_ms");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("socra.reason");
  static final AttributeKey<String> RESULT = AttributeKey.stringKey("socra.result");
  static final AttributeKey<String> SERVED_BY = AttributeKey.stringKey("socra.served_by");

  /** Socra's provider names mapped to the conventions' well-known values; others pass as named. */
  private static final Map<String, String> WELL_KNOWN =
      Map.of("anthropic", "anthropic", "google", "gcp.gemini", "groq", "groq", "openai", "openai");

  // A call that never ends (an Error thrown through the router) would stay here: bounded.
  private static final int MAX_OPEN_CALLS = 10_000;

  private final Tracer tracer;
  private final Function<TargetId, ProviderConfig> providers;
  private final UnaryOperator<String> scrub;
  private final Map<Long, Span> calls = new ConcurrentHashMap<>();

  AttemptSpans(Tracer tracer, Function<TargetId, ProviderConfig> providers) {
    this(tracer, providers, UnaryOperator.identity());
  }

  /**
   * @param scrub applied to provider text (a skip's reason, a failure's description) before it goes
   *     on a span: traces leave the server
   */
  AttemptSpans(
      Tracer tracer, Function<TargetId, ProviderConfig> providers, UnaryOperator<String> scrub) {
    this.tracer = tracer;
    this.providers = providers;
    this.scrub = scrub;
  }

  void onEvent(RouterEvent event) {
    switch (event) {
      case RouterEvent.AttemptFinished a -> attempt(a);
      case RouterEvent.CallSucceeded s -> {
        Span call = end(s.callId(), s.route(), s.tags());
        ChatResponse r = s.response();
        call.setAttribute(RESULT, "ok");
        call.setAttribute(SERVED_BY, r.servedBy().toString());
        call.setAttribute(INPUT_TOKENS, (long) r.usage().inputTokens());
        call.setAttribute(OUTPUT_TOKENS, (long) r.usage().outputTokens());
        call.setAttribute(COST, r.cost().doubleValue());
        call.end();
      }
      case RouterEvent.CallFailed f -> {
        Span call = end(f.callId(), f.route(), f.tags());
        String failure = f.error().failure().name().toLowerCase(java.util.Locale.ROOT);
        call.setAttribute(RESULT, failure);
        call.setAttribute(ERROR_TYPE, failure);
        call.setStatus(StatusCode.ERROR, failure);
        call.end();
      }
      case RouterEvent.TargetStateChanged c -> {
        // a state, not an operation: /actuator/health and the log report it
      }
    }
  }

  private void attempt(RouterEvent.AttemptFinished e) {
    Attempt a = e.attempt();
    Span call = callSpan(e.callId(), e.route(), e.tags(), a.startedAt());
    if (a.number() == 0) {
      call.addEvent(
          "target skipped",
          Attributes.of(TARGET, a.target().toString(), REASON, scrub.apply(a.outcome().detail())),
          a.startedAt());
      return;
    }
    ProviderConfig p = providers.apply(a.target());
    String provider = WELL_KNOWN.getOrDefault(a.target().provider(), a.target().provider());
    AttributesBuilder at =
        Attributes.builder()
            .put(OPERATION, "chat")
            .put(PROVIDER, provider)
            .put(SYSTEM, provider)
            .put(REQUEST_MODEL, a.target().model())
            .put(INPUT_TOKENS, (long) a.usage().inputTokens())
            .put(OUTPUT_TOKENS, (long) a.usage().outputTokens())
            .put(ROUTE, e.route())
            .put(CALL_ID, e.callId())
            .put(ATTEMPT, (long) a.number())
            .put(TARGET, a.target().toString())
            .put(OUTCOME, a.outcome().kind())
            .put(COST, a.cost().doubleValue())
            .put(ESTIMATED, a.usage().estimated())
            .put(CONTINUATION, a.continuation());
    tags(at, e.tags());
    if (a.outcome().isSuccess()) {
      // The configured model: the adapters do not surface the name a provider reports back.
      at.put(RESPONSE_MODEL, a.target().model());
    } else {
      at.put(ERROR_TYPE, a.outcome().kind());
    }
    if (a.httpStatus() != 0) {
      at.put(HTTP_STATUS, (long) a.httpStatus());
    }
    if (a.timeToFirstToken() != null) {
      at.put(TTFT_MS, a.timeToFirstToken().toMillis());
    }
    if (p != null && p.protocol() != Protocol.STUB && p.baseUrl() != null) {
      URI url = p.baseUrl();
      if (url.getHost() != null) {
        at.put(SERVER_ADDRESS, url.getHost());
        at.put(SERVER_PORT, (long) port(url));
      }
    }
    Span span =
        tracer
            .spanBuilder("chat " + a.target().model())
            .setParent(Context.root().with(call))
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(a.startedAt())
            .setAllAttributes(at.build())
            .startSpan();
    if (!a.outcome().isSuccess()) {
      span.setStatus(
          StatusCode.ERROR, shorten(scrub.apply(a.outcome().kind() + ": " + a.outcome().detail())));
    }
    span.end(a.startedAt().plus(a.latency()));
  }

  private Span callSpan(long id, String route, Map<String, String> tags, Instant start) {
    Span open = calls.get(id);
    if (open != null) {
      return open;
    }
    if (calls.size() >= MAX_OPEN_CALLS) {
      calls.clear();
    }
    return calls.computeIfAbsent(id, i -> startCall(id, route, tags, start));
  }

  private Span startCall(long id, String route, Map<String, String> tags, Instant start) {
    AttributesBuilder at = Attributes.builder().put(ROUTE, route).put(CALL_ID, id);
    tags(at, tags);
    return tracer
        .spanBuilder("socra.llm.call")
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(start)
        .setAllAttributes(at.build())
        .startSpan();
  }

  /** The call's span, to be ended by the caller; started now if no attempt was made. */
  private Span end(long id, String route, Map<String, String> tags) {
    Span open = calls.remove(id);
    return open != null ? open : startCall(id, route, tags, Instant.now());
  }

  private static void tags(AttributesBuilder at, Map<String, String> tags) {
    String session = tags.get(ChatRequest.TAG_SESSION);
    if (session != null) {
      at.put(CONVERSATION, session);
    }
    String stage = tags.get(ChatRequest.TAG_STAGE);
    if (stage != null) {
      at.put(STAGE, stage);
    }
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
  }

  private static String shorten(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
