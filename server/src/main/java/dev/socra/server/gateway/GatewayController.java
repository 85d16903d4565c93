package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.ToolCall;
import dev.socra.server.KeyScrubber;
import dev.socra.server.account.SocraUser;
import dev.socra.server.observe.StreamOutcomes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger log = LoggerFactory.getLogger(GatewayController.class);
  private static final String JSON = "application/json";

  private final Router router;
  private final StreamOutcomes streams;
  private final KeyScrubber scrubber;
  private final byte[] modelList;
  private final Map<String, byte[]> models;

  GatewayController(Router router, StreamOutcomes streams, KeyScrubber scrubber) {
    this.router = router;
    this.streams = streams;
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
      writeError(response, unknownModel(model));
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
    CompletionRequest call;
    try {
      call = CompletionRequest.read(request.getInputStream(), user.id());
      if (!models.containsKey(call.route())) {
        throw unknownModel(call.route());
      }
      RouteFit.check(router, call.route(), call.needs());
    } catch (GatewayException e) {
      writeError(response, e);
      return;
    }
    String id = newId();
    long created = System.currentTimeMillis() / 1000;
    if (call.stream()) {
      stream(call, id, created, response);
    } else {
      whole(call, id, created, response);
    }
  }

  private void whole(CompletionRequest call, String id, long created, HttpServletResponse response)
      throws IOException {
    ChatResponse r;
    try {
      r = router.complete(call.chat());
    } catch (LlmCallException e) {
      writeError(response, CallFailures.of(e));
      return;
    } catch (RuntimeException e) {
      writeError(response, internal(e));
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(JSON);
    try (JsonGenerator g = OpenAiWire.generator(response.getOutputStream())) {
      OpenAiWire.completion(g, id, created, r, scrubber.text(r.text()), scrubbed(r.toolCalls()));
    } catch (IOException e) {
      // the client went away; the call was made and counted all the same
    }
  }

  private void stream(CompletionRequest call, String id, long created, HttpServletResponse response)
      throws IOException {
    SseAnswer sse =
        new SseAnswer(response, id, created, call.route(), call.includeUsage(), scrubber);
    ChatResponse r;
    GatewayException failure;
    try {
      r = router.stream(call.chat(), sse);
      sse.finish(r);
      streams.record("gateway", true);
      return;
    } catch (LlmCallException e) {
      failure = CallFailures.of(e);
    } catch (UncheckedIOException | IOException e) {
      if (sse.clientGone()) {
        // the client hung up: the router has stopped the call (its attempt is in the ledger as
        // abandoned), and no one is listening
        streams.record("gateway", false);
        return;
      }
      failure = internal(e);
    } catch (RuntimeException e) {
      if (sse.clientGone()) {
        streams.record("gateway", false);
        return;
      }
      failure = internal(e);
    }
    try {
      if (!sse.fail(failure)) {
        writeError(response, failure);
      }
    } catch (IOException e) {
      // the client went away while hearing about the failure
    }
  }

  /** Tool calls as a client may see them: ids, names and arguments scrubbed of provider keys. */
  private List<ToolCall> scrubbed(List<ToolCall> calls) {
    if (calls.isEmpty()) {
      return calls;
    }
    return calls.stream()
        .map(
            c ->
                new ToolCall(
                    scrubber.text(c.id()), scrubber.text(c.name()), scrubber.text(c.arguments())))
        .toList();
  }

  static GatewayException unknownModel(String model) {
    return CallFailures.notFound(
        "The model '"
            + model
            + "' does not exist: models are this server's routes; GET /v1/models lists them");
  }

  /** A bug of ours, not the caller's or a provider's: logged in full, reported without detail. */
  private static GatewayException internal(Exception e) {
    log.error("gateway call failed unexpectedly", e);
    return new GatewayException(
        500, "server_error", "internal_error", null, "the gateway failed; see the server log");
  }

  private void writeError(HttpServletResponse response, GatewayException e) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(e.status());
    response.setContentType(JSON);
    if (e.retryAfterSeconds() > 0) {
      response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    try (JsonGenerator g = OpenAiWire.generator(response.getOutputStream())) {
      OpenAiWire.error(g, e, scrubber.text(e.getMessage()));
    }
  }

  private static void send(HttpServletResponse response, byte[] body) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(JSON);
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
