package dev.socra.server.gateway;

import dev.socra.llm.ChatRequest;
import java.util.List;

/** A request to the gateway in either wire format, once read into the router's terms. */
sealed interface GatewayRequest permits CompletionRequest, MessagesRequest {
  ChatRequest chat();

  /** The route the {@code model} field names. */
  String route();

  /** Answer as server-sent events. */
  boolean stream();

  /** What a target must take to honour the request, each with the field that asks it. */
  List<RouteFit.Need> needs();
}
