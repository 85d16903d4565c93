package dev.socra.llm.provider.http;

/** One server-sent event: the {@code event:} name (empty when absent) and its joined data lines. */
public record SseEvent(String event, String data) {}
