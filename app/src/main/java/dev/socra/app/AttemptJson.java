package dev.socra.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socra.llm.Attempt;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Usage;
import java.util.List;

/** The JSON that {@code socra llm --json} prints: the answer and every attempt behind it. */
final class AttemptJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AttemptJson() {}

  static String success(ChatResponse r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", r.text());
    root.put("served_by", r.servedBy().toString());
    root.put("finish_reason", r.finishReason());
    usage(root.putObject("usage"), r.usage());
    root.put("cost_usd", r.cost());
    attempts(root.putArray("attempts"), r.attempts());
    return root.toString();
  }

  static String failure(LlmCallException e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("kind", e.failure().name().toLowerCase(java.util.Locale.ROOT));
    error.put("message", e.getMessage());
    root.put("partial_text", e.partialText());
    attempts(root.putArray("attempts"), e.attempts());
    return root.toString();
  }

  private static void attempts(ArrayNode out, List<Attempt> attempts) {
    for (Attempt a : attempts) {
      ObjectNode n = out.addObject();
      n.put("number", a.number());
      n.put("target", a.target().toString());
      n.put("provider", a.target().provider());
      n.put("model", a.target().model());
      n.put("outcome", a.outcome().kind());
      n.put("detail", a.outcome().detail());
      n.put("http_status", a.httpStatus());
      n.put("started_at", a.startedAt().toString());
      n.put("latency_ms", a.latency().toMillis());
      if (a.timeToFirstToken() != null) {
        n.put("ttft_ms", a.timeToFirstToken().toMillis());
      } else {
        n.putNull("ttft_ms");
      }
      usage(n, a.usage());
      n.put("cost_usd", a.cost());
      n.put("continuation", a.continuation());
    }
  }

  private static void usage(ObjectNode n, Usage u) {
    n.put("input_tokens", u.inputTokens());
    n.put("output_tokens", u.outputTokens());
    n.put("estimated", u.estimated());
  }
}
