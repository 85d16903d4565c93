package dev.socra.core;

import dev.socra.core.idea.InputLimits;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Interviewer;
import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.pipeline.PipelineEvent;
import dev.socra.core.session.Session;
import dev.socra.core.session.SessionRepository;
import dev.socra.core.session.StageUsage;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.Router;
import dev.socra.llm.TokenSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A founder's session from idea to deck: the one entry point the terminal and the server use. Every
 * step saves the session before it returns, and the founder's answer is saved before the call that
 * uses it.
 */
public final class Socra {
  private final Router router;
  private final SessionRepository repository;
  private final Prompts prompts;
  private final Interviewer interviewer;

  public Socra(Router router, SessionRepository repository, String route) {
    this.router = router;
    this.repository = repository;
    this.prompts = new Prompts(route);
    this.interviewer = new Interviewer(router, prompts, route);
  }

  /** A new session for an idea; the idea is checked against {@link InputLimits}. */
  public Session start(String idea, int maxTurns) {
    Session s =
        Session.start(
            UUID.randomUUID().toString(), Interview.start(InputLimits.idea(idea), maxTurns));
    repository.save(s);
    return s;
  }

  /** Asks the next question, streaming it to {@code founder}, with its scores and quick replies. */
  public Session ask(Session session, TokenSink founder) {
    Interviewer.Asked asked = interviewer.next(session.interview(), founder);
    Map<Stage, List<ChatResponse>> byStage = new LinkedHashMap<>();
    asked
        .calls()
        .forEach(c -> byStage.computeIfAbsent(c.stage(), k -> new ArrayList<>()).add(c.response()));
    Session next = session.withInterview(asked.interview());
    for (var e : byStage.entrySet()) {
      next = next.withUsage(StageUsage.of(e.getKey(), e.getValue()));
    }
    repository.save(next);
    return next;
  }

  /** Records the founder's answer to the open question. */
  public Session answer(Session session, String answer) {
    Session next =
        session.withInterview(session.interview().answeredWith(InputLimits.answer(answer)));
    repository.save(next);
    return next;
  }

  /** Runs (or resumes) the masterplan pipeline. */
  public Session runPipeline(Session session, Consumer<PipelineEvent> events) {
    return new Pipeline(router, prompts, repository, events).run(session);
  }
}
