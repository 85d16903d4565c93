package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A setting written as one word from a known set ({@code openai}, {@code cheapest-first}) or in a
 * known format (a date): surrounding spaces do not matter, and {@code parse} is given the word as
 * written and in lower case.
 */
class WordDeserializer<T> extends StdScalarDeserializer<T> {
  private final String expected;
  private final BiFunction<String, String, Optional<T>> parse;

  /** {@code parse} takes the word in lower case. */
  WordDeserializer(Class<T> type, String expected, Function<String, Optional<T>> parse) {
    this(type, expected, (word, lower) -> parse.apply(lower));
  }

  WordDeserializer(Class<T> type, String expected, BiFunction<String, String, Optional<T>> parse) {
    super(type);
    this.expected = expected;
    this.parse = parse;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String word = p.getText().strip();
      Optional<T> value = parse.apply(word, word.toLowerCase(Locale.ROOT));
      if (value.isPresent()) {
        return value.get();
      }
    }
    throw new SettingMismatch(p, handledType(), expected);
  }
}
