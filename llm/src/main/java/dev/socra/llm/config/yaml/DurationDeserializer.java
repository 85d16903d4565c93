package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import dev.socra.llm.outcome.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Go-style durations ({@code 250ms}, {@code 1m30s}) or a number of seconds; never negative. */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {
  static final String EXPECTED = "a duration like 20s, 250ms or 1m30s";

  DurationDeserializer() {
    super(Duration.class);
  }

  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    Optional<Duration> d =
        switch (p.currentToken()) {
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> seconds(p.getDoubleValue());
          case VALUE_STRING -> Durations.parseGo(p.getText());
          default -> Optional.empty();
        };
    if (d.isEmpty() || d.get().isNegative()) {
      throw new SettingMismatch(p, Duration.class, EXPECTED);
    }
    return d.get();
  }

  private static Optional<Duration> seconds(double value) {
    return Double.isFinite(value)
        ? Optional.of(Duration.ofMillis(Math.round(value * 1000)))
        : Optional.empty();
  }
}
