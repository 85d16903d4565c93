package dev.socra.server.sessions;

import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import dev.socra.core.session.StageUsage;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A session's tokens and cost: by stage (as in the terminal's table) and by provider. */
@Component
public class UsageReport {
  private final JdbcClient db;

  public UsageReport(JdbcClient db) {
    this.db = db;
  }

  public record StageLine(
      String stage,
      String label,
      int calls,
      int inputTokens,
      int outputTokens,
      boolean estimated,
      BigDecimal costUsd,
      List<String> servedBy,
      boolean retried) {}

  public record ProviderLine(
      String target,
      long attempts,
      long failures,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd) {}

  public record Usage(
      String sessionId,
      List<StageLine> stages,
      int inputTokens,
      int outputTokens,
      BigDecimal costUsd,
      List<ProviderLine> providers) {}

  public Usage of(Session s) {
    List<StageLine> stages =
        java.util.Arrays.stream(Stage.values())
            .filter(st -> s.usage().containsKey(st))
            .map(st -> line(s.usage().get(st)))
            .toList();
    int in = stages.stream().mapToInt(StageLine::inputTokens).sum();
    int out = stages.stream().mapToInt(StageLine::outputTokens).sum();
    BigDecimal cost =
        stages.stream().map(StageLine::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<ProviderLine> providers =
        db.sql(
                "SELECT target, COUNT(*) AS attempts,"
                    + " SUM(CASE WHEN outcome IN ('ok', 'success') THEN 0 ELSE 1 END) AS failures,"
                    + " SUM(input_tokens) AS inputTokens, SUM(output_tokens) AS outputTokens,"
                    + " SUM(cost_usd) AS costUsd FROM llm_attempts WHERE session_id = ?"
                    + " GROUP BY target ORDER BY target")
            .param(s.id())
            .query(ProviderLine.class)
            .list();
    return new Usage(s.id(), stages, in, out, cost, providers);
  }

  private static StageLine line(StageUsage u) {
    return new StageLine(
        u.stage().id(),
        u.stage().label(),
        u.calls(),
        u.inputTokens(),
        u.outputTokens(),
        u.estimated(),
        u.cost(),
        u.servedBy(),
        u.retried());
  }
}
