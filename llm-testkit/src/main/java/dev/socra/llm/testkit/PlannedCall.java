package dev.socra.llm.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A tool call the fake's answer makes: its id (in the provider's style), the tool's name, and its
 * arguments as JSON text, streamed in pieces of {@value #PIECE} characters (real providers stream
 * arguments a few characters at a time: OpenAI as {@code function.arguments} deltas, Anthropic as
 * {@code input_json_delta.partial_json}).
 */
record PlannedCall(String id, String name, String arguments) {
  static final int PIECE = 6;

  List<String> argumentPieces() {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < arguments.length(); i += PIECE) {
      pieces.add(arguments.substring(i, Math.min(arguments.length(), i + PIECE)));
    }
    return pieces;
  }
}
