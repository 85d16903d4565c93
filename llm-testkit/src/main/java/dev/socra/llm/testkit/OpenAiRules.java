package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each OpenAI-format API refuses that the others take, with its own words and shapes. Every
 * rule names where it was read (2026-11-01); the fake is as strict as those, no stricter.
 */
final class OpenAiRules {

  /**
   * Chat Completions' parameters (openai-python {@code
   * src/openai/types/chat/completion_create_params.py}); anything else is answered "Unrecognized
   * request argument supplied: X".
   */
  static final Set<String> OPENAI_FIELDS =
      Set.of(
          "model",
          "messages",
          "audio",
          "frequency_penalty",
          "function_call",
          "functions",
          "logit_bias",
          "logprobs",
          "max_completion_tokens",
          "max_tokens",
          "metadata",
          "modalities",
          "n",
          "parallel_tool_calls",
          "prediction",
          "presence_penalty",
          "prompt_cache_key",
          "reasoning_effort",
          "response_format",
          "safety_identifier",
          "seed",
          "service_tier",
          "stop",
          "store",
          "stream",
          "stream_options",
          "temperature",
          "tool_choice",
          "tools",
          "top_logprobs",
          "top_p",
          "user",
          "verbosity",
          "web_search_options");

  /**
   * Groq's parameters (console.groq.com/docs/api-reference#chat-create); logprobs, logit_bias and
   * top_logprobs are refused, and n must be 1 (console.groq.com/docs/openai, "Currently unsupported
   * OpenAI features").
   */
  static final Set<String> GROQ_FIELDS =
      Set.of(
          "model",
          "messages",
          "frequency_penalty",
          "presence_penalty",
          "max_tokens",
          "max_completion_tokens",
          "n",
          "parallel_tool_calls",
          "reasoning_effort",
          "reasoning_format",
          "include_reasoning",
          "response_format",
          "search_settings",
          "seed",
          "service_tier",
          "stop",
          "stream",
          "stream_options",
          "temperature",
          "tool_choice",
          "tools",
          "top_p",
          "user",
          "metadata",
          "store",
          "documents",
          "citation_options",
          "function_call",
          "functions");

  /**
   * Gemini's compatibility layer (ai.google.dev/api/compatibility, the chatCompletions request
   * body; ai.google.dev/gemini-api/docs/openai); others are "Unknown name … Cannot find field",
   * frequency_penalty and top_k included (github.com/MinLL/SkyrimNet-GamePlugin/issues/77).
   */
  static final Set<String> GEMINI_FIELDS =
      Set.of(
          "model",
          "messages",
          "stream",
          "stream_options",
          "tools",
          "tool_choice",
          "n",
          "stop",
          "max_completion_tokens",
          "max_tokens",
          "temperature",
          "top_p",
          "response_format",
          "reasoning_effort",
          "seed");

  /** OpenAI's reasoning models: o1, o3, o4-mini, gpt-5 and its variants. */
  private static final Pattern REASONING = Pattern.compile("^(o\\d($|-)|gpt-5)");

  /**
   * Groq: json_schema on these models, strict on GPT-OSS
   * (console.groq.com/docs/structured-outputs).
   */
  private static final Pattern GROQ_SCHEMA =
      Pattern.compile("^(openai/gpt-oss-|meta-llama/llama-4-|moonshotai/kimi-k2)");

  private static final Pattern SCHEMA_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

  private OpenAiRules() {}

  /** Refuses {@code body} as {@code flavour}'s API would, or returns normally. */
  static void check(Flavour flavour, JsonNode body, String model) throws InvalidRequest {
    String base = Directives.baseModel(model);
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      switch (flavour) {
        case OPENAI -> {
          if (!OPENAI_FIELDS.contains(name)) {
            throw refused(
                "Unrecognized request argument supplied: " + name, name, "unknown_parameter");
          }
        }
        case GROQ -> {
          if (!GROQ_FIELDS.contains(name)) {
            throw refused("property '" + name + "' is unsupported", name, null);
          }
        }
        case GEMINI -> {
          if (!GEMINI_FIELDS.contains(name)) {
            throw new InvalidRequest(name, GeminiErrors.unknownName(name, null));
          }
        }
      }
    }
    if (flavour == Flavour.GROQ && body.has("n") && body.path("n").asInt(1) != 1) {
      throw refused("'n' : number must be at most 1", "n", null);
    }
    if (flavour == Flavour.OPENAI && REASONING.matcher(base).find()) {
      reasoning(body);
    }
    JsonNode format = body.path("response_format");
    if ("json_schema".equals(format.path("type").asText())) {
      schema(flavour, format.path("json_schema"), base);
    }
    tools(body);
    toolConversation(body.path("messages"));
  }

  /**
   * Tool definitions and choice (platform.openai.com/docs/api-reference/chat/create, {@code tools},
   * {@code tool_choice}, {@code parallel_tool_calls}; the messages as OpenAI words them, read
   * 2026-11-01 in public issue threads of client libraries that met them, e.g.
   * github.com/langchain-ai/langchain and github.com/BerriAI/litellm).
   */
  private static void tools(JsonNode body) throws InvalidRequest {
    JsonNode tools = body.path("tools");
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      if (!"function".equals(t.path("type").asText())) {
        throw refused(
            "Invalid value: '" + t.path("type").asText() + "'. Supported values are: 'function'.",
            "tools[" + i + "].type",
            "invalid_value");
      }
      String name = t.path("function").path("name").asText("");
      if (!SCHEMA_NAME.matcher(name).matches()) {
        throw refused(
            "Invalid 'tools["
                + i
                + "].function.name': string does not match pattern. Expected a string that"
                + " matches the pattern '^[a-zA-Z0-9_-]+$'.",
            "tools[" + i + "].function.name",
            "invalid_value");
      }
      names.add(name);
    }
    for (String p : new String[] {"tool_choice", "parallel_tool_calls"}) {
      if (body.has(p) && tools.isEmpty()) {
        throw refused(
            "Invalid value for '"
                + p
                + "': '"
                + p
                + "' is only allowed when 'tools' are specified.",
            p,
            null);
      }
    }
    JsonNode choice = body.path("tool_choice");
    String named = choice.path("function").path("name").asText(null);
    if (named != null && !names.contains(named)) {
      throw refused(
          "Invalid value for 'tool_choice': function '" + named + "' not found in 'tools'.",
          "tool_choice",
          null);
    }
  }

  /**
   * The order of a conversation with tools (platform.openai.com/docs/guides/function-calling): a
   * {@code tool} message answers a call of the assistant message before it, by its {@code
   * tool_call_id}; an assistant message with {@code tool_calls} is followed by a result for each.
   */
  private static void toolConversation(JsonNode messages) throws InvalidRequest {
    java.util.Set<String> open = new java.util.LinkedHashSet<>();
    int opener = -1;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText();
      if ("tool".equals(role)) {
        if (opener < 0) {
          throw refused(
              "Invalid parameter: messages with role 'tool' must be a response to a preceeding"
                  + " message with 'tool_calls'.",
              "messages.[" + i + "].role",
              null);
        }
        String id = m.path("tool_call_id").asText("");
        if (!open.remove(id)) {
          throw refused(
              "Invalid parameter: 'tool_call_id' of '"
                  + id
                  + "' not found in 'tool_calls' of previous message.",
              "messages.[" + i + "].tool_call_id",
              null);
        }
        continue;
      }
      if (!open.isEmpty()) {
        throw refused(
            "An assistant message with 'tool_calls' must be followed by tool messages responding"
                + " to each 'tool_call_id'. The following tool_call_ids did not have response"
                + " messages: "
                + String.join(", ", open),
            "messages.[" + opener + "].role",
            null);
      }
      opener = -1;
      if ("assistant".equals(role) && m.path("tool_calls").isArray()) {
        for (JsonNode call : m.path("tool_calls")) {
          open.add(call.path("id").asText(""));
        }
        opener = open.isEmpty() ? -1 : i;
      }
    }
    if (!open.isEmpty()) {
      throw refused(
          "An assistant message with 'tool_calls' must be followed by tool messages responding"
              + " to each 'tool_call_id'. The following tool_call_ids did not have response"
              + " messages: "
              + String.join(", ", open),
          "messages.[" + opener + "].role",
          null);
    }
  }

  /**
   * OpenAI's reasoning models (platform.openai.com/docs/guides/reasoning): max_tokens and sampling
   * values other than the default are refused.
   */
  private static void reasoning(JsonNode body) throws InvalidRequest {
    if (body.has("max_tokens")) {
      throw refused(
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use"
              + " 'max_completion_tokens' instead.",
          "max_tokens",
          "unsupported_parameter");
    }
    for (String p : new String[] {"temperature", "top_p"}) {
      JsonNode v = body.path(p);
      if (v.isNumber() && v.asDouble() != 1.0) {
        throw refused(
            "Unsupported value: '"
                + p
                + "' does not support "
                + v.asText()
                + " with this model. Only the default (1) value is supported.",
            p,
            "unsupported_value");
      }
    }
    for (String p : new String[] {"presence_penalty", "frequency_penalty"}) {
      if (body.has(p)) {
        throw refused(
            "Unsupported parameter: '" + p + "' is not supported with this model.",
            p,
            "unsupported_parameter");
      }
    }
  }

  private static void schema(Flavour flavour, JsonNode jsonSchema, String model)
      throws InvalidRequest {
    String name = jsonSchema.path("name").asText("");
    JsonNode schema = jsonSchema.path("schema");
    boolean strict = jsonSchema.path("strict").asBoolean(false);
    switch (flavour) {
      case OPENAI -> {
        if (!SCHEMA_NAME.matcher(name).matches()) {
          throw refused(
              "Invalid 'response_format.json_schema.name': string does not match pattern. Expected"
                  + " a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
              "response_format.json_schema.name",
              "invalid_value");
        }
        if (strict) {
          String problem = SchemaRules.strictProblem(name, schema);
          if (problem != null) {
            throw refused(problem, "response_format", null);
          }
        }
      }
      case GROQ -> {
        if (!GROQ_SCHEMA.matcher(model).find()) {
          throw refused(
              "This model does not support response format `json_schema`. See supported models at"
                  + " https://console.groq.com/docs/structured-outputs#supported-models",
              "response_format",
              null);
        }
        if (strict) {
          String problem = SchemaRules.strictProblem(name, schema);
          if (problem != null) {
            throw refused(problem, "response_format", null);
          }
        }
      }
      case GEMINI -> {
        String[] problem = SchemaRules.geminiProblem(schema, "response_format.json_schema.schema");
        if (problem != null) {
          throw new InvalidRequest(problem[0], GeminiErrors.unknownName(problem[0], problem[1]));
        }
      }
    }
  }

  private static InvalidRequest refused(String message, String param, String code) {
    return new InvalidRequest(
        message, Reply.json(400, OpenAiErrors.body(message, "invalid_request_error", param, code)));
  }
}
