package dev.socra.llm.provider;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.TokenSink;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.config.Timeouts;
import dev.socra.llm.route.TargetId;
import java.time.Instant;

/**
 * One attempt as an adapter sees it.
 *
 * @param prefill text the assistant has already said, to be continued; null for a fresh answer
 * @param deadline the whole call's deadline: no wait inside the attempt goes past it
 * @param capabilities what the target's model takes now: declared, less what it refused before
 */
public record Exchange(
    TargetId target,
    ProviderConfig provider,
    ChatRequest request,
    String prefill,
    boolean stream,
    TokenSink sink,
    Instant deadline,
    Timeouts timeouts,
    dev.socra.llm.config.Capabilities capabilities) {

  /** How the request's format goes to this target. */
  public dev.socra.llm.provider.schema.AnswerFormat answerFormat() {
    return dev.socra.llm.provider.schema.AnswerFormat.choose(request.format(), capabilities);
  }
}
