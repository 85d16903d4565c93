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
    String tokenField) {

  boolean hasPrefill() {
    return prefill != null;
  }
}
