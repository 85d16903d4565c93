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
 * @param finishReason as the provider said: {@code stop}, {@code end_turn}, {@code length} ...
 */
public record ChatResponse(
    String text,
    TargetId servedBy,
    List<Attempt> attempts,
    Usage usage,
    BigDecimal cost,
    String finishReason) {

  public ChatResponse {
    attempts = List.copyOf(attempts);
  }

  /** True when more than one target wrote part of this answer. */
  public boolean continued() {
    return attempts.stream().anyMatch(Attempt::continuation);
  }
}
