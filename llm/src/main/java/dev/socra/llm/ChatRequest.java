package dev.socra.llm;

import dev.socra.llm.route.TargetId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * @param tags who and what the call is for ({@link #TAG_USER}, {@link #TAG_SESSION}, {@link
 *     #TAG_STAGE}, or any other key): never sent to a provider, but carried on every {@link
 *     dev.socra.llm.event.RouterEvent} of the call, for ledgers, metrics and traces
 * @param tools tools the model may ask for; only targets that take tools serve such a request
 * @param toolChoice whether and which tool the model must call; null for the provider's default
 * @param parallelToolCalls whether the model may ask for several tools at once; null for the
 *     provider's default (OpenAI's {@code parallel_tool_calls}, Anthropic's {@code
 *     disable_parallel_tool_use} the other way round)
 * @param sampling temperature, top_p, stop, seed, penalties: each sent only to targets that take it
 * @param extras fields with no common name, per protocol
 */
public record ChatRequest(
    String system,
    List<Message> messages,
    int maxTokens,
    ResponseFormat format,
    String route,
    Duration deadline,
    Set<TargetId> avoid,
    Map<String, String> tags,
    List<Tool> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    Sampling sampling,
    Extras extras) {

  public static final String DEFAULT_ROUTE = "default";
  public static final int DEFAULT_MAX_TOKENS = 1024;

  /** Tag: the user the call is made for (a user id on the server, {@code local} in a terminal). */
  public static final String TAG_USER = "user";

  /** Tag: the session the call belongs to. */
  public static final String TAG_SESSION = "session";

  /** Tag: the kind of call, e.g. {@code specialist-market}. */
  public static final String TAG_STAGE = "stage";

  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one message");
    }
    if (messages.getLast().role() == Role.ASSISTANT) {
      throw new IllegalArgumentException(
          "the last message of a request must be the user's (or a tool's result)");
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
    }
    format = Objects.requireNonNullElse(format, ResponseFormat.TEXT);
    route = Objects.requireNonNullElse(route, DEFAULT_ROUTE);
    avoid = avoid == null ? Set.of() : Set.copyOf(avoid);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    tools = tools == null ? List.of() : List.copyOf(tools);
    sampling = Objects.requireNonNullElse(sampling, Sampling.DEFAULT);
    extras = Objects.requireNonNullElse(extras, Extras.NONE);
    ToolConversation.check(messages, tools, toolChoice);
  }

  /** A request without tools, sampling or extras. */
  public ChatRequest(
      String system,
      List<Message> messages,
      int maxTokens,
      ResponseFormat format,
      String route,
      Duration deadline,
      Set<TargetId> avoid,
      Map<String, String> tags) {
    this(
        system, messages, maxTokens, format, route, deadline, avoid, tags, null, null, null, null,
        null);
  }

  /** A request without tags. */
  public ChatRequest(
      String system,
      List<Message> messages,
      int maxTokens,
      ResponseFormat format,
      String route,
      Duration deadline,
      Set<TargetId> avoid) {
    this(system, messages, maxTokens, format, route, deadline, avoid, Map.of());
  }

  public static ChatRequest of(String prompt) {
    return new ChatRequest(
        null,
        List.of(Message.user(prompt)),
        DEFAULT_MAX_TOKENS,
        ResponseFormat.TEXT,
        null,
        null,
        Set.of(),
        Map.of());
  }

  public ChatRequest withSystem(String value) {
    return new ChatRequest(
        value,
        messages,
        maxTokens,
        format,
        route,
        deadline,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  public ChatRequest withMaxTokens(int value) {
    return new ChatRequest(
        system,
        messages,
        value,
        format,
        route,
        deadline,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  public ChatRequest withFormat(ResponseFormat value) {
    return new ChatRequest(
        system,
        messages,
        maxTokens,
        value,
        route,
        deadline,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  public ChatRequest withRoute(String value) {
    return new ChatRequest(
        system,
        messages,
        maxTokens,
        format,
        value,
        deadline,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  public ChatRequest withDeadline(Duration value) {
    return new ChatRequest(
        system,
        messages,
        maxTokens,
        format,
        route,
        value,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  public ChatRequest withMessages(List<Message> value) {
    return new ChatRequest(
        system,
        value,
        maxTokens,
        format,
        route,
        deadline,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  public ChatRequest avoiding(TargetId target) {
    Set<TargetId> more = new HashSet<>(avoid);
    more.add(target);
    return new ChatRequest(
        system,
        messages,
        maxTokens,
        format,
        route,
        deadline,
        more,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  /** These tags instead of the request's own. */
  public ChatRequest withTags(Map<String, String> value) {
    return new ChatRequest(
        system,
        messages,
        maxTokens,
        format,
        route,
        deadline,
        avoid,
        value,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        extras);
  }

  /**
   * These tools, with this choice (null: the provider's default) and parallel setting (null: the
   * provider's default).
   */
  public ChatRequest withTools(List<Tool> value, ToolChoice choice, Boolean parallel) {
    return new ChatRequest(
        system, messages, maxTokens, format, route, deadline, avoid, tags, value, choice, parallel,
        sampling, extras);
  }

  public ChatRequest withSampling(Sampling value) {
    return new ChatRequest(
        system,
        messages,
        maxTokens,
        format,
        route,
        deadline,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        value,
        extras);
  }

  /** The request's sampling with this temperature. */
  public ChatRequest withTemperature(double value) {
    return withSampling(sampling.withTemperature(value));
  }

  public ChatRequest withExtras(Extras value) {
    return new ChatRequest(
        system,
        messages,
        maxTokens,
        format,
        route,
        deadline,
        avoid,
        tags,
        tools,
        toolChoice,
        parallelToolCalls,
        sampling,
        value);
  }

  /** The request's tags with {@code key} set to {@code value}; a null value removes the key. */
  public ChatRequest withTag(String key, String value) {
    Objects.requireNonNull(key, "key");
    Map<String, String> more = new HashMap<>(tags);
    if (value == null) {
      more.remove(key);
    } else {
      more.put(key, value);
    }
    return withTags(more);
  }

  /** The last user message: what the call is about. */
  public String lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).content();
      }
    }
    return messages.getLast().content();
  }

  /** True when the request defines tools or its conversation holds tool calls or results. */
  public boolean usesTools() {
    if (!tools.isEmpty()) {
      return true;
    }
    for (Message m : messages) {
      if (m.role() == Role.TOOL || !m.toolCalls().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The images of every message, in order. */
  public List<Part.Image> images() {
    List<Part.Image> all = new ArrayList<>();
    for (Message m : messages) {
      if (!m.textOnly()) {
        all.addAll(m.images());
      }
    }
    return all;
  }
}
