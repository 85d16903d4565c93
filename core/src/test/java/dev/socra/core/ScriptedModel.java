package dev.socra.core;

import dev.socra.core.persona.Stage;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.provider.stub.StubResponder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A model for the router's stub that answers each stage with scripted texts, in order (the last one
 * repeating), and the demo's answer for stages without a script; it records every request it was
 * sent, so a test can read what the model was told.
 */
public final class ScriptedModel implements StubResponder {
  private final Map<Stage, Deque<String>> scripts = new EnumMap<>(Stage.class);
  private final DemoStages demo = new DemoStages();
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  /** Answers {@code stage} with these texts in order; the last one repeats. */
  public ScriptedModel script(Stage stage, String... answers) {
    synchronized (scripts) {
      scripts.put(stage, new ArrayDeque<>(List.of(answers)));
    }
    return this;
  }

  @Override
  public String answer(ChatRequest request) {
    requests.add(request);
    Stage stage = Stage.inSystemPrompt(request.system()).orElse(null);
    synchronized (scripts) {
      Deque<String> s = stage == null ? null : scripts.get(stage);
      if (s != null && !s.isEmpty()) {
        return s.size() > 1 ? s.poll() : s.peek();
      }
    }
    return demo.answer(request);
  }

  /** Every request sent, oldest first. */
  public List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests sent for one stage, oldest first. */
  public List<ChatRequest> requests(Stage stage) {
    return requests.stream()
        .filter(r -> Stage.inSystemPrompt(r.system()).orElse(null) == stage)
        .toList();
  }
}
