package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves one model request in either wire format, in the order a real provider's gateway works:
 * authentication, request validation, rate limiting, then the model's (mis)behaviour. Every request
 * is logged before any response byte goes out, so a test that has seen the response also sees the
 * log entry.
 */
final class ModelEndpoint {

  private final ProviderState state;

  ModelEndpoint(ProviderState state) {
    this.state = state;
  }

  After handle(RawRequest raw, Exchange exchange, WireFormat wire)
      throws IOException, InterruptedException {
    java.time.Instant received = state.clock.instant();
    long receivedAt = received.toEpochMilli();
    boolean authPresent = wire.authPresent(raw);
    ChatRequest request = null;
    InvalidRequest invalid = null;
    String modelSent = "";
    try {
      JsonNode body = parseJson(raw.body());
      modelSent = body.path("model").asText("");
      request = wire.parse(body);
    } catch (InvalidRequest e) {
      invalid = e;
    }
    Attempt attempt = new Attempt(wire, request, receivedAt, authPresent, modelSent);

    Reply authError = wire.authError(raw);
    if (authError != null) {
      return attempt.send(exchange, authError, "unauthorized");
    }
    if (request == null) {
      Reply refused =
          invalid.reply() != null ? invalid.reply() : wire.invalidRequest(invalid.getMessage());
      return attempt.send(exchange, refused, "bad-request");
    }
    Directives directives = state.behaviours.of(request.model());
    int cost =
        request.inputTokens()
            + (request.maxTokens() > 0 ? request.maxTokens() : directives.tokens());
    Admission admission = state.limiter.admit(cost, received);
    if (!admission.admitted()) {
      return attempt.send(exchange, wire.rateLimited(admission, request.model()), "rate-limited");
    }
    Map<String, String> headers = new LinkedHashMap<>(wire.responseHeaders());
    headers.putAll(wire.limitHeaders(admission));
    return misbehave(
        exchange,
        wire,
        request,
        state.behaviours.next(request.model(), directives, request.stream()),
        headers,
        attempt,
        wire.apiKey(raw));
  }

  /**
   * Faults that replace the answer, by precedence; otherwise the answer, possibly disturbed. {@code
   * apiKey} is only ever sent back ({@code echo-key}), never logged.
   */
  private After misbehave(
      Exchange exchange,
      WireFormat wire,
      ChatRequest request,
      Directives d,
      Map<String, String> headers,
      Attempt attempt,
      String apiKey)
      throws IOException, InterruptedException {
    if (d.has("reset")) {
      attempt.record(0, "reset");
      exchange.reset();
      return After.CLOSE;
    }
    if (d.has("hang")) {
      long hangMillis = d.number("hang", -1);
      if (hangMillis < 0) {
        attempt.record(0, "hang");
        exchange.holdUntilClientLeaves();
        return After.CLOSE;
      }
      // silent for a while, then gone without a byte: the connection closes in order (FIN)
      attempt.record(0, "hang=" + hangMillis);
      state.sleeper.sleep(java.time.Duration.ofMillis(hangMillis));
      return After.CLOSE;
    }
    boolean inbandStream = d.has("inband-error") && request.stream();
    if (d.has("echo-key") && !inbandStream) {
      // the key is checked before the request is, so this comes before prefill rejection
      return attempt.send(exchange, wire.keyRejected(apiKey).withHeaders(headers), "echo-key");
    }
    if (request.hasPrefill() && d.has("reject-prefill")) {
      return attempt.send(
          exchange, wire.prefillRejected(false).withHeaders(headers), "reject-prefill");
    }
    if (request.hasPrefill()
        && d.has("strict-prefill")
        && wire instanceof AnthropicFormat
        && !request.prefill().equals(request.prefill().stripTrailing())) {
      return attempt.send(
          exchange, wire.prefillRejected(true).withHeaders(headers), "strict-prefill");
    }
    if (d.has("gemini-quota") && wire instanceof OpenAiFormat openAi) {
      Reply reply = openAi.geminiQuota(request.model(), d.get("gemini-quota")).withHeaders(headers);
      return attempt.send(exchange, reply, "gemini-quota=" + d.get("gemini-quota"));
    }
    int status = d.errorStatus(wire::statusForCode);
    if (status > 0) {
      Reply reply = wire.statusError(status, d, request.model(), now()).withHeaders(headers);
      return attempt.send(exchange, reply, d.describe(Directives.FAULTS));
    }
    if (d.has("error-in-200")) {
      int inner = (int) d.number("error-in-200", 500);
      Reply reply = wire.errorIn200(inner, request.model()).withHeaders(headers);
      return attempt.send(exchange, reply, "error-in-200=" + inner);
    }
    if (d.has("not-json")) {
      attempt.record(200, "not-json");
      return NotJson.send(exchange, request.stream(), headers);
    }
    if (d.has("inband-error") && !request.stream()) {
      // a non-streamed request has no stream to carry the error: it becomes the status
      int inbandStatus = wire.statusForInbandType(d.get("inband-error"));
      Reply reply = wire.statusError(inbandStatus, d, request.model(), now()).withHeaders(headers);
      return attempt.send(exchange, reply, d.describe(Directives.STREAM_FAULTS));
    }
    // only a request that gets an answer moves its script on
    ToolScripts.Call call = state.toolScripts.next(request);
    String scripted = call == null ? state.scripts.next(request.model(), request.system()) : null;
    PlannedCall planned =
        call == null ? null : new PlannedCall(wire.newCallId(), call.name(), call.arguments());
    Completion completion =
        Completion.plan(request, d, scripted, planned, wire.newId(), state.clock.millis() / 1000);
    attempt.answered(completion.calls().size());
    attempt.record(200, d.describe(Directives.STREAM_FAULTS));
    String echoedKey = d.has("echo-key") ? apiKey : null;
    Answer answer =
        new Answer(
            exchange, wire, completion, d, headers, state.tokenDelay(), state.sleeper, echoedKey);
    return request.stream() ? answer.stream() : answer.whole();
  }

  private java.time.Instant now() {
    return state.clock.instant();
  }

  /** Empty or unparsable bodies become the provider's 400 instead of a Jackson exception. */
  private static JsonNode parseJson(byte[] body) throws InvalidRequest {
    try {
      JsonNode node = Json.parse(body);
      if (node == null || node.isMissingNode()) {
        throw new InvalidRequest("Request body is empty; a JSON object is required.");
      }
      return node;
    } catch (IOException e) {
      // each format's parse() words its own "not JSON" message for non-objects
      return Json.MAPPER.getNodeFactory().textNode("");
    }
  }

  /** Builds and logs the attempt's record once the outcome is known. */
  private final class Attempt {
    private final WireFormat wire;
    private final ChatRequest request;
    private final long receivedAt;
    private final boolean authPresent;

    /** The model the body named, also when the request was refused as invalid. */
    private final String modelSent;

    Attempt(
        WireFormat wire,
        ChatRequest request,
        long receivedAt,
        boolean authPresent,
        String modelSent) {
      this.wire = wire;
      this.request = request;
      this.receivedAt = receivedAt;
      this.authPresent = authPresent;
      this.modelSent = modelSent;
    }

    private int toolCalls;

    /** The answer this request gets makes {@code calls} tool calls. */
    void answered(int calls) {
      this.toolCalls = calls;
    }

    void record(int status, String fault) {
      state.log.add(
          seq ->
              new SeenRequest(
                  seq,
                  wire.protocol(),
                  request == null ? modelSent : request.model(),
                  request != null && request.stream(),
                  request != null && request.hasPrefill(),
                  request == null ? 0 : request.inputTokens(),
                  request == null ? 0 : request.maxTokens(),
                  status,
                  fault,
                  receivedAt,
                  authPresent,
                  request == null ? "" : request.format(),
                  request == null ? "" : request.tokenField(),
                  request == null ? java.util.List.of() : request.tools(),
                  request == null ? "" : request.toolChoice(),
                  request != null && request.toolResult() != null,
                  request == null ? java.util.Map.of() : request.sampling(),
                  request == null ? 0 : request.images(),
                  toolCalls));
    }

    After send(Exchange exchange, Reply reply, String fault) throws IOException {
      record(reply.status(), fault);
      exchange.send(reply);
      return After.KEEP_OPEN;
    }
  }
}
