package dev.socra.llm.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.Tool;
import dev.socra.llm.ToolCall;
import java.util.List;

/**
 * Counts tokens when a provider reports none, and estimates a request before it is sent. OpenAI's
 * cl100k encoding is exact for the OpenAI family and within a few percent for the others, which is
 * what an estimate needs. Tools count as their name, description and schema's JSON text (each
 * provider renders them into the prompt in its own way, of about that size); tool calls as their
 * name and arguments; images at {@value #IMAGE_TOKENS} tokens each.
 */
public final class TokenEstimator {
  /** Chat formats wrap each message in a few tokens of framing. */
  private static final int PER_MESSAGE = 4;

  /**
   * An image's input tokens, estimated without looking at it: Anthropic counts width × height /
   * 750, about 1,600 for the largest image it takes unscaled (1.15 megapixels;
   * docs.anthropic.com/en/ docs/build-with-claude/vision); OpenAI 85 + 170 per 512-pixel tile at
   * high detail, 765 for 1024 × 1024 and at most 1,445
   * (platform.openai.com/docs/guides/images-vision); Gemini 258 per 768-pixel tile
   * (ai.google.dev/gemini-api/docs/tokens). Read 2026-11-01. Calibration against the usage
   * providers report corrects it per target.
   */
  public static final int IMAGE_TOKENS = 1_600;

  private static final class Holder {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }

  public int count(String text) {
    return text == null || text.isEmpty() ? 0 : Holder.ENCODING.countTokens(text);
  }

  /** Tokens of tool calls as a model writes them: name and arguments. */
  public int count(List<ToolCall> calls) {
    int total = 0;
    for (ToolCall c : calls) {
      total += count(c.name()) + count(c.arguments()) + PER_MESSAGE;
    }
    return total;
  }

  public int countInput(ChatRequest request, String prefill) {
    int total = PER_MESSAGE;
    if (request.system() != null) {
      total += count(request.system()) + PER_MESSAGE;
    }
    for (Message m : request.messages()) {
      total += count(m.content()) + PER_MESSAGE;
      if (!m.textOnly()) {
        total += count(m.toolCalls()) + m.images().size() * IMAGE_TOKENS;
      }
    }
    for (Tool t : request.tools()) {
      total += count(t.name()) + count(t.description()) + count(t.parameters().toString());
      total += PER_MESSAGE;
    }
    if (prefill != null) {
      total += count(prefill) + PER_MESSAGE;
    }
    return total;
  }
}
