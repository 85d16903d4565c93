package dev.socra.llm;

import dev.socra.llm.route.TargetId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One call to the router: Socra's own request type, independent of any provider's wire format.
 *
 * @param route the named route to use; {@code "default"} unless the caller picks another
 * @param deadline the whole call's time budget, across every attempt; null means the configured
 *     default
 * @param avoid targets this call must not use: a caller whose last answer from one was unusable
 *     (invalid JSON twice, say) asks for another
 */
public record ChatRequest(
    String system,
    List<Message> messages,
    int maxTokens,
    ResponseFormat format,
    String route,
    Duration deadline,
    Set<TargetId> avoid) {

  public static final String DEFAULT_ROUTE = "default";
  public static final int DEFAULT_MAX_TOKENS = 1024;

  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one message");
    }
    if (messages.getLast().role() != Role.USER) {
      throw new IllegalArgumentException("the last message of a request must be the user's");
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
    }
    format = Objects.requireNonNullElse(format, ResponseFormat.TEXT);
    route = Objects.requireNonNullElse(route, DEFAULT_ROUTE);
    avoid = avoid == null ? Set.of() : Set.copyOf(avoid);
  }

  public static ChatRequest of(String prompt) {
    return new ChatRequest(
        null,
        List.of(Message.user(prompt)),
        DEFAULT_MAX_TOKENS,
        ResponseFormat.TEXT,
        null,
        null,
        Set.of());
  }

  public ChatRequest withSystem(String value) {
    return new ChatRequest(value, messages, maxTokens, format, route, deadline, avoid);
  }

  public ChatRequest withMaxTokens(int value) {
    return new ChatRequest(system, messages, value, format, route, deadline, avoid);
  }

  public ChatRequest withFormat(ResponseFormat value) {
    return new ChatRequest(system, messages, maxTokens, value, route, deadline, avoid);
  }

  public ChatRequest withRoute(String value) {
    return new ChatRequest(system, messages, maxTokens, format, value, deadline, avoid);
  }

  public ChatRequest withDeadline(Duration value) {
    return new ChatRequest(system, messages, maxTokens, format, route, value, avoid);
  }

  public ChatRequest withMessages(List<Message> value) {
    return new ChatRequest(system, value, maxTokens, format, route, deadline, avoid);
  }

  public ChatRequest avoiding(TargetId target) {
    Set<TargetId> more = new java.util.HashSet<>(avoid);
    more.add(target);
    return new ChatRequest(system, messages, maxTokens, format, route, deadline, more);
  }

  /** The last user message: what the call is about. */
  public String lastUserMessage() {
    return messages.getLast().content();
  }
}
