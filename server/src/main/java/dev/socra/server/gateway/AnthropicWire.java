package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.ToolCall;
import dev.socra.llm.Usage;
import dev.socra.server.errors.ErrorBodies;
import java.io.IOException;
import java.util.List;

/**
 * Anthropic's Messages wire format (docs.anthropic.com/en/api/messages and /en/docs/build-with-
 * claude/streaming, read 2026-11-01), written field by field with the gateway's JSON factory: the
 * message, the events of a stream, and errors as {@code
 * {"type":"error","error":{"type","message"}}}.
 */
final class AnthropicWire {
  private AnthropicWire() {}

  /** A whole answer: {@code type: message} with its text and {@code tool_use} blocks. */
  static void message(JsonGenerator g, String id, ChatResponse r, String text, List<ToolCall> calls)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("type", "message");
    g.writeStringField("role", "assistant");
    g.writeStringField("model", r.servedBy().toString());
    g.writeArrayFieldStart("content");
    if (!text.isEmpty() || calls.isEmpty()) {
      g.writeStartObject();
      g.writeStringField("type", "text");
      g.writeStringField("text", text);
      g.writeEndObject();
    }
    for (ToolCall c : calls) {
      g.writeStartObject();
      g.writeStringField("type", "tool_use");
      g.writeStringField("id", c.id());
      g.writeStringField("name", c.name());
      g.writeFieldName("input");
      input(g, c.arguments());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("stop_reason", stopReason(r.finishReason(), !calls.isEmpty()));
    g.writeNullField("stop_sequence");
    usage(g, r.usage());
    g.writeEndObject();
  }

  /** {@code message_start}: the envelope, no content yet; the route as its model. */
  static void messageStart(JsonGenerator g, String id, String model, int inputEstimate)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "message_start");
    g.writeObjectFieldStart("message");
    g.writeStringField("id", id);
    g.writeStringField("type", "message");
    g.writeStringField("role", "assistant");
    g.writeStringField("model", model);
    g.writeArrayFieldStart("content");
    g.writeEndArray();
    g.writeNullField("stop_reason");
    g.writeNullField("stop_sequence");
    usage(g, new Usage(inputEstimate, 0, true));
    g.writeEndObject();
    g.writeEndObject();
  }

  /** {@code content_block_start} of a text block. */
  static void textStart(JsonGenerator g, int index) throws IOException {
    blockStartHead(g, index);
    g.writeStringField("type", "text");
    g.writeStringField("text", "");
    g.writeEndObject();
    g.writeEndObject();
  }

  /** {@code content_block_start} of a {@code tool_use} block: id, name, an empty input. */
  static void toolStart(JsonGenerator g, int index, String callId, String name) throws IOException {
    blockStartHead(g, index);
    g.writeStringField("type", "tool_use");
    g.writeStringField("id", callId);
    g.writeStringField("name", name);
    g.writeObjectFieldStart("input");
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void blockStartHead(JsonGenerator g, int index) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "content_block_start");
    g.writeNumberField("index", index);
    g.writeObjectFieldStart("content_block");
  }

  /** {@code content_block_delta}: {@code text_delta} or {@code input_json_delta}. */
  static void delta(JsonGenerator g, int index, boolean json, String piece) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "content_block_delta");
    g.writeNumberField("index", index);
    g.writeObjectFieldStart("delta");
    if (json) {
      g.writeStringField("type", "input_json_delta");
      g.writeStringField("partial_json", piece);
    } else {
      g.writeStringField("type", "text_delta");
      g.writeStringField("text", piece);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  static void blockStop(JsonGenerator g, int index) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "content_block_stop");
    g.writeNumberField("index", index);
    g.writeEndObject();
  }

  /** {@code message_delta}: the stop reason and the whole call's usage. */
  static void messageDelta(JsonGenerator g, ChatResponse r) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "message_delta");
    g.writeObjectFieldStart("delta");
    g.writeStringField("stop_reason", stopReason(r.finishReason(), !r.toolCalls().isEmpty()));
    g.writeNullField("stop_sequence");
    g.writeEndObject();
    usage(g, r.usage());
    g.writeEndObject();
  }

  static void messageStop(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "message_stop");
    g.writeEndObject();
  }

  /** {@code {"type":"error","error":{"type","message"}}}, the body and the stream event alike. */
  static void error(JsonGenerator g, GatewayException e, String message) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "error");
    g.writeObjectFieldStart("error");
    g.writeStringField("type", errorType(e.status()));
    g.writeStringField("message", message);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** {@code {"input_tokens": n}}, what {@code count_tokens} answers. */
  static void count(JsonGenerator g, int inputTokens) throws IOException {
    g.writeStartObject();
    g.writeNumberField("input_tokens", inputTokens);
    g.writeEndObject();
  }

  /** Anthropic's error type for a status: its SDKs choose their exception by the status. */
  static String errorType(int status) {
    return ErrorBodies.anthropicType(status);
  }

  /**
   * Anthropic's stop reasons from whatever the provider said: OpenAI's {@code stop} is {@code
   * end_turn}, {@code length} is {@code max_tokens}, {@code tool_calls} is {@code tool_use}.
   */
  static String stopReason(String provider, boolean calls) {
    if (calls) {
      return "tool_use";
    }
    if (provider == null) {
      return "end_turn";
    }
    return switch (provider) {
      case "length", "max_tokens" -> "max_tokens";
      case "stop_sequence" -> "stop_sequence";
      case "refusal", "content_filter" -> "refusal";
      case ChatResponse.TOOL_CALLS, "tool_use" -> "tool_use";
      default -> "end_turn";
    };
  }

  private static void usage(JsonGenerator g, Usage u) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", u.inputTokens());
    g.writeNumberField("output_tokens", u.outputTokens());
    g.writeEndObject();
  }

  /**
   * A tool call's arguments as the object {@code input} must be: copied token by token when they
   * are one JSON object; an empty object when a model wrote something else (OpenAI sends arguments
   * as text, and a model can get them wrong).
   */
  static void input(JsonGenerator g, String arguments) throws IOException {
    if (isObject(arguments)) {
      try (JsonParser p = OpenAiWire.JSON.createParser(arguments)) {
        p.nextToken();
        g.copyCurrentStructure(p);
        return;
      }
    }
    g.writeStartObject();
    g.writeEndObject();
  }

  private static boolean isObject(String json) {
    try (JsonParser p = OpenAiWire.JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
