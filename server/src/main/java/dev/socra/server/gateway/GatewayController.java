package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.socra.llm.Router;
import dev.socra.server.KeyScrubber;
import dev.socra.server.account.SocraUser;
import dev.socra.server.observe.StreamOutcomes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAI-compatible gateway: any OpenAI client, with a Socra API token as its key, calls
 * Socra's routes as models and gets fail-over, budgets and the ledger for free. {@code model} names
 * a route; the answer's {@code model} names the target that served it. See docs/gateway.md.
 *
 * <p>Requests and answers are read and written here directly (the servlet streams, Jackson's
 * streaming generator), not through Spring's message converters: the wire format is OpenAI's and
 * exact, streams flush per token, and the gateway's own cost per call stays small.
 */
@RestController
@RequestMapping("/v1")
class GatewayController {
  private final GatewayCalls calls;
  private final KeyScrubber scrubber;
  private final byte[] modelList;
  private final Map<String, byte[]> models;

  GatewayController(Router router, StreamOutcomes streams, KeyScrubber scrubber) {
    this.calls = new GatewayCalls(router, streams, scrubber, OpenAiWire::error);
    this.scrubber = scrubber;
    // Routes never change while the router lives, so their listing is written once.
    long created = System.currentTimeMillis() / 1000;
    Map<String, byte[]> each = new LinkedHashMap<>();
    for (String route : router.config().routes().keySet()) {
      each.put(route, bytes(g -> model(g, route, created)));
    }
    this.models = Map.copyOf(each);
    this.modelList =
        bytes(
            g -> {
              g.writeStartObject();
              g.writeStringField("object", "list");
              g.writeArrayFieldStart("data");
              for (String route : each.keySet()) {
                model(g, route, created);
              }
              g.writeEndArray();
              g.writeEndObject();
            });
  }

  @GetMapping("/models")
  void models(HttpServletResponse response) throws IOException {
    send(response, modelList);
  }

  @GetMapping("/models/{model}")
  void model(@PathVariable String model, HttpServletResponse response) throws IOException {
    byte[] m = models.get(model);
    if (m == null) {
      calls.writeError(response, GatewayCalls.unknownModel(model));
      return;
    }
    send(response, m);
  }

  @PostMapping("/chat/completions")
  void complete(
      @AuthenticationPrincipal SocraUser user,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    CompletionRequest call =
        calls.admit(request, response, body -> CompletionRequest.read(body, user.id()));
    if (call == null) {
      return;
    }
    String id = newId();
    long created = System.currentTimeMillis() / 1000;
    if (call.stream()) {
      calls.stream(
          call,
          new SseAnswer(response, id, created, call.route(), call.includeUsage(), scrubber),
          response);
    } else {
      calls.whole(
          call,
          response,
          (g, r, text, toolCalls) -> OpenAiWire.completion(g, id, created, r, text, toolCalls));
    }
  }

  private static void send(HttpServletResponse response, byte[] body) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(GatewayCalls.JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** {@code chatcmpl-} and 128 random bits: unique enough for a client to tell answers apart. */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "chatcmpl-" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
  }

  private static void model(JsonGenerator g, String route, long created) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", route);
    g.writeStringField("object", "model");
    g.writeNumberField("created", created);
    g.writeStringField("owned_by", "socra");
    g.writeEndObject();
  }

  private interface Writing {
    void to(JsonGenerator g) throws IOException;
  }

  private static byte[] bytes(Writing w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = OpenAiWire.generator(out)) {
      w.to(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
