package dev.socra.core;

import dev.socra.core.idea.InputLimits;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Interviewer;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.pipeline.PipelineEvent;
import dev.socra.core.session.Session;
import dev.socra.core.session.SessionRepository;
import dev.socra.core.session.StageUsage;
import dev.socra.core.structured.Structured;
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
 * uses it. Every call made for a session is tagged with the session, its owner and its stage (see
 * {@link Prompts#forSession(Session)}).
 */
public final class Socra {
  private final Router router;
  private final SessionRepository repository;
  private final Prompts prompts;

  public Socra(Router router, SessionRepository repository, String route) {
    this.router = router;
    this.repository = repository;
    this.prompts = new Prompts(route);
  }

  /** The prompts for a session's calls: tagged with the session and its owner. */
  private Prompts prompts(Session session) {
    return prompts.forSession(session);
  }

  /** A new session for an idea; the idea is checked against {@link InputLimits}. */
  public Session start(String idea, int maxTurns) {
    return start(Session.LOCAL, idea, maxTurns);
  }

  /** A new session of {@code owner}'s for an idea. */
  public Session start(String owner, String idea, int maxTurns) {
    Session s =
        Session.start(
            UUID.randomUUID().toString(), owner, Interview.start(InputLimits.idea(idea), maxTurns));
    repository.save(s);
    return s;
  }

  /**
   * Evaluates the answers so far, then asks the next question, streaming it to {@code founder}; the
   * turn saved holds the question, its scores and its quick replies. The question streamed is a
   * draft until this returns: one that breaks the question rules is rewritten once, and the saved
   * turn holds the question that stands.
   */
  public Session ask(Session session, TokenSink founder) {
    return ask(session, founder, () -> {});
  }

  /**
   * The same, and {@code questionWritten} runs as soon as the question's words are complete (its
   * quick replies follow in the same call), so a page can open the answer box then.
   */
  public Session ask(Session session, TokenSink founder, Runnable questionWritten) {
    if (session.interview().open() != null) {
      throw new IllegalStateException("the last question has not been answered yet");
    }
    if (session.interview().complete()) {
      throw new IllegalStateException("the interview is over");
    }
    Interviewer.Asked asked =
        new Interviewer(router, prompts(session))
            .next(session.interview(), founder, questionWritten);
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

  /**
   * Records the founder's answer to question {@code question}, which must be the open one.
   *
   * @throws dev.socra.core.interview.StaleAnswerException when another question is open (or none)
   */
  public Session answer(Session session, int question, String answer) {
    Session next =
        session.withInterview(
            session.interview().answeredWith(question, InputLimits.answer(answer)));
    repository.save(next);
    return next;
  }

  /**
   * The founder goes back to question {@code number}: it is open again, and its answer and the
   * turns after it are kept as history ({@link Interview#reopened}).
   */
  public Session reopen(Session session, int number) {
    Session next = session.withInterview(session.interview().reopened(number));
    repository.save(next);
    return next;
  }

  /**
   * The founder changes the answer to question {@code number}: the later turns are kept as history
   * and the next question is to be asked again ({@link Interview#revised}).
   */
  public Session revise(Session session, int number, String answer) {
    Session next =
        session.withInterview(session.interview().revised(number, InputLimits.answer(answer)));
    repository.save(next);
    return next;
  }

  /** The founder ends the interview early; the session is saved as ended. */
  public Session end(Session session) {
    Session next = session.withInterview(session.interview().endedByFounder());
    repository.save(next);
    return next;
  }

  /**
   * Closes the interview with an evaluation of the last answer (no question follows it, so no turn
   * evaluated it yet). Does nothing when it is closed already or nothing was answered.
   */
  public Session close(Session session) {
    Interview iv = session.interview();
    if (iv.closing() != null || iv.answered() == 0) {
      return session;
    }
    if (iv.open() != null) {
      return end(session);
    }
    Structured<TurnEvaluation> e = new Interviewer(router, prompts(session)).closing(iv);
    Session next =
        session
            .withInterview(iv.closedWith(e.value()))
            .withUsage(StageUsage.of(Stage.INTERVIEW_EVALUATION, e.calls()));
    repository.save(next);
    return next;
  }

  /**
   * Runs (or resumes) the masterplan pipeline on the session as last saved, after closing the
   * interview.
   */
  public Session runPipeline(Session session, Consumer<PipelineEvent> events) {
    Session latest = repository.find(session.id()).orElse(session);
    return new Pipeline(router, prompts(latest), repository, events).run(close(latest));
  }
}
