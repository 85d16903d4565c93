package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One value under {@code headers:}: text, sent as written, or {@code { env: VARIABLE }}, a secret
 * read from the environment (an Azure {@code api-key}), never written in the file.
 */
@JsonDeserialize(using = HeaderValueSection.Reader.class)
public record HeaderValueSection(String value, String env) {

  static final class Reader extends StdDeserializer<HeaderValueSection> {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String EXPECTED =
        "text, or { env: VARIABLE } for a secret read from the environment";

    Reader() {
      super(HeaderValueSection.class);
    }

    @Override
    public HeaderValueSection deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return new HeaderValueSection(p.getText(), null);
      }
      if (p.currentToken() == JsonToken.START_OBJECT) {
        JsonNode node = p.readValueAsTree();
        JsonNode env = node.get("env");
        if (node.size() == 1
            && env != null
            && env.isTextual()
            && VARIABLE.matcher(env.asText().strip()).matches()) {
          return new HeaderValueSection(null, env.asText().strip());
        }
      }
      throw new SettingMismatch(p, HeaderValueSection.class, EXPECTED);
    }
  }
}
