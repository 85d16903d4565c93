package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;

/** A route's targets: a list ({@code [groq, google]}) or one comma-separated text. */
final class TargetsDeserializer extends StdDeserializer<List<String>> {
  static final String EXPECTED = "a list of targets";

  TargetsDeserializer() {
    super(List.class);
  }

  @Override
  public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return List.of(p.getText().split(","));
    }
    if (p.currentToken() == JsonToken.START_ARRAY) {
      JavaType strings = ctxt.getTypeFactory().constructCollectionType(List.class, String.class);
      return ctxt.readValue(p, strings);
    }
    throw new SettingMismatch(p, List.class, EXPECTED);
  }
}
