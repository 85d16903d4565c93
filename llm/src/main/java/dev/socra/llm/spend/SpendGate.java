package dev.socra.llm.spend;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;

/**
 * Asked before every attempt that may cost money, with the most that attempt can cost: its input
 * counted from above ({@link SpendCeiling}) plus its {@code max_tokens}, at its target's price. A
 * gate that keeps a spending limit (a user's daily cap) holds that amount until the attempt ends,
 * then settles it to the attempt's real cost, so calls running at the same time cannot together
 * pass the limit by more than what they hold.
 *
 * <p>Holds are settled after the attempt's {@code AttemptFinished} event is published, so a
 * listener that counts spend (a ledger) has counted the real cost before the hold goes.
 */
@FunctionalInterface
public interface SpendGate {
  /** No limit: every attempt goes ahead and nothing is held. */
  SpendGate NONE = (request, target, most) -> Hold.NONE;

  /**
   * Holds {@code mostUsd} for one attempt of {@code request} on {@code target}.
   *
   * @throws SpendRefusedException when the limit leaves no room: the attempt is not sent
   * @throws dev.socra.llm.budget.BudgetUnavailableException when the limit is kept where the shared
   *     budgets are and that is out of reach: the call ends {@code BUDGETS_UNAVAILABLE}
   */
  Hold hold(ChatRequest request, TargetId target, BigDecimal mostUsd);

  /** An amount held for one attempt; settled exactly once. */
  @FunctionalInterface
  interface Hold {
    Hold NONE = actual -> {};

    /**
     * The attempt ended and cost {@code actualUsd} (zero when it cost nothing): let the rest go.
     */
    void settle(BigDecimal actualUsd);
  }
}
