package dev.socra.core.structured;

import dev.socra.llm.ChatResponse;
import java.util.List;

/** A valid value and every call it took to get it (for the token and cost ledger). */
public record Structured<T>(T value, List<ChatResponse> calls) {
  public Structured {
    calls = List.copyOf(calls);
  }
}
