package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/** A rate limit: a whole number, 0 meaning no limit. */
final class CountDeserializer extends StdScalarDeserializer<Long> {
  CountDeserializer() {
    super(Long.class);
  }

  @Override
  public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        && p.getLongValue() >= 0) {
      return p.getLongValue();
    }
    throw new SettingMismatch(p, Long.class, "a whole number, 0 for no limit");
  }
}
