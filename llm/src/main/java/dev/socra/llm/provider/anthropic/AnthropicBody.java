package dev.socra.llm.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.Part;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.Role;
import dev.socra.llm.Sampling;
import dev.socra.llm.Tool;
import dev.socra.llm.ToolCall;
import dev.socra.llm.ToolChoice;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.provider.Exchange;
import java.util.List;
import java.util.Map;

/**
 * A request in Anthropic's Messages format (docs.anthropic.com/en/api/messages, read 2026-11-01):
 * the system prompt at the top, messages of text, {@code image}, {@code tool_use} and {@code
 * tool_result} blocks, {@code tools} and {@code tool_choice}, {@code stop_sequences}, and the
 * protocol's extras.
 *
 * <p>Tool results go in the user turn right after the assistant's {@code tool_use}, all of them in
 * one turn and before any text of it ("tool_result blocks must come first in the content array",
 * docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use): the router's separate
 * {@link Role#TOOL} messages, and a user message after them, are joined into that turn.
 */
final class AnthropicBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Anthropic's temperature goes from 0 to 1 (OpenAI's to 2). */
  private static final double MAX_TEMPERATURE = 1.0;

  private AnthropicBody() {}

  static ObjectNode of(Exchange ex) {
    ChatRequest r = ex.request();
    ObjectNode root = JSON.createObjectNode();
    root.put("model", ex.target().model());
    root.put("max_tokens", r.maxTokens());
    String system = r.system();
    if (!(r.format() instanceof ResponseFormat.Text)) {
      String rule = "Answer with one JSON object and nothing else.";
      system = system == null || system.isBlank() ? rule : system + "\n\n" + rule;
    }
    if (system != null && !system.isBlank()) {
      root.put("system", system);
    }
    messages(root.putArray("messages"), r.messages());
    if (ex.prefill() != null) {
      // The API refuses a final assistant turn that ends in whitespace; the router strips it.
      root.withArray("messages").addObject().put("role", "assistant").put("content", ex.prefill());
    }
    if (ex.stream()) {
      root.put("stream", true);
    }
    tools(root, r);
    sampling(root, r.sampling(), ex.capabilities());
    for (Map.Entry<String, JsonNode> e : r.extras().of(Protocol.ANTHROPIC).entrySet()) {
      if (!root.has(e.getKey())) {
        root.set(e.getKey(), e.getValue());
      }
    }
    return root;
  }

  private static void messages(ArrayNode out, List<Message> messages) {
    ArrayNode results = null; // the content of the user turn that carries tool results
    for (Message m : messages) {
      switch (m.role()) {
        case TOOL -> {
          if (results == null) {
            results = out.addObject().put("role", "user").putArray("content");
          }
          ObjectNode block =
              results.addObject().put("type", "tool_result").put("tool_use_id", m.toolCallId());
          if (!m.content().isEmpty()) {
            block.put("content", m.content());
          }
          if (m.toolError()) {
            block.put("is_error", true);
          }
        }
        case USER -> {
          if (results != null) {
            // text after the results, in the same turn
            blocks(results, m.parts());
            results = null;
          } else if (m.textOnly()) {
            out.addObject().put("role", "user").put("content", m.content());
          } else {
            blocks(out.addObject().put("role", "user").putArray("content"), m.parts());
          }
        }
        case ASSISTANT -> {
          results = null;
          if (m.toolCalls().isEmpty()) {
            out.addObject().put("role", "assistant").put("content", m.content());
            continue;
          }
          ArrayNode content = out.addObject().put("role", "assistant").putArray("content");
          if (!m.content().isEmpty()) {
            // an empty text block is refused ("text content blocks must be non-empty")
            content.addObject().put("type", "text").put("text", m.content());
          }
          for (ToolCall c : m.toolCalls()) {
            content
                .addObject()
                .put("type", "tool_use")
                .put("id", c.id())
                .put("name", c.name())
                .set("input", input(c.arguments()));
          }
        }
      }
    }
  }

  private static void blocks(ArrayNode out, List<Part> parts) {
    for (Part p : parts) {
      switch (p) {
        case Part.Text t -> {
          if (!t.text().isEmpty()) {
            out.addObject().put("type", "text").put("text", t.text());
          }
        }
        case Part.Image i -> {
          ObjectNode source = out.addObject().put("type", "image").putObject("source");
          if (i.url() != null) {
            source.put("type", "url").put("url", i.url());
          } else {
            source.put("type", "base64").put("media_type", i.mediaType()).put("data", i.data());
          }
        }
      }
    }
  }

  /**
   * A tool call's arguments as the object {@code tool_use.input} must be. Arguments a model wrote
   * that are not a JSON object (OpenAI sends them as text, and a model can get them wrong) go as an
   * empty object: the API takes nothing else there.
   */
  static JsonNode input(String arguments) {
    try {
      JsonNode n = JSON.readTree(arguments);
      if (n != null && n.isObject()) {
        return n;
      }
    } catch (JsonProcessingException e) {
      // not JSON: as below
    }
    return JSON.createObjectNode();
  }

  private static void tools(ObjectNode root, ChatRequest r) {
    if (r.tools().isEmpty()) {
      return;
    }
    ArrayNode tools = root.putArray("tools");
    for (Tool t : r.tools()) {
      ObjectNode tool = tools.addObject().put("name", t.name());
      if (t.description() != null) {
        tool.put("description", t.description());
      }
      tool.set("input_schema", t.parameters());
    }
    if (r.toolChoice() == null && r.parallelToolCalls() == null) {
      return;
    }
    ObjectNode choice = root.putObject("tool_choice");
    switch (r.toolChoice() == null ? ToolChoice.AUTO : r.toolChoice()) {
      case ToolChoice.Auto a -> choice.put("type", "auto");
      case ToolChoice.None n -> choice.put("type", "none");
      case ToolChoice.Required q -> choice.put("type", "any");
      case ToolChoice.Named n -> choice.put("type", "tool").put("name", n.name());
    }
    if (r.parallelToolCalls() != null && !(r.toolChoice() instanceof ToolChoice.None)) {
      choice.put("disable_parallel_tool_use", !r.parallelToolCalls());
    }
  }

  /** Temperature (at most 1 here), top_p and stop sequences; Anthropic has no seed or penalties. */
  private static void sampling(ObjectNode root, Sampling s, Capabilities caps) {
    if (s.temperature() != null && caps.supports(Feature.TEMPERATURE)) {
      root.put("temperature", Math.min(MAX_TEMPERATURE, s.temperature()));
    }
    if (s.topP() != null && caps.supports(Feature.TOP_P)) {
      root.put("top_p", s.topP());
    }
    if (!s.stop().isEmpty() && caps.supports(Feature.STOP)) {
      ArrayNode stop = root.putArray("stop_sequences");
      s.stop().forEach(stop::add);
    }
  }
}
