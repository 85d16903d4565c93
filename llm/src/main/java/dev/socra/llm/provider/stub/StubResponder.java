package dev.socra.llm.provider.stub;

import dev.socra.llm.ChatRequest;

/**
 * Writes the stub's answer. The router ships a generic demo responder; Socra's domain plugs in one
 * that writes each persona's stage from the founder's own idea.
 */
@FunctionalInterface
public interface StubResponder {
  String answer(ChatRequest request);
}
