package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.ToolCall;
import dev.socra.llm.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * OpenAI's chat-completions wire format, written field by field with Jackson's streaming generator
 * straight to the response: no tree or DTO per answer, and only the fields OpenAI's own responses
 * carry (SDKs that validate find every required one).
 */
final class OpenAiWire {
  /**
   * The largest request body read: four times the text of the largest built-in context window
   * (1,048,576 tokens, about 4 MB at four bytes a token), so no prompt a target could take is
   * refused, and no client can make the server hold an unbounded body.
   */
  static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

  /**
   * The one factory for the gateway's JSON, read and written. Buffers come from a pool shared by
   * all threads: Jackson's default pool keeps them per thread, and each request runs on a new
   * virtual thread, which would then allocate fresh read and write buffers (about 16 KB) per call.
   * It never closes or flushes the servlet stream by itself: a whole answer that fits the response
   * buffer then goes out with a Content-Length, and streams flush where {@link SseAnswer} says.
   */
  static final JsonFactory JSON =
      new JsonFactoryBuilder()
          .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
          .streamReadConstraints(
              StreamReadConstraints.builder().maxDocumentLength(MAX_REQUEST_BYTES).build())
          .rootValueSeparator((String) null)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  private OpenAiWire() {}

  static JsonGenerator generator(OutputStream out) throws IOException {
    return JSON.createGenerator(out);
  }

  /**
   * A whole answer: {@code chat.completion}, its text and tool calls as given (scrubbed of keys);
   * an answer that only calls tools has {@code content: null}, as OpenAI's do.
   */
  static void completion(
      JsonGenerator g, String id, long created, ChatResponse r, String text, List<ToolCall> calls)
      throws IOException {
    head(g, id, "chat.completion", created, r.servedBy().toString());
    g.writeArrayFieldStart("choices");
    g.writeStartObject();
    g.writeNumberField("index", 0);
    g.writeObjectFieldStart("message");
    g.writeStringField("role", "assistant");
    if (text.isEmpty() && !calls.isEmpty()) {
      g.writeNullField("content");
    } else {
      g.writeStringField("content", text);
    }
    g.writeNullField("refusal");
    if (!calls.isEmpty()) {
      g.writeArrayFieldStart("tool_calls");
      for (ToolCall c : calls) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("type", "function");
        g.writeObjectFieldStart("function");
        g.writeStringField("name", c.name());
        g.writeStringField("arguments", c.arguments());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeNullField("logprobs");
    g.writeStringField("finish_reason", finishReason(r.finishReason()));
    g.writeEndObject();
    g.writeEndArray();
    usage(g, r.usage());
    g.writeEndObject();
  }

  /** One {@code chat.completion.chunk} with a delta: the role on the first, then text. */
  static void delta(
      JsonGenerator g, String id, long created, String model, String role, String text)
      throws IOException {
    head(g, id, "chat.completion.chunk", created, model);
    g.writeArrayFieldStart("choices");
    g.writeStartObject();
    g.writeNumberField("index", 0);
    g.writeObjectFieldStart("delta");
    if (role != null) {
      g.writeStringField("role", role);
    }
    g.writeStringField("content", text);
    g.writeEndObject();
    g.writeNullField("finish_reason");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * A chunk with a piece of a tool call: {@code delta.tool_calls[{index, id, type, function:{name,
   * arguments}}]}, id, type and name on a call's first piece only (openai-python {@code
   * types/chat/chat_completion_chunk.py}, {@code ChoiceDeltaToolCall}).
   */
  static void toolCallDelta(
      JsonGenerator g,
      String id,
      long created,
      String model,
      int index,
      String callId,
      String name,
      String arguments)
      throws IOException {
    head(g, id, "chat.completion.chunk", created, model);
    g.writeArrayFieldStart("choices");
    g.writeStartObject();
    g.writeNumberField("index", 0);
    g.writeObjectFieldStart("delta");
    g.writeArrayFieldStart("tool_calls");
    g.writeStartObject();
    g.writeNumberField("index", index);
    if (callId != null) {
      g.writeStringField("id", callId);
      g.writeStringField("type", "function");
    }
    g.writeObjectFieldStart("function");
    if (name != null) {
      g.writeStringField("name", name);
    }
    g.writeStringField("arguments", arguments);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeNullField("finish_reason");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The last chunk of a choice: empty delta, the finish reason. */
  static void finish(JsonGenerator g, String id, long created, String model, String reason)
      throws IOException {
    head(g, id, "chat.completion.chunk", created, model);
    g.writeArrayFieldStart("choices");
    g.writeStartObject();
    g.writeNumberField("index", 0);
    g.writeObjectFieldStart("delta");
    g.writeEndObject();
    g.writeStringField("finish_reason", finishReason(reason));
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The chunk {@code stream_options.include_usage} asks for: no choices, the usage. */
  static void usageChunk(JsonGenerator g, String id, long created, String model, Usage u)
      throws IOException {
    head(g, id, "chat.completion.chunk", created, model);
    g.writeArrayFieldStart("choices");
    g.writeEndArray();
    usage(g, u);
    g.writeEndObject();
  }

  /** {@code {"error":{"message","type","param","code"}}}, its message as given (scrubbed). */
  static void error(JsonGenerator g, GatewayException e, String message) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("error");
    g.writeStringField("message", message);
    g.writeStringField("type", e.type());
    g.writeStringField("param", e.param());
    g.writeStringField("code", e.code());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void head(JsonGenerator g, String id, String object, long created, String model)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("object", object);
    g.writeNumberField("created", created);
    g.writeStringField("model", model);
  }

  private static void usage(JsonGenerator g, Usage u) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", u.inputTokens());
    g.writeNumberField("completion_tokens", u.outputTokens());
    g.writeNumberField("total_tokens", u.total());
    g.writeEndObject();
  }

  /**
   * OpenAI's finish reasons from whatever the provider said: Anthropic's {@code end_turn} and
   * {@code stop_sequence} are {@code stop}, its {@code max_tokens} is {@code length}; an answer
   * asking for tools is {@code tool_calls} whoever wrote it.
   */
  static String finishReason(String provider) {
    if (provider == null) {
      return "stop";
    }
    return switch (provider) {
      case "length", "max_tokens" -> "length";
      case "content_filter" -> "content_filter";
      case ChatResponse.TOOL_CALLS, "tool_use" -> ChatResponse.TOOL_CALLS;
      default -> "stop";
    };
  }
}
