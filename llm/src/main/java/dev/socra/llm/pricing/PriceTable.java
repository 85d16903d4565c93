package dev.socra.llm.pricing;

import dev.socra.llm.route.TargetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dated list prices. A price may be given for {@code provider/model} or for a bare model name; the
 * more specific one wins. Unknown models cost nothing and are reported as unpriced.
 */
public final class PriceTable {
  private final Map<String, Price> prices;

  public PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** List prices of the default models; sources are cited in docs/configuration.md. */
  public static PriceTable defaults() {
    LocalDate asOf = LocalDate.of(2026, 11, 1);
    Map<String, Price> m = new LinkedHashMap<>();
    m.put("claude-haiku-4-5", price("1.00", "5.00", asOf, "https://www.anthropic.com/pricing"));
    m.put(
        "gemini-2.5-flash-lite",
        price("0.10", "0.40", asOf, "https://ai.google.dev/gemini-api/docs/pricing"));
    m.put(
        "gemini-2.0-flash",
        price("0.10", "0.40", asOf, "https://ai.google.dev/gemini-api/docs/pricing"));
    m.put("llama-3.1-8b-instant", price("0.05", "0.08", asOf, "https://groq.com/pricing"));
    m.put("gpt-4o-mini", price("0.15", "0.60", asOf, "https://openai.com/api/pricing"));
    m.put("stub/socra-demo", Price.FREE);
    return new PriceTable(m);
  }

  private static Price price(String in, String out, LocalDate asOf, String source) {
    return new Price(new BigDecimal(in), new BigDecimal(out), asOf, source);
  }

  public PriceTable with(Map<String, Price> overrides) {
    Map<String, Price> merged = new LinkedHashMap<>(prices);
    merged.putAll(overrides);
    return new PriceTable(merged);
  }

  /** The price of a target, or null when the table has none. */
  public Price find(TargetId target) {
    Price exact = prices.get(target.toString());
    return exact != null ? exact : prices.get(target.model());
  }

  public BigDecimal cost(TargetId target, int inputTokens, int outputTokens) {
    Price p = find(target);
    return p == null ? BigDecimal.ZERO : p.cost(inputTokens, outputTokens);
  }

  public Map<String, Price> entries() {
    return prices;
  }
}
