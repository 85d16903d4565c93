package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;

/**
 * The {@code /_control/} endpoints, so a fake running in another process (the app's {@code
 * fake-provider} command) can be inspected and steered over HTTP like the in-process API.
 */
final class ControlApi {

  static final String PREFIX = "/_control/";

  private final ProviderState state;

  ControlApi(ProviderState state) {
    this.state = state;
  }

  Reply handle(RawRequest request) {
    String action = request.method() + " " + request.path().substring(PREFIX.length());
    try {
      return switch (action) {
        case "GET attempts" -> Reply.json(200, Json.MAPPER.valueToTree(state.log.snapshot()));
        case "POST reset" -> {
          state.reset();
          yield ok();
        }
        case "POST behaviour" -> {
          JsonNode body = body(request);
          String model = body.path("model").asText("");
          if (model.isEmpty()) {
            yield error(400, "model is required");
          }
          JsonNode directives = body.path("directives");
          state.behaviours.override(model, directives.isTextual() ? directives.asText() : null);
          yield ok();
        }
        case "POST limits" -> {
          JsonNode body = body(request);
          state.limiter.setLimits(
              new RateLimits(body.path("tpm").asInt(0), body.path("rpm").asInt(0)));
          yield ok();
        }
        case "POST token-delay" -> {
          state.setTokenDelay(Duration.ofMillis(body(request).path("ms").asLong(0)));
          yield ok();
        }
        default -> error(404, "unknown control endpoint: " + action);
      };
    } catch (IOException | IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
  }

  private static JsonNode body(RawRequest request) throws IOException {
    JsonNode body = Json.parse(request.body());
    if (body == null || !body.isObject()) {
      throw new IOException("a JSON object body is required");
    }
    return body;
  }

  private static Reply ok() {
    return Reply.json(200, Json.object().put("ok", true));
  }

  private static Reply error(int status, String message) {
    return Reply.json(status, Json.object().put("ok", false).put("error", message));
  }
}
