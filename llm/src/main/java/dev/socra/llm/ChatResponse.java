package dev.socra.llm;

import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.util.List;

/**
 * A complete answer and how it was obtained.
 *
 * @param servedBy the target whose answer completed the call
 * @param attempts every attempt, failed and skipped ones included, in order
 * @param usage tokens of every attempt that produced any
 * @param cost in US dollars, of every attempt that produced tokens
 * @param finishReason as the provider said: {@code stop}, {@code end_turn}, {@code length} ...;
 *     {@code tool_calls} whenever the answer asks for tools (Anthropic's {@code tool_use} included)
 * @param toolCalls the tools the model asks the caller to run, complete, in order; empty for none
 */
public record ChatResponse(
    String text,
    TargetId servedBy,
    List<Attempt> attempts,
    Usage usage,
    BigDecimal cost,
    String finishReason,
    List<ToolCall> toolCalls) {

  /** OpenAI's finish reason for an answer that asks for tools; the router's for every protocol. */
  public static final String TOOL_CALLS = "tool_calls";

  public ChatResponse {
    attempts = List.copyOf(attempts);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** An answer of text alone. */
  public ChatResponse(
      String text,
      TargetId servedBy,
      List<Attempt> attempts,
      Usage usage,
      BigDecimal cost,
      String finishReason) {
    this(text, servedBy, attempts, usage, cost, finishReason, List.of());
  }

  /** True when more than one target wrote part of this answer. */
  public boolean continued() {
    return attempts.stream().anyMatch(Attempt::continuation);
  }
}
