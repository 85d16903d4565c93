package dev.socra.llm.provider.http;

/** Reads one protocol's stream events. */
public interface StreamDecoder {
  /**
   * Takes one event.
   *
   * @return the content text it carries, or null; pieces of tool calls go to {@link
   *     StreamState#toolCalls}
   * @throws MalformedEventException when the event cannot be read
   */
  String accept(SseEvent event, StreamState state) throws MalformedEventException;

  /** An event that is not what the protocol promises. */
  final class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
      super(message);
    }
  }
}
