package dev.socra.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.socra.llm.Router;
import dev.socra.llm.config.SecretStream;
import dev.socra.llm.config.Secrets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The server's edges scrub provider keys from everything that leaves it: model text and provider
 * messages on their way to a client (API and gateway answers, stream events, pages), to the
 * database, to logs and to traces. The router scrubs what a provider sends, piece by piece; a key a
 * model writes across two stream events, or that reaches the server some other way, is caught here.
 * What counts as a key, in which encodings: {@link Secrets}.
 */
@Component
public class KeyScrubber {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Secrets secrets;

  public KeyScrubber(Router router) {
    this.secrets = new Secrets(router.config());
  }

  public Secrets secrets() {
    return secrets;
  }

  /** Text with every configured key replaced by its fingerprint. */
  public String text(String text) {
    return secrets.redact(text);
  }

  /**
   * A JSON document with every key replaced in its strings. Scrubbed as text when that leaves it
   * valid JSON; otherwise (a key spread over two strings) string by string.
   */
  public String json(String json) {
    String out = secrets.redact(json);
    if (out == null || out.equals(json)) {
      return out;
    }
    try {
      JSON.readTree(out);
      return out;
    } catch (JsonProcessingException broken) {
      try {
        return JSON.writeValueAsString(strings(JSON.readTree(json)));
      } catch (JsonProcessingException e) {
        return out; // was not JSON to begin with
      }
    }
  }

  private JsonNode strings(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(secrets.redact(node.textValue()));
    }
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        o.set(name, strings(o.get(name)));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, strings(a.get(i)));
      }
    }
    return node;
  }

  /** A scrubber for one stream of tokens. */
  public SecretStream stream() {
    return secrets.stream();
  }
}
