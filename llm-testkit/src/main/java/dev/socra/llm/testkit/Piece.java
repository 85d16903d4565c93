package dev.socra.llm.testkit;

/**
 * One step of a streamed answer: a text token, the opening of a tool call (its id and name), or a
 * piece of a tool call's arguments. Stream faults that strike "after N tokens" count these.
 */
sealed interface Piece {
  record Text(String token) implements Piece {}

  record CallOpen(int index, PlannedCall call) implements Piece {}

  record CallArguments(int index, String json) implements Piece {}
}
