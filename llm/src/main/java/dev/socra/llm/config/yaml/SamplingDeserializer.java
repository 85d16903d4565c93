package dev.socra.llm.config.yaml;

import dev.socra.llm.config.Feature;

/** One word of {@code sampling: [temperature, top_p, stop, seed, …]}. */
final class SamplingDeserializer extends WordDeserializer<Feature> {
  SamplingDeserializer() {
    super(
        Feature.class,
        "temperature, top_p, stop, seed, frequency_penalty or presence_penalty",
        (word, lower) ->
            Feature.SAMPLING.stream().filter(f -> f.wireName().equals(lower)).findFirst());
  }
}
