package dev.socra.core.session;

import dev.socra.core.persona.Stage;
import dev.socra.llm.Attempt;
import dev.socra.llm.ChatResponse;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tokens and cost of one stage, from every call it made (repairs and failed attempts included).
 *
 * @param servedBy the targets that answered, in order
 * @param retried true when some attempt failed and another target or try served instead
 */
public record StageUsage(
    Stage stage,
    int calls,
    int inputTokens,
    int outputTokens,
    boolean estimated,
    BigDecimal cost,
    List<String> servedBy,
    boolean retried) {

  public static StageUsage of(Stage stage, List<ChatResponse> responses) {
    int in = 0;
    int out = 0;
    boolean estimated = false;
    BigDecimal cost = BigDecimal.ZERO;
    Set<String> served = new LinkedHashSet<>();
    boolean retried = false;
    for (ChatResponse r : responses) {
      in += r.usage().inputTokens();
      out += r.usage().outputTokens();
      estimated |= r.usage().estimated();
      cost = cost.add(r.cost());
      served.add(r.servedBy().toString());
      for (Attempt a : r.attempts()) {
        retried |= a.number() > 0 && !a.outcome().isSuccess();
      }
    }
    return new StageUsage(
        stage, responses.size(), in, out, estimated, cost, List.copyOf(served), retried);
  }

  public StageUsage plus(StageUsage other) {
    Set<String> served = new LinkedHashSet<>(servedBy);
    served.addAll(other.servedBy);
    return new StageUsage(
        stage,
        calls + other.calls,
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        estimated || other.estimated,
        cost.add(other.cost),
        List.copyOf(served),
        retried || other.retried);
  }
}
