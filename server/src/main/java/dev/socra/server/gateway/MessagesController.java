package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.ToolCall;
import dev.socra.llm.tokens.TokenEstimator;
import dev.socra.server.KeyScrubber;
import dev.socra.server.account.SocraUser;
import dev.socra.server.observe.StreamOutcomes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anthropic's Messages API over Socra's routes: a client built on Anthropic's SDK (Claude Code
 * among them, through {@code ANTHROPIC_BASE_URL}) sends a Socra API token as its key ({@code
 * x-api-key} or a bearer token) and a route as its {@code model}. The same routes serve both
 * endpoints: a route of OpenAI-protocol targets answers an Anthropic client, and the reverse.
 * Errors come in Anthropic's shape. See docs/gateway.md.
 */
@RestController
@RequestMapping("/v1")
class MessagesController {
  private static final Logger log = LoggerFactory.getLogger(MessagesController.class);
  private static final String JSON = "application/json";

  private final Router router;
  private final StreamOutcomes streams;
  private final KeyScrubber scrubber;
  private final Set<String> routes;
  private final TokenEstimator tokens = new TokenEstimator();

  MessagesController(Router router, StreamOutcomes streams, KeyScrubber scrubber) {
    this.router = router;
    this.streams = streams;
    this.scrubber = scrubber;
    this.routes = Set.copyOf(router.config().routes().keySet());
  }

  @PostMapping("/messages")
  void messages(
      @AuthenticationPrincipal SocraUser user,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    MessagesRequest call;
    try {
      call = read(request, user, false);
    } catch (GatewayException e) {
      writeError(response, e);
      return;
    }
    String id = newId();
    if (call.stream()) {
      stream(call, id, response);
    } else {
      whole(call, id, response);
    }
  }

  /** The router's estimate of the request's input tokens: what a call would be budgeted as. */
  @PostMapping("/messages/count_tokens")
  void countTokens(
      @AuthenticationPrincipal SocraUser user,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    MessagesRequest call;
    try {
      call = read(request, user, true);
    } catch (GatewayException e) {
      writeError(response, e);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(JSON);
    try (JsonGenerator g = OpenAiWire.generator(response.getOutputStream())) {
      AnthropicWire.count(g, tokens.countInput(call.chat(), null));
    }
  }

  private MessagesRequest read(HttpServletRequest request, SocraUser user, boolean counting)
      throws IOException {
    MessagesRequest call = MessagesRequest.read(request.getInputStream(), user.id(), counting);
    if (!routes.contains(call.route())) {
      throw GatewayController.unknownModel(call.route());
    }
    RouteFit.check(router, call.route(), call.needs());
    return call;
  }

  private void whole(MessagesRequest call, String id, HttpServletResponse response)
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
      AnthropicWire.message(g, id, r, scrubber.text(r.text()), scrubbed(r.toolCalls()));
    } catch (IOException e) {
      // the client went away; the call was made and counted all the same
    }
  }

  private void stream(MessagesRequest call, String id, HttpServletResponse response)
      throws IOException {
    AnthropicSse sse =
        new AnthropicSse(
            response, id, call.route(), tokens.countInput(call.chat(), null), scrubber);
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

  private List<ToolCall> scrubbed(List<ToolCall> calls) {
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
      AnthropicWire.error(g, e, scrubber.text(e.getMessage()));
    }
  }

  /** {@code msg_} and 128 random bits, as Anthropic's ids look. */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "msg_" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
  }
}
