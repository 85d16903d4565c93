package dev.socra.llm;

/**
 * A piece of a streamed tool call, as it arrives: the first piece of a call carries its {@code id}
 * and {@code name}, later ones only more of its {@code arguments}. Calls are numbered from 0 in the
 * order the answer makes them. A call is complete only when the whole answer is: a stream that
 * breaks after a piece of one ends the call with {@link
 * LlmCallException.Failure#STREAM_INTERRUPTED}.
 *
 * @param id null after the first piece
 * @param name null after the first piece
 * @param arguments more of the arguments' JSON text, possibly empty
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {
  public ToolCallDelta {
    arguments = arguments == null ? "" : arguments;
  }

  /** True for the piece that opens a call. */
  public boolean opens() {
    return id != null;
  }
}
