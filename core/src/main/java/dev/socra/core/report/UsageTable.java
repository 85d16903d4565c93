package dev.socra.core.report;

import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import dev.socra.core.session.StageUsage;
import java.math.BigDecimal;

/**
 * The session's tokens and cost by stage, as in the seed's table, for the terminal and the docs.
 */
public final class UsageTable {
  private UsageTable() {}

  public static String render(Session session) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%-26s %6s %12s %12s %11s  %s%n",
            "stage", "calls", "input tok", "output tok", "cost", "provider"));
    int in = 0;
    int out = 0;
    int calls = 0;
    BigDecimal cost = BigDecimal.ZERO;
    boolean estimated = false;
    for (Stage stage : Stage.values()) {
      StageUsage u = session.usage().get(stage);
      if (u == null) {
        continue;
      }
      b.append(
          String.format(
              "%-26s %6d %12s %12s %11s  %s%n",
              stage.label(),
              u.calls(),
              num(u.inputTokens()),
              num(u.outputTokens()),
              money(u.cost()),
              String.join(", ", u.servedBy())));
      in += u.inputTokens();
      out += u.outputTokens();
      calls += u.calls();
      cost = cost.add(u.cost());
      estimated |= u.estimated();
    }
    b.append(
        String.format(
            "%-26s %6d %12s %12s %11s%n", "total", calls, num(in), num(out), money(cost)));
    if (estimated) {
      b.append("(some token counts are estimates: a provider reported no usage)\n");
    }
    return b.toString();
  }

  public static int inputTokens(Session session) {
    return session.usage().values().stream().mapToInt(StageUsage::inputTokens).sum();
  }

  private static String num(int n) {
    return String.format("%,d", n);
  }

  private static String money(BigDecimal d) {
    return Money.dollars(d);
  }
}
