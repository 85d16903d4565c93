package dev.socra.llm.testkit;

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
    boolean refusal) {

  Completion {
    tokens = List.copyOf(tokens);
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
      ChatRequest request, Directives directives, String scripted, String id, long created) {
    String text = directives.has("refusal") ? OpenAiFormat.REFUSAL : scripted;
    if (text == null) {
      String canonical = Answers.canonical(request.lastUserMessage(), directives.tokens());
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
        directives.has("refusal"));
  }

  String text() {
    return String.join("", tokens);
  }

  int outputTokens() {
    return tokens.size();
  }
}
