package dev.socra.core.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.persona.Stage;
import dev.socra.core.structured.Separator;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.Role;
import dev.socra.llm.provider.stub.DemoResponder;
import dev.socra.llm.provider.stub.StubResponder;
import java.util.List;
import java.util.Optional;

/**
 * Demo mode: with no provider key, every stage still answers, from the founder's own words and
 * always valid against its schema, so a whole session can be run and seen. The same request always
 * gets the same answer. A request that names no stage gets the router's generic demo answer.
 */
public final class DemoStages implements StubResponder {
  /** What a repair request says; the demo never writes invalid JSON, so it answers again. */
  static final String REPAIR = "not valid against the schema";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StubResponder fallback;

  public DemoStages() {
    this(new DemoResponder());
  }

  public DemoStages(StubResponder fallback) {
    this.fallback = fallback;
  }

  @Override
  public String answer(ChatRequest request) {
    Optional<Stage> stage = Stage.inSystemPrompt(request.system());
    if (stage.isEmpty()) {
      return fallback.answer(request);
    }
    IdeaWords words = IdeaWords.of(original(request));
    return write(stage.get(), words);
  }

  private static String write(Stage stage, IdeaWords words) {
    if (stage.specialist().isPresent()) {
      return json(new SpecialistWriter(words).report(stage.specialist().get()));
    }
    InterviewWriter interviewer = new InterviewWriter(words);
    return switch (stage) {
      case INTERVIEW_QUESTION -> interviewer.question();
      case INTERVIEW_EVALUATION -> json(interviewer.evaluation());
      case INTERVIEW_TURN ->
          interviewer.question() + "\n" + Separator.MARK + "\n" + json(interviewer.evaluation());
      case SYNTHESIS -> json(new PlanWriter(words).masterplan());
      case DEVILS_ADVOCATE -> json(new JudgeWriter(words).critique());
      case TRIBUNAL -> json(new JudgeWriter(words).verdict());
      case DECK -> json(new DeckWriter(words).outline());
      default -> throw new IllegalStateException("no demo writer for " + stage);
    };
  }

  /**
   * The request as first asked, without the rejected answers and repair prompts appended to it, so
   * that a repair counts the same turn and gets the same JSON.
   */
  static ChatRequest original(ChatRequest request) {
    List<Message> messages = request.messages();
    while (messages.size() >= 3
        && messages.getLast().content().contains(REPAIR)
        && messages.get(messages.size() - 2).role() == Role.ASSISTANT) {
      messages = messages.subList(0, messages.size() - 2);
    }
    return request.withMessages(messages);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a demo record could not be written as JSON", e);
    }
  }
}
