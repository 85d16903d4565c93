package dev.socra.llm.spend;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.Tool;
import dev.socra.llm.ToolCall;
import java.nio.charset.StandardCharsets;

/**
 * The most input tokens a request can be billed for, counted from its bytes: every tokenizer in use
 * (byte-level BPE for OpenAI, Anthropic and Llama; SentencePiece with byte fallback for Gemini)
 * turns each token into at least one byte of text, so no prompt has more tokens than UTF-8 bytes.
 * Chat formats add a few framing tokens per message, counted here as {@value #PER_MESSAGE}; an
 * image counts as the most any built-in provider bills for one ({@value #IMAGE_TOKENS}). A ceiling,
 * not an estimate: about four times the real count for English, so a hold is never short.
 */
public final class SpendCeiling {
  static final int PER_MESSAGE = 8;

  /**
   * The most an image can be billed as, among the built-in providers, within their size limits:
   * gpt-4o-mini counts 2,833 tokens plus 5,667 per 512-pixel tile, up to 8 tiles at high detail
   * (platform.openai.com/docs/guides/images-vision, read 2026-11-01): 48,169. Others count far
   * fewer (Anthropic about 1,600, Gemini 258 per 768-pixel tile).
   */
  public static final int IMAGE_TOKENS = 48_200;

  private SpendCeiling() {}

  /** Input tokens the request cannot exceed, with {@code prefill} (may be null) appended. */
  public static long inputTokens(ChatRequest request, String prefill) {
    long total = PER_MESSAGE + bytes(request.system());
    if (request.system() != null) {
      total += PER_MESSAGE;
    }
    for (Message m : request.messages()) {
      total += bytes(m.content()) + PER_MESSAGE;
      if (!m.textOnly()) {
        for (ToolCall c : m.toolCalls()) {
          total += bytes(c.id()) + bytes(c.name()) + bytes(c.arguments()) + PER_MESSAGE;
        }
        total += (long) m.images().size() * IMAGE_TOKENS;
      }
    }
    if (prefill != null) {
      total += bytes(prefill) + PER_MESSAGE;
    }
    for (Tool t : request.tools()) {
      // tool definitions are rendered into the prompt and billed as input
      total += bytes(t.name()) + bytes(t.description()) + bytes(t.parameters().toString());
      total += PER_MESSAGE;
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
