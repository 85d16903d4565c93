package dev.socra.llm.testkit;

/**
 * A chat request reduced to what the fake needs, whichever wire format it came in.
 *
 * @param maxTokens the request's output cap, 0 when it set none
 * @param inputTokens words of all messages and the system prompt, plus one per message
 * @param prefill the text of a trailing assistant message the answer must continue, or null
 * @param includeUsage OpenAI's {@code stream_options.include_usage}; Anthropic always streams usage
 * @param jsonMode OpenAI {@code response_format} asked for JSON
 * @param system the system prompt's text, "" when there is none
 * @param format how the answer was asked for: {@code text}, {@code json_object}, {@code
 *     json_schema} or {@code json_schema strict}
 * @param tokenField the name the output cap was sent under, "" when none was
 * @param tools the names of the tools offered, in order
 * @param toolChoice {@code auto}, {@code none}, {@code required} (Anthropic's {@code any}), the
 *     tool's name for a named choice, or "" when none was sent
 * @param toolResult the text of the tool results the conversation ends with, or null when it ends
 *     with the user's own turn
 * @param sampling the sampling parameters as sent (names as the request spelt them)
 * @param images how many images the messages carry
 */
record ChatRequest(
    String model,
    boolean stream,
    int maxTokens,
    int inputTokens,
    String lastUserMessage,
    String prefill,
    boolean includeUsage,
    boolean jsonMode,
    String system,
    String format,
    String tokenField,
    java.util.List<String> tools,
    String toolChoice,
    String toolResult,
    java.util.Map<String, Object> sampling,
    int images) {

  boolean hasPrefill() {
    return prefill != null;
  }
}
