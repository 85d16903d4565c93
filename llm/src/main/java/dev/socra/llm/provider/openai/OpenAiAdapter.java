package dev.socra.llm.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
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
import dev.socra.llm.provider.schema.AnswerFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * OpenAI's Chat Completions protocol, as spoken by OpenAI, Google AI Studio's compatible endpoint,
 * Groq, OpenRouter, Azure OpenAI, Ollama and vLLM.
 */
public final class OpenAiAdapter extends HttpAdapter {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    ChatRequest r = ex.request();
    ObjectNode root = JSON.createObjectNode();
    root.put("model", ex.target().model());
    ArrayNode messages = root.putArray("messages");
    if (r.system() != null && !r.system().isBlank()) {
      messages.addObject().put("role", "system").put("content", r.system());
    }
    for (Message m : r.messages()) {
      messages.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    if (ex.prefill() != null) {
      messages.addObject().put("role", "assistant").put("content", ex.prefill());
    }
    // OpenAI's reasoning models refuse max_tokens; Gemini, Groq and self-hosted servers read it.
    root.put(ex.capabilities().tokenLimit().wireName(), r.maxTokens());
    if (ex.stream()) {
      root.put("stream", true);
      root.putObject("stream_options").put("include_usage", true);
    }
    switch (ex.answerFormat()) {
      case AnswerFormat.Schema s -> {
        ObjectNode rf = root.putObject("response_format").put("type", "json_schema");
        ObjectNode js = rf.putObject("json_schema").put("name", s.name());
        js.set("schema", s.schema());
        if (s.strict()) {
          js.put("strict", true);
        }
      }
      case AnswerFormat.JsonObject j ->
          root.putObject("response_format").put("type", "json_object");
      case AnswerFormat.Text t -> {
        // plain text, or JSON asked of a target that cannot enforce it: the caller validates
      }
    }
    return root.toString();
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
    String refusal = choice.path("message").path("refusal").asText("");
    if (!refusal.isEmpty() || FILTERED.contains(finish)) {
      return AttemptResult.failed(
          new Outcome.Refused(
              "the provider withheld the answer: " + (refusal.isEmpty() ? finish : refusal)),
          status);
    }
    return new AttemptResult(
        new Outcome.Success(finish), status, text, usage(body.path("usage")), null, finish);
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
      JsonNode content = choice.path("delta").path("content");
      return content.isTextual() ? content.asText() : null;
    }
  }
}
