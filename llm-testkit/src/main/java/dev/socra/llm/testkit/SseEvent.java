package dev.socra.llm.testkit;

/**
 * One server-sent event. OpenAI sends bare {@code data:} lines; Anthropic names every event, so
 * {@code name} is null for the former.
 */
record SseEvent(String name, String data) {

  static SseEvent data(String data) {
    return new SseEvent(null, data);
  }

  static SseEvent named(String name, Object json) {
    return new SseEvent(name, Json.text(json));
  }

  String render() {
    return (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
  }
}
