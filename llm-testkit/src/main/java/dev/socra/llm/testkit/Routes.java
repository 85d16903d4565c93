package dev.socra.llm.testkit;

import java.io.IOException;
import java.util.Set;

/** Which endpoint serves a request. */
final class Routes {

  /** The SDKs' paths for OpenAI and for Gemini-like base URLs. */
  static final Set<String> OPENAI_PATHS = Set.of("/v1/chat/completions", "/chat/completions");

  /** Groq's path: the OpenAI format with Groq's rate-limit headers. */
  static final String GROQ_PATH = "/openai/v1/chat/completions";

  static final String ANTHROPIC_PATH = "/v1/messages";

  /** Gemini's OpenAI compatibility layer: its validation and its array-wrapped errors. */
  static final String GEMINI_PATH = "/v1beta/openai/chat/completions";

  private final ModelEndpoint models;
  private final ControlApi control;

  Routes(ProviderState state) {
    this.models = new ModelEndpoint(state);
    this.control = new ControlApi(state);
  }

  After handle(RawRequest request, Exchange exchange) throws IOException, InterruptedException {
    String path = request.path();
    if (path.startsWith(ControlApi.PREFIX)) {
      exchange.send(control.handle(request));
      return After.KEEP_OPEN;
    }
    if (request.method().equals("POST") && OPENAI_PATHS.contains(path)) {
      return models.handle(request, exchange, OpenAiFormat.INSTANCE);
    }
    if (request.method().equals("POST") && path.equals(GROQ_PATH)) {
      return models.handle(request, exchange, OpenAiFormat.GROQ);
    }
    if (request.method().equals("POST") && path.equals(GEMINI_PATH)) {
      return models.handle(request, exchange, OpenAiFormat.GEMINI);
    }
    if (request.method().equals("POST") && path.equals(ANTHROPIC_PATH)) {
      return models.handle(request, exchange, AnthropicFormat.INSTANCE);
    }
    exchange.send(
        Reply.json(
            404,
            OpenAiErrors.body(
                "Invalid URL (" + request.method() + " " + path + ")",
                "invalid_request_error",
                null,
                null)));
    return After.KEEP_OPEN;
  }
}
