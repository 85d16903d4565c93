package dev.socra.llm.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answer the fake will give to one request, decided before any byte is sent so the streamed and
 * non-streamed forms carry the same text and usage.
 *
 * @param tokens the emitted text split into stream tokens
 * @param truncated the request's max tokens cut the answer short
 * @param usage usage is reported (no {@code no-usage} directive)
 * @param refusal the model refuses instead of answering ({@code refusal}): the tokens are its
 *     refusal, sent where each API puts one
 * @param calls the tool calls the answer makes, after its text; empty for none
 */
record Completion(
    String id,
    String model,
    long created,
    int inputTokens,
    List<String> tokens,
    boolean truncated,
    boolean usage,
    boolean includeStreamUsage,
    boolean refusal,
    List<PlannedCall> calls) {

  Completion {
    tokens = List.copyOf(tokens);
    calls = List.copyOf(calls);
  }

  /**
   * The answer to {@code request}: {@code scripted} as it is when not null, else the canonical
   * answer of {@code tokens=N} words (wrapped as {@code {"answer": ...}} in JSON mode); either one
   * continued after a prefill it starts with, and cut to the request's max tokens.
   */
  /**
   * @param created the answer's creation time in epoch seconds, on the fake's clock
   */
  static Completion plan(
      ChatRequest request,
      Directives directives,
      String scripted,
      PlannedCall call,
      String id,
      long created) {
    boolean refusal = directives.has("refusal");
    if (call != null && !refusal) {
      // an answer that calls a tool says nothing else
      return new Completion(
          id,
          request.model(),
          created,
          request.inputTokens(),
          List.of(),
          false,
          directives.usage(),
          request.includeUsage() && directives.usage(),
          false,
          List.of(call));
    }
    String text = refusal ? OpenAiFormat.REFUSAL : scripted;
    if (text == null) {
      // after a tool's result, the answer is about that result
      String about =
          request.toolResult() != null ? request.toolResult() : request.lastUserMessage();
      String canonical = Answers.canonical(about, directives.tokens());
      text = request.jsonMode() ? Json.text(Map.of("answer", canonical)) : canonical;
    }
    if (request.hasPrefill() && text.startsWith(request.prefill())) {
      text = text.substring(request.prefill().length());
    }
    List<String> tokens = Answers.tokens(text);
    boolean truncated = request.maxTokens() > 0 && tokens.size() > request.maxTokens();
    if (truncated) {
      tokens = tokens.subList(0, request.maxTokens());
    }
    return new Completion(
        id,
        request.model(),
        created,
        request.inputTokens(),
        tokens,
        truncated,
        directives.usage(),
        request.includeUsage() && directives.usage(),
        refusal,
        List.of());
  }

  String text() {
    return String.join("", tokens);
  }

  int outputTokens() {
    int n = tokens.size();
    for (PlannedCall c : calls) {
      n += 1 + c.argumentPieces().size();
    }
    return n;
  }

  /** The streamed answer, step by step: its text tokens, then each call's opening and pieces. */
  List<Piece> pieces() {
    List<Piece> pieces = new ArrayList<>();
    for (String t : tokens) {
      pieces.add(new Piece.Text(t));
    }
    for (int i = 0; i < calls.size(); i++) {
      pieces.add(new Piece.CallOpen(i, calls.get(i)));
      for (String a : calls.get(i).argumentPieces()) {
        pieces.add(new Piece.CallArguments(i, a));
      }
    }
    return pieces;
  }
}
