package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One provider API's wire format: how requests are authenticated and parsed, and how answers,
 * errors and stream events are spelled. The fake's behaviour is shared; only the spelling differs.
 */
sealed interface WireFormat permits OpenAiFormat, AnthropicFormat {

  /** "openai" or "anthropic", as recorded in the attempt log. */
  String protocol();

  boolean authPresent(RawRequest request);

  /** The API key the request carried, as sent, or null when it carried none. */
  String apiKey(RawRequest request);

  /** A 401 whose message quotes the whole key, as real providers have done ({@code echo-key}). */
  Reply keyRejected(String key);

  /** The provider's reply to a request lacking credentials (or required headers), else null. */
  Reply authError(RawRequest request);

  ChatRequest parse(JsonNode body) throws InvalidRequest;

  Reply invalidRequest(String message);

  /** The status that {@code code=X} implies when no {@code status=N} is given. */
  int statusForCode(String code);

  /**
   * The provider's error reply for HTTP {@code status}, shaped by the directives; {@code now} is
   * the fake's time, for a Retry-After date.
   */
  Reply statusError(int status, Directives directives, String model, java.time.Instant now);

  Reply prefillRejected(boolean trailingWhitespace);

  Reply rateLimited(Admission admission, String model);

  Map<String, String> limitHeaders(Admission admission);

  /** HTTP 200 whose body is an error object, as aggregators such as OpenRouter send. */
  Reply errorIn200(int status, String model);

  /** Headers every model response carries, e.g. the request id. */
  Map<String, String> responseHeaders();

  String newId();

  byte[] completion(Completion completion);

  /** Events before the first token. */
  List<SseEvent> opening(Completion completion);

  /** The events of one step of a stream: a text token, a tool call's opening or piece. */
  List<SseEvent> piece(Completion completion, Piece piece);

  /** A new id for a tool call, in the provider's style. */
  String newCallId();

  /** Events after the last token; {@code terminator} adds [DONE] or message_stop. */
  List<SseEvent> closing(Completion completion, boolean terminator);

  /** An error reported inside a 200 stream; its message quotes {@code echoedKey} unless null. */
  SseEvent inbandError(String type, Directives directives, String echoedKey);

  /** The index, among {@link #closing}'s events, of the one that carries the finish reason. */
  int finishEvent();

  /** The event that stops a stream early saying why ({@code groq-error=TEXT}). */
  SseEvent stoppedEarly(Completion completion, String why);

  /** The status a non-streamed request gets for an in-band error type. */
  int statusForInbandType(String type);

  /** Text that looks like the start of an event but whose data is not JSON. */
  String malformedEvent();
}
