package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.ToolCall;
import dev.socra.server.KeyScrubber;
import dev.socra.server.observe.StreamOutcomes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway call as both wire formats make it: the body read and its route checked, the router
 * called for the whole answer or a stream, a failure turned into an error status and body. What
 * differs between the formats comes in from the controller: how a body is read, how an answer, a
 * stream and an error body are written.
 */
final class GatewayCalls {
  private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);
  static final String JSON = "application/json";

  /** How a wire format reads a request body; a bad one is a {@link GatewayException}. */
  @FunctionalInterface
  interface Reading<C extends GatewayRequest> {
    C from(InputStream body) throws IOException;
  }

  /** How a wire format writes a whole answer, given its text and tool calls already scrubbed. */
  @FunctionalInterface
  interface Answer {
    void write(JsonGenerator g, ChatResponse r, String text, List<ToolCall> calls)
        throws IOException;
  }

  /** How a wire format writes an error body, given its message already scrubbed. */
  @FunctionalInterface
  interface ErrorBody {
    void write(JsonGenerator g, GatewayException e, String message) throws IOException;
  }

  private final Router router;
  private final StreamOutcomes streams;
  private final KeyScrubber scrubber;
  private final Set<String> routes;
  private final ErrorBody errors;

  GatewayCalls(Router router, StreamOutcomes streams, KeyScrubber scrubber, ErrorBody errors) {
    this.router = router;
    this.streams = streams;
    this.scrubber = scrubber;
    this.routes = Set.copyOf(router.config().routes().keySet());
    this.errors = errors;
  }

  /**
   * The request read, its route known and able to serve it; null when it was not, and the error has
   * been answered.
   */
  <C extends GatewayRequest> C admit(
      HttpServletRequest request, HttpServletResponse response, Reading<C> reading)
      throws IOException {
    try {
      C call = reading.from(request.getInputStream());
      if (!routes.contains(call.route())) {
        throw unknownModel(call.route());
      }
      RouteFit.check(router, call.route(), call.needs());
      return call;
    } catch (GatewayException e) {
      writeError(response, e);
      return null;
    }
  }

  void whole(GatewayRequest call, HttpServletResponse response, Answer answer) throws IOException {
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
      answer.write(g, r, scrubber.text(r.text()), scrubbed(r.toolCalls()));
    } catch (IOException e) {
      // the client went away; the call was made and counted all the same
    }
  }

  void stream(GatewayRequest call, GatewayStream sse, HttpServletResponse response)
      throws IOException {
    GatewayException failure;
    try {
      ChatResponse r = router.stream(call.chat(), sse);
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

  /** The error as a plain status and body, unless a stream has already begun the answer. */
  void writeError(HttpServletResponse response, GatewayException e) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(e.status());
    response.setContentType(JSON);
    if (e.retryAfterSeconds() > 0) {
      response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    try (JsonGenerator g = OpenAiWire.generator(response.getOutputStream())) {
      errors.write(g, e, scrubber.text(e.getMessage()));
    }
  }

  static GatewayException unknownModel(String model) {
    return CallFailures.notFound(
        "The model '"
            + model
            + "' does not exist: models are this server's routes; GET /v1/models lists them");
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

  /** A bug of ours, not the caller's or a provider's: logged in full, reported without detail. */
  private static GatewayException internal(Exception e) {
    log.error("gateway call failed unexpectedly", e);
    return new GatewayException(
        500, "server_error", "internal_error", null, "the gateway failed; see the server log");
  }
}
