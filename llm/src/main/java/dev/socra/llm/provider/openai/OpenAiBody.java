package dev.socra.llm.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.Part;
import dev.socra.llm.Sampling;
import dev.socra.llm.Tool;
import dev.socra.llm.ToolCall;
import dev.socra.llm.ToolChoice;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.SchemaDialect;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.schema.AnswerFormat;
import java.util.Map;

/**
 * A request in OpenAI's Chat Completions format (platform.openai.com/docs/api-reference/chat/
 * create, read 2026-11-01): messages with text and {@code image_url} parts, assistant {@code
 * tool_calls} and {@code tool} results, {@code tools} and {@code tool_choice}, the sampling
 * parameters the target's model takes, and the protocol's extras.
 */
final class OpenAiBody {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenAiBody() {}

  static ObjectNode of(Exchange ex) {
    ChatRequest r = ex.request();
    Capabilities caps = ex.capabilities();
    ObjectNode root = NODES.objectNode();
    root.put("model", ex.target().model());
    ArrayNode messages = root.putArray("messages");
    if (r.system() != null && !r.system().isBlank()) {
      messages.addObject().put("role", "system").put("content", r.system());
    }
    for (Message m : r.messages()) {
      message(messages.addObject(), m);
    }
    if (ex.prefill() != null) {
      messages.addObject().put("role", "assistant").put("content", ex.prefill());
    }
    // OpenAI's reasoning models refuse max_tokens; Gemini, Groq and self-hosted servers read it.
    root.put(caps.tokenLimit().wireName(), r.maxTokens());
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
    tools(root, r, caps);
    sampling(root, r.sampling(), caps);
    for (Map.Entry<String, JsonNode> e : r.extras().of(Protocol.OPENAI).entrySet()) {
      if (!root.has(e.getKey())) {
        root.set(e.getKey(), e.getValue());
      }
    }
    return root;
  }

  private static void message(ObjectNode out, Message m) {
    out.put("role", m.role().wireName());
    switch (m.role()) {
      case TOOL -> {
        out.put("tool_call_id", m.toolCallId());
        out.put("content", m.content());
      }
      case ASSISTANT -> {
        if (m.toolCalls().isEmpty()) {
          out.put("content", m.content());
          return;
        }
        // an assistant turn that only calls tools has no content (null, not "")
        if (m.content().isEmpty()) {
          out.putNull("content");
        } else {
          out.put("content", m.content());
        }
        ArrayNode calls = out.putArray("tool_calls");
        for (ToolCall c : m.toolCalls()) {
          ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
          call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
        }
      }
      case USER -> {
        if (m.textOnly()) {
          out.put("content", m.content());
          return;
        }
        ArrayNode parts = out.putArray("content");
        for (Part p : m.parts()) {
          switch (p) {
            case Part.Text t -> parts.addObject().put("type", "text").put("text", t.text());
            case Part.Image i -> {
              ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url");
              url.put("url", i.dataUrl());
              if (i.detail() != null) {
                url.put("detail", i.detail());
              }
            }
          }
        }
      }
    }
  }

  private static void tools(ObjectNode root, ChatRequest r, Capabilities caps) {
    if (r.tools().isEmpty()) {
      return;
    }
    ArrayNode tools = root.putArray("tools");
    for (Tool t : r.tools()) {
      ObjectNode f = tools.addObject().put("type", "function").putObject("function");
      f.put("name", t.name());
      if (t.description() != null) {
        f.put("description", t.description());
      }
      f.set("parameters", t.parameters());
    }
    if (r.toolChoice() != null) {
      switch (r.toolChoice()) {
        case ToolChoice.Auto a -> root.put("tool_choice", "auto");
        case ToolChoice.None n -> root.put("tool_choice", "none");
        case ToolChoice.Required q -> root.put("tool_choice", "required");
        case ToolChoice.Named n -> {
          ObjectNode choice = root.putObject("tool_choice").put("type", "function");
          choice.putObject("function").put("name", n.name());
        }
      }
    }
    // Gemini's compatibility layer has no parallel_tool_calls (ai.google.dev/api/compatibility:
    // "Unknown name"); everyone else's default is true, so only a "no" is worth sending.
    if (r.parallelToolCalls() != null && caps.schemaDialect() != SchemaDialect.GEMINI) {
      root.put("parallel_tool_calls", r.parallelToolCalls());
    }
  }

  /** Only what the model takes: a reasoning model gets none, Gemini no penalties. */
  private static void sampling(ObjectNode root, Sampling s, Capabilities caps) {
    if (s.temperature() != null && caps.supports(Feature.TEMPERATURE)) {
      root.put("temperature", s.temperature());
    }
    if (s.topP() != null && caps.supports(Feature.TOP_P)) {
      root.put("top_p", s.topP());
    }
    if (!s.stop().isEmpty() && caps.supports(Feature.STOP)) {
      ArrayNode stop = root.putArray("stop");
      s.stop().forEach(stop::add);
    }
    if (s.seed() != null && caps.supports(Feature.SEED)) {
      root.put("seed", s.seed());
    }
    if (s.presencePenalty() != null && caps.supports(Feature.PRESENCE_PENALTY)) {
      root.put("presence_penalty", s.presencePenalty());
    }
    if (s.frequencyPenalty() != null && caps.supports(Feature.FREQUENCY_PENALTY)) {
      root.put("frequency_penalty", s.frequencyPenalty());
    }
  }
}
