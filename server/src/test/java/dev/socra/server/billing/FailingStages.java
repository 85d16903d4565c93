package dev.socra.server.billing;

import dev.socra.core.persona.Stage;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.provider.stub.StubResponder;
import java.util.Optional;

/**
 * The demo's content for the interview; for the plan's stages, an error while {@link #failing}: a
 * run that fails on the server's side, not the founder's.
 */
final class FailingStages implements StubResponder {
  private final DemoStages demo = new DemoStages();
  volatile boolean failing;

  @Override
  public String answer(ChatRequest request) {
    Optional<Stage> stage = Stage.inSystemPrompt(request.system());
    boolean interview = stage.isEmpty() || stage.get().name().startsWith("INTERVIEW");
    if (failing && !interview) {
      throw new IllegalStateException("the model service is down");
    }
    return demo.answer(request);
  }
}
