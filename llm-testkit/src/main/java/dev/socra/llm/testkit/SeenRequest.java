package dev.socra.llm.testkit;

/**
 * One model request as the fake saw and answered it. Never holds credentials: only whether they
 * were present.
 *
 * @param seq 1-based position in this server's log (kept counting across clears)
 * @param protocol "openai" or "anthropic"
 * @param model the model name as sent (with its directives), also for a request refused as invalid;
 *     "" if the body had none
 * @param prefill the request ended with an assistant message to continue
 * @param inputTokens estimated input tokens (words plus one per message)
 * @param maxTokens the request's max tokens, 0 if it set none
 * @param status the HTTP status sent, 0 when none was (reset, hang)
 * @param fault the misbehaviour applied (directives as in the model name), "ok", "rate-limited",
 *     "unauthorized" or "bad-request"
 * @param authPresent the request carried a non-empty API key
 * @param format how the answer was asked for: {@code text}, {@code json_object}, {@code
 *     json_schema} or {@code json_schema strict}; "" when the request was not readable
 * @param tokenField the output cap's name as sent ({@code max_tokens}, {@code
 *     max_completion_tokens}), "" when none was sent or the request was not readable
 * @param tools the names of the tools the request offered
 * @param toolChoice as sent ({@code auto}, {@code none}, {@code required}, a tool's name), "" when
 *     none was
 * @param endsWithToolResult the conversation ended with tool results rather than the user's turn
 * @param sampling the sampling parameters the request carried, by the name it used ({@code
 *     temperature}, {@code top_p}, {@code stop} or {@code stop_sequences}, {@code seed} …)
 * @param images how many images its messages carried
 * @param toolCalls how many tool calls the answer made
 */
public record SeenRequest(
    long seq,
    String protocol,
    String model,
    boolean stream,
    boolean prefill,
    int inputTokens,
    int maxTokens,
    int status,
    String fault,
    long receivedAtMillis,
    boolean authPresent,
    String format,
    String tokenField,
    java.util.List<String> tools,
    String toolChoice,
    boolean endsWithToolResult,
    java.util.Map<String, Object> sampling,
    int images,
    int toolCalls) {}
