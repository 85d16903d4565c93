package dev.socra.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import dev.socra.core.session.StageUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of the pipeline as its card shows it: waiting, running, done or failed; which provider
 * served it, how long it took and how many tokens it used; and a calm note when a provider failed
 * and another served instead.
 */
record StageCard(
    String stage,
    String label,
    String state,
    String servedBy,
    String seconds,
    Integer inputTokens,
    Integer outputTokens,
    boolean retried,
    boolean reused,
    String reason) {

  static StageCard waiting(Stage s) {
    return new StageCard(s.id(), s.label(), "waiting", "", "", null, null, false, false, null);
  }

  /** A stage as the stored session shows it: done with its usage, else waiting. */
  static StageCard stored(Session session, Stage s) {
    if (!session.results().containsKey(s)) {
      return waiting(s);
    }
    StageUsage u = session.usage().get(s);
    return new StageCard(
        s.id(),
        s.label(),
        "done",
        u == null ? "" : String.join(", ", u.servedBy()),
        "",
        u == null ? null : u.inputTokens(),
        u == null ? null : u.outputTokens(),
        u != null && u.retried(),
        false,
        null);
  }

  /** A pipeline {@code stage} event (the API's JSON). */
  static StageCard of(JsonNode e) {
    String state =
        switch (e.path("state").asText("")) {
          case "started" -> "running";
          case "finished", "reused" -> "done";
          case "failed" -> "failed";
          default -> "waiting";
        };
    List<String> served = new ArrayList<>();
    e.path("servedBy").forEach(n -> served.add(n.asText()));
    JsonNode seconds = e.path("seconds");
    return new StageCard(
        e.path("stage").asText(),
        e.path("label").asText(),
        state,
        String.join(", ", served),
        seconds.isNumber() ? String.format(Locale.ROOT, "%.1f s", seconds.asDouble()) : "",
        e.path("inputTokens").isNumber() ? e.path("inputTokens").asInt() : null,
        e.path("outputTokens").isNumber() ? e.path("outputTokens").asInt() : null,
        e.path("retried").asBoolean(false),
        e.path("state").asText("").equals("reused"),
        e.hasNonNull("reason") ? e.path("reason").asText() : null);
  }

  public String stateLabel() {
    return switch (state) {
      case "running" -> "Running";
      case "done" -> reused ? "Done (kept from before)" : "Done";
      case "failed" -> "Stopped";
      default -> "Waiting";
    };
  }

  public boolean specialist() {
    return stage.startsWith("specialist-");
  }
}
