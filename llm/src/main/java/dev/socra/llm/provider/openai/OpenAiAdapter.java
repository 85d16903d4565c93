package dev.socra.llm.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.ToolCall;
import dev.socra.llm.Usage;
import dev.socra.llm.config.HostOptions;
import dev.socra.llm.config.Secrets;
import dev.socra.llm.outcome.ErrorClassifier;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.outcome.ProviderError;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.http.HttpAdapter;
import dev.socra.llm.provider.http.SseEvent;
import dev.socra.llm.provider.http.StreamDecoder;
import dev.socra.llm.provider.http.StreamState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's Chat Completions protocol, as spoken by OpenAI, Google AI Studio's compatible endpoint,
 * Groq, OpenRouter, Azure OpenAI, Ollama and vLLM.
 */
public final class OpenAiAdapter extends HttpAdapter {
  public OpenAiAdapter(
      HttpClient client, ErrorClassifier classifier, Secrets secrets, java.time.Clock clock) {
    super(client, classifier, secrets, clock);
  }

  @Override
  protected HttpRequest buildRequest(Exchange ex) {
    HostOptions host = ex.provider().host();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(ex.provider().baseUrl() + "/chat/completions" + host.queryString()))
            .header("content-type", "application/json")
            .header("accept", ex.stream() ? "text/event-stream" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(ex)));
    host.revealedHeaders().forEach(b::header);
    if (ex.provider().key() != null) {
      // Azure OpenAI takes its key raw in api-key; everyone else as a bearer token
      if (host.keyHeader() != null) {
        b.header(host.keyHeader(), ex.provider().key().reveal());
      } else {
        b.header("authorization", "Bearer " + ex.provider().key().reveal());
      }
    }
    return b.build();
  }

  String body(Exchange ex) {
    return OpenAiBody.of(ex).toString();
  }

  @Override
  protected AttemptResult parseComplete(int status, JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    if (choice.isMissingNode()) {
      return AttemptResult.failed(
          new Outcome.Transient("malformed response: no choices in the answer"), status);
    }
    String text = choice.path("message").path("content").asText("");
    String finish = choice.path("finish_reason").asText("stop");
    List<ToolCall> calls = toolCalls(choice.path("message").path("tool_calls"));
    if (!calls.isEmpty()) {
      // some servers say "stop" for an answer that calls tools; the answer says what it is
      finish = ChatResponse.TOOL_CALLS;
    }
    String refusal = choice.path("message").path("refusal").asText("");
    if (!refusal.isEmpty() || FILTERED.contains(finish)) {
      return AttemptResult.failed(
          new Outcome.Refused(
              "the provider withheld the answer: " + (refusal.isEmpty() ? finish : refusal)),
          status);
    }
    return new AttemptResult(
            new Outcome.Success(finish), status, text, usage(body.path("usage")), null, finish)
        .withToolCalls(calls);
  }

  /** {@code message.tool_calls}: {@code [{id, type: function, function: {name, arguments}}]}. */
  private static List<ToolCall> toolCalls(JsonNode calls) {
    if (!calls.isArray() || calls.isEmpty()) {
      return List.of();
    }
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      JsonNode c = calls.get(i);
      JsonNode f = c.path("function");
      out.add(
          new ToolCall(c.path("id").asText("call_" + i), f.path("name").asText(""), arguments(f)));
    }
    return out;
  }

  /** Arguments are a JSON string; a server that sends an object instead is read all the same. */
  private static String arguments(JsonNode function) {
    JsonNode a = function.path("arguments");
    return a.isTextual() ? a.textValue() : a.isObject() ? a.toString() : "";
  }

  private static Usage usage(JsonNode u) {
    if (u.isMissingNode() || u.isNull() || !u.has("prompt_tokens")) {
      return null;
    }
    return new Usage(u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt(), false);
  }

  @Override
  protected StreamDecoder newDecoder() {
    return new Decoder(classifier());
  }

  /** {@code data: {chunk}} events, a usage chunk with empty choices, then {@code data: [DONE]}. */
  private record Decoder(ErrorClassifier classifier) implements StreamDecoder {
    @Override
    public String accept(SseEvent event, StreamState state) throws MalformedEventException {
      String data = event.data().strip();
      if (data.equals("[DONE]")) {
        state.done = true;
        return null;
      }
      JsonNode chunk = ErrorClassifier.parse(data);
      if (chunk == null || !(chunk.isObject() || chunk.isArray())) {
        throw new MalformedEventException("not JSON");
      }
      ProviderError error = ProviderError.find(chunk);
      if (error != null) {
        state.error = classifier.classifyInBand(error);
        return null;
      }
      JsonNode groq = chunk.path("x_groq");
      // Groq says in x_groq.error why it stopped a stream early (groq-python
      // types/chat/chat_completion_chunk.py, XGroq.error), and puts usage there too
      JsonNode groqError = groq.path("error");
      if (groqError.isTextual() && !groqError.asText().isBlank()) {
        String why = groqError.asText();
        state.error =
            classifier.classifyInBand(new ProviderError(0, why, "stream stopped: " + why, chunk));
        return null;
      }
      Usage usage = usage(chunk.path("usage"));
      if (usage == null) {
        usage = usage(groq.path("usage"));
      }
      if (usage != null) {
        state.inputTokens = usage.inputTokens();
        state.outputTokens = usage.outputTokens();
      }
      JsonNode choice = chunk.path("choices").path(0);
      if (choice.isMissingNode()) {
        return null;
      }
      JsonNode finish = choice.path("finish_reason");
      if (finish.isTextual()) {
        state.finishReason = finish.asText();
      }
      JsonNode refusal = choice.path("delta").path("refusal");
      if (refusal.isTextual()) {
        state.refusal.append(refusal.asText());
      }
      toolCallPieces(choice.path("delta").path("tool_calls"), state);
      if (finish.isTextual() && !state.toolCalls.isEmpty()) {
        state.finishReason = ChatResponse.TOOL_CALLS;
      }
      JsonNode content = choice.path("delta").path("content");
      return content.isTextual() ? content.asText() : null;
    }

    /**
     * {@code delta.tool_calls}: {@code [{index, id, type, function: {name, arguments}}]}, the id
     * and name in a call's first piece, its arguments in pieces after (openai-python {@code
     * types/chat/chat_completion_chunk.py}, {@code ChoiceDeltaToolCall}). Gemini's layer sends a
     * whole call in one piece, without an index.
     */
    private static void toolCallPieces(JsonNode calls, StreamState state) {
      if (!calls.isArray()) {
        return;
      }
      for (int i = 0; i < calls.size(); i++) {
        JsonNode c = calls.get(i);
        int index = c.path("index").canConvertToInt() ? c.path("index").asInt() : i;
        JsonNode f = c.path("function");
        if (!state.toolCalls.has(index)) {
          state.toolCalls.open(
              index, c.path("id").asText("call_" + index), f.path("name").asText(""));
        }
        state.toolCalls.append(index, arguments(f));
      }
    }
  }
}
