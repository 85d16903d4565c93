package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete, non-streamed HTTP response: status, extra headers, content type and body. */
record Reply(int status, Map<String, String> headers, String contentType, byte[] body) {

  Reply {
    headers = new LinkedHashMap<>(headers);
  }

  static Reply json(int status, JsonNode body) {
    return new Reply(status, Map.of(), "application/json", Json.bytes(body));
  }

  static Reply text(int status, String contentType, String body) {
    return new Reply(status, Map.of(), contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy carrying {@code more} headers in addition to (and overriding) the present ones. */
  Reply withHeaders(Map<String, String> more) {
    Map<String, String> merged = new LinkedHashMap<>(headers);
    merged.putAll(more);
    return new Reply(status, merged, contentType, body);
  }
}
