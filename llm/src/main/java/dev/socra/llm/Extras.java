package dev.socra.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.config.Protocol;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Request fields with no common name, per wire protocol: added as they are to the body of every
 * request to a target of that protocol (Anthropic's {@code top_k}, say), and to no other. An extra
 * never replaces a field the adapter writes itself (model, messages, tools, the output cap …).
 */
public record Extras(Map<Protocol, Map<String, JsonNode>> byProtocol) {
  public static final Extras NONE = new Extras(Map.of());

  public Extras {
    EnumMap<Protocol, Map<String, JsonNode>> copy = new EnumMap<>(Protocol.class);
    byProtocol.forEach(
        (p, fields) -> {
          Map<String, JsonNode> f = new LinkedHashMap<>();
          fields.forEach((k, v) -> f.put(Objects.requireNonNull(k), v.deepCopy()));
          if (!f.isEmpty()) {
            copy.put(p, java.util.Collections.unmodifiableMap(f));
          }
        });
    byProtocol = java.util.Collections.unmodifiableMap(copy);
  }

  /** The fields for targets speaking {@code protocol}; empty when there are none. */
  public Map<String, JsonNode> of(Protocol protocol) {
    return byProtocol.getOrDefault(protocol, Map.of());
  }

  /** These extras with {@code name} set to {@code value} for {@code protocol}. */
  public Extras with(Protocol protocol, String name, JsonNode value) {
    Map<Protocol, Map<String, JsonNode>> more = new EnumMap<>(Protocol.class);
    more.putAll(byProtocol);
    Map<String, JsonNode> fields = new LinkedHashMap<>(of(protocol));
    fields.put(name, value);
    more.put(protocol, fields);
    return new Extras(more);
  }

  public boolean isEmpty() {
    return byProtocol.isEmpty();
  }
}
