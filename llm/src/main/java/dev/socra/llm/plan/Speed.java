package dev.socra.llm.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How long a call takes on a target: a time to first token (which includes reading the prompt),
 * then the output at a steady pace. These are assumptions, not measurements: the defaults below are
 * typical published speeds of each provider's default model, documented as such.
 */
public record Speed(Duration firstToken, double tokensPerSecond) {
  /** Assumed speeds of the built-in providers' default models, by provider name. */
  private static final Map<String, Speed> ASSUMED =
      Map.of(
          "groq", new Speed(Duration.ofMillis(300), 500),
          "google", new Speed(Duration.ofMillis(500), 250),
          "anthropic", new Speed(Duration.ofMillis(700), 100),
          "openai", new Speed(Duration.ofMillis(600), 80));

  /** Any other provider: deliberately slow, so an unknown target is not planned optimistically. */
  public static final Speed UNKNOWN = new Speed(Duration.ofSeconds(1), 60);

  public Speed {
    if (firstToken.isNegative() || !(tokensPerSecond > 0)) {
      throw new IllegalArgumentException("a speed needs a first-token time and a positive pace");
    }
  }

  public static Speed assumed(String provider) {
    return ASSUMED.getOrDefault(provider, UNKNOWN);
  }

  /** The demo stub streams one token per {@code tokenDelay}, and starts at once. */
  public static Speed stub(Duration tokenDelay) {
    double perSecond = tokenDelay.isZero() ? 1_000_000 : 1e9 / tokenDelay.toNanos();
    return new Speed(Duration.ZERO, perSecond);
  }

  /** A call producing {@code outputTokens}, from sending to its last token. */
  public Duration of(long outputTokens) {
    return firstToken.plusNanos(Math.round(outputTokens * 1e9 / tokensPerSecond));
  }

  public String describe() {
    return String.format(
        Locale.ROOT,
        "first token %s, %s tokens/s",
        PlanText.duration(firstToken),
        tokensPerSecond >= 10
            ? String.format(Locale.ROOT, "%,.0f", tokensPerSecond)
            : String.format(Locale.ROOT, "%.1f", tokensPerSecond));
  }
}
