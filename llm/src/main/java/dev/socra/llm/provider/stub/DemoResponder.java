package dev.socra.llm.provider.stub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ResponseFormat;

/** A deterministic answer that says plainly it is a demo and how to use a real model. */
public final class DemoResponder implements StubResponder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTE_LIMIT = 160;

  @Override
  public String answer(ChatRequest request) {
    String asked = request.lastUserMessage().strip().replaceAll("\\s+", " ");
    if (asked.length() > QUOTE_LIMIT) {
      asked = asked.substring(0, QUOTE_LIMIT) + "…";
    }
    String text =
        "This is Socra's demo mode: no provider key is set, so the built-in stub answers. You"
            + " asked: \""
            + asked
            + "\". Set ANTHROPIC_API_KEY, GOOGLE_API_KEY, GROQ_API_KEY or OPENAI_API_KEY to send"
            + " this to a real model.";
    if (request.format() instanceof ResponseFormat.Text) {
      return text;
    }
    return JSON.createObjectNode().put("demo", true).put("answer", text).toString();
  }
}
