package dev.socra.llm;

import dev.socra.llm.config.Feature;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How the model picks its words, for the parameters both APIs (or OpenAI's alone) share a name for.
 * Null (or empty) means the provider's default: nothing is sent. A target is sent only the ones its
 * model takes ({@code Capabilities.sampling}): the others are left out for that target alone, as
 * its declared capabilities say (docs/gateway.md has the table).
 *
 * @param temperature OpenAI 0–2, Anthropic 0–1 (a higher value is sent to Anthropic as 1)
 * @param topP nucleus sampling, 0–1
 * @param stop sequences that end the answer (OpenAI {@code stop}, Anthropic {@code
 *     stop_sequences}); not part of the answer
 * @param seed best-effort determinism (OpenAI, Groq, Gemini)
 * @param presencePenalty OpenAI and Groq, −2 to 2
 * @param frequencyPenalty OpenAI and Groq, −2 to 2
 */
public record Sampling(
    Double temperature,
    Double topP,
    List<String> stop,
    Long seed,
    Double presencePenalty,
    Double frequencyPenalty) {

  /** Every parameter at the provider's default. */
  public static final Sampling DEFAULT = new Sampling(null, null, List.of(), null, null, null);

  public Sampling {
    stop = stop == null ? List.of() : List.copyOf(stop);
    finite("temperature", temperature);
    finite("top_p", topP);
    finite("presence_penalty", presencePenalty);
    finite("frequency_penalty", frequencyPenalty);
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature);
    }
    if (topP != null && (topP < 0 || topP > 1)) {
      throw new IllegalArgumentException("top_p must be between 0 and 1, was " + topP);
    }
    for (String s : stop) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("a stop sequence must not be empty");
      }
    }
  }

  private static void finite(String name, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }

  public static Sampling temperature(double value) {
    return DEFAULT.withTemperature(value);
  }

  public Sampling withTemperature(Double value) {
    return new Sampling(value, topP, stop, seed, presencePenalty, frequencyPenalty);
  }

  /** The parameters set, as the capability model names them. */
  public Set<Feature> features() {
    EnumSet<Feature> f = EnumSet.noneOf(Feature.class);
    if (temperature != null) {
      f.add(Feature.TEMPERATURE);
    }
    if (topP != null) {
      f.add(Feature.TOP_P);
    }
    if (!stop.isEmpty()) {
      f.add(Feature.STOP);
    }
    if (seed != null) {
      f.add(Feature.SEED);
    }
    if (presencePenalty != null) {
      f.add(Feature.PRESENCE_PENALTY);
    }
    if (frequencyPenalty != null) {
      f.add(Feature.FREQUENCY_PENALTY);
    }
    return f;
  }
}
