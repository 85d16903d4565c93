package dev.socra.llm.spend;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import java.nio.charset.StandardCharsets;

/**
 * The most input tokens a request can be billed for, counted from its bytes: every tokenizer in use
 * (byte-level BPE for OpenAI, Anthropic and Llama; SentencePiece with byte fallback for Gemini)
 * turns each token into at least one byte of text, so no prompt has more tokens than UTF-8 bytes.
 * Chat formats add a few framing tokens per message, counted here as {@value #PER_MESSAGE}. A
 * ceiling, not an estimate: about four times the real count for English, so a hold is never short.
 */
public final class SpendCeiling {
  static final int PER_MESSAGE = 8;

  private SpendCeiling() {}

  /** Input tokens the request cannot exceed, with {@code prefill} (may be null) appended. */
  public static long inputTokens(ChatRequest request, String prefill) {
    long total = PER_MESSAGE + bytes(request.system());
    if (request.system() != null) {
      total += PER_MESSAGE;
    }
    for (Message m : request.messages()) {
      total += bytes(m.content()) + PER_MESSAGE;
    }
    if (prefill != null) {
      total += bytes(prefill) + PER_MESSAGE;
    }
    if (request.format() instanceof ResponseFormat.JsonSchema s) {
      // a schema sent as response_format is billed as input too
      total += bytes(s.name()) + bytes(s.schema().toString()) + PER_MESSAGE;
    }
    return total;
  }

  private static long bytes(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
