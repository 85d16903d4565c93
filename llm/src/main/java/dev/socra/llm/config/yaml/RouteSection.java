package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.socra.llm.config.RouteOrder;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code routes:}: a list of targets ({@code [groq, google]} or {@code groq,google}),
 * or {@code { order: cheapest-first, targets: [...] }}.
 */
@JsonDeserialize(using = RouteSection.Reader.class)
public record RouteSection(List<String> targets, RouteOrder order) {
  public RouteSection {
    targets = targets == null ? List.of() : targets.stream().filter(Objects::nonNull).toList();
    order = order == null ? RouteOrder.PRIORITY : order;
  }

  /** The long form. */
  record Written(
      @JsonDeserialize(using = TargetsDeserializer.class) List<String> targets, RouteOrder order) {}

  static final class Reader extends StdDeserializer<RouteSection> {
    Reader() {
      super(RouteSection.class);
    }

    @Override
    public RouteSection deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.START_OBJECT) {
        Written w = ctxt.readValue(p, Written.class);
        return new RouteSection(w.targets(), w.order());
      }
      return new RouteSection(new TargetsDeserializer().deserialize(p, ctxt), null);
    }

    @Override
    public RouteSection getNullValue(DeserializationContext ctxt) throws SettingMismatch {
      throw new SettingMismatch(ctxt.getParser(), List.class, TargetsDeserializer.EXPECTED);
    }
  }
}
