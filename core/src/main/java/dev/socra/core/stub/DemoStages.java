package dev.socra.core.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.structured.StructuredOutput;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.provider.stub.DemoResponder;
import dev.socra.llm.provider.stub.StubResponder;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Demo mode: with no provider key, every stage still answers, from the founder's own words and
 * always valid against its schema, so a whole session can be run and seen. The same request always
 * gets the same answer. A request that names no stage gets the router's generic demo answer.
 */
public final class DemoStages implements StubResponder {
  /**
   * How a repair request opens. The demo never writes invalid JSON; a repair only follows a rule of
   * the caller's that its answer broke, so it hands the JSON back as it was and the caller's own
   * fallback decides.
   */
  static final String REPAIR = StructuredOutput.REPAIR_OPENING;

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
    String asked = request.lastUserMessage();
    if (asked.startsWith(REPAIR)) {
      int end = asked.indexOf("\n\nThe errors:");
      return asked.substring(REPAIR.length(), end < 0 ? asked.length() : end).strip();
    }
    return write(stage.get(), IdeaWords.of(request), decision(request.system()));
  }

  /** The verdict the synthesis is asked to follow ("The verdict is test: …"), if any. */
  private static Decision decision(String system) {
    Matcher m = VERDICT.matcher(system == null ? "" : system);
    return m.find() ? Decision.valueOf(m.group(1).toUpperCase(Locale.ROOT)) : Decision.TEST;
  }

  private static final Pattern VERDICT = Pattern.compile("The verdict is (pursue|test|pivot|drop)");

  private static String write(Stage stage, IdeaWords words, Decision decision) {
    if (stage == Stage.INTERVIEW_QUESTION || stage == Stage.INTERVIEW_TURN) {
      // the one-call turn is no longer asked for; an old client still gets a question
      return new InterviewWriter(words).question();
    }
    if (stage == Stage.INTERVIEW_EVALUATION) {
      return json(new InterviewWriter(words).assessment());
    }
    Founder founder = Founder.of(words);
    if (stage.specialist().isPresent()) {
      return json(new SpecialistWriter(founder).report(stage.specialist().get()));
    }
    return switch (stage) {
      case SYNTHESIS -> json(new PlanWriter(founder).masterplan(decision));
      case DEVILS_ADVOCATE -> json(new JudgeWriter(founder).critique());
      case TRIBUNAL -> json(new JudgeWriter(founder).verdict());
      case DECK -> json(new DeckWriter(founder).outline());
      default -> throw new IllegalStateException("no demo writer for " + stage);
    };
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a demo record could not be written as JSON", e);
    }
  }
}
