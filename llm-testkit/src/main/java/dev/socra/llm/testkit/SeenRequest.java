package dev.socra.llm.testkit;

/**
 * One model request as the fake saw and answered it. Never holds credentials: only whether they
 * were present.
 *
 * @param seq 1-based position in this server's log (kept counting across clears)
 * @param protocol "openai" or "anthropic"
 * @param model the model name as sent (with its directives), "" if the body had none
 * @param prefill the request ended with an assistant message to continue
 * @param inputTokens estimated input tokens (words plus one per message)
 * @param maxTokens the request's max tokens, 0 if it set none
 * @param status the HTTP status sent, 0 when none was (reset, hang)
 * @param fault the misbehaviour applied (directives as in the model name), "ok", "rate-limited",
 *     "unauthorized" or "bad-request"
 * @param authPresent the request carried a non-empty API key
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
    boolean authPresent) {}
