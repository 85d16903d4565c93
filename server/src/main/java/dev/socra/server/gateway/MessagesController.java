package dev.socra.server.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.socra.llm.Router;
import dev.socra.llm.tokens.TokenEstimator;
import dev.socra.server.KeyScrubber;
import dev.socra.server.account.SocraUser;
import dev.socra.server.observe.StreamOutcomes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
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
  private final GatewayCalls calls;
  private final KeyScrubber scrubber;
  private final TokenEstimator tokens = new TokenEstimator();

  MessagesController(Router router, StreamOutcomes streams, KeyScrubber scrubber) {
    this.calls = new GatewayCalls(router, streams, scrubber, AnthropicWire::error);
    this.scrubber = scrubber;
  }

  @PostMapping("/messages")
  void messages(
      @AuthenticationPrincipal SocraUser user,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    MessagesRequest call =
        calls.admit(request, response, body -> MessagesRequest.read(body, user.id(), false));
    if (call == null) {
      return;
    }
    String id = newId();
    if (call.stream()) {
      int inputEstimate = tokens.countInput(call.chat(), null);
      calls.stream(
          call, new AnthropicSse(response, id, call.route(), inputEstimate, scrubber), response);
    } else {
      calls.whole(
          call,
          response,
          (g, r, text, toolCalls) -> AnthropicWire.message(g, id, r, text, toolCalls));
    }
  }

  /** The router's estimate of the request's input tokens: what a call would be budgeted as. */
  @PostMapping("/messages/count_tokens")
  void countTokens(
      @AuthenticationPrincipal SocraUser user,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    MessagesRequest call =
        calls.admit(request, response, body -> MessagesRequest.read(body, user.id(), true));
    if (call == null) {
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(GatewayCalls.JSON);
    try (JsonGenerator g = OpenAiWire.generator(response.getOutputStream())) {
      AnthropicWire.count(g, tokens.countInput(call.chat(), null));
    }
  }

  /** {@code msg_} and 128 random bits, as Anthropic's ids look. */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "msg_" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
  }
}
