package dev.socra.llm.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;

/**
 * Counts tokens when a provider reports none. OpenAI's cl100k encoding is exact for the OpenAI
 * family and within a few percent for the others, which is what an estimate needs.
 */
public final class TokenEstimator {
  /** Chat formats wrap each message in a few tokens of framing. */
  private static final int PER_MESSAGE = 4;

  private static final class Holder {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }

  public int count(String text) {
    return text == null || text.isEmpty() ? 0 : Holder.ENCODING.countTokens(text);
  }

  public int countInput(ChatRequest request, String prefill) {
    int total = PER_MESSAGE;
    if (request.system() != null) {
      total += count(request.system()) + PER_MESSAGE;
    }
    for (Message m : request.messages()) {
      total += count(m.content()) + PER_MESSAGE;
    }
    if (prefill != null) {
      total += count(prefill) + PER_MESSAGE;
    }
    return total;
  }
}
