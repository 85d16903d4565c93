package dev.socra.llm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        case "POST script" -> {
          JsonNode body = body(request);
          JsonNode when = body.path("systemContains");
          state.scripts.set(
              body.path("model").asText(""),
              when.isTextual() ? when.asText() : null,
              replies(body.path("replies")));
          yield ok();
        }
        case "POST tool-call" -> {
          JsonNode body = body(request);
          JsonNode name = body.path("name");
          state.toolScripts.set(
              body.path("model").asText(""),
              name.isTextual() ? name.asText() : null,
              body.path("arguments").isTextual() ? body.path("arguments").asText() : null);
          yield ok();
        }
        case "POST limits" -> {
          JsonNode body = body(request);
          state.limiter.setLimits(
              new RateLimits(
                  body.path("tpm").asInt(0), body.path("rpm").asInt(0), body.path("rpd").asInt(0)));
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

  /** A JSON array of strings, or null for an explicit {@code null} (removal). */
  private static List<String> replies(JsonNode replies) throws IOException {
    if (replies.isNull()) {
      return null;
    }
    if (!replies.isArray()) {
      throw new IOException("replies must be an array of strings, or null to remove the script");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode reply : replies) {
      if (!reply.isTextual()) {
        throw new IOException("replies must be strings");
      }
      texts.add(reply.asText());
    }
    return texts;
  }

  private static Reply ok() {
    return Reply.json(200, Json.object().put("ok", true));
  }

  private static Reply error(int status, String message) {
    return Reply.json(status, Json.object().put("ok", false).put("error", message));
  }
}
