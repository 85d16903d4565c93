package dev.socra.bench.streams;

import dev.socra.core.persona.Stage;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.provider.stub.StubResponder;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stub's content for the benchmark: Socra's demo stages, so every session, evaluation and
 * completion is the real one, except that each question is written as unique markers ({@code
 * q00000042t017}: question 42, token 17), so a founder can tell that every token of its own
 * question arrived, once and in order. When each left the server's side is when its event was
 * appended to the question's {@link dev.socra.server.live.EventLog}, which the stub's thread does
 * in the same call that emits the token.
 *
 * <p>A turn is the evaluation (a whole JSON answer, not streamed), then one streamed call: the
 * question, then its quick replies after a {@code Replies:} line; only the question reaches the
 * founder. The question is long (500 tokens by default, 10 s at 20 ms): a real turn streams about
 * 500 tokens (the seed's measured interview call), so a stream of the benchmark lasts as long as a
 * real one and asks for as many turns per second, but relays every token where a real one shows the
 * founder only its question's 30 to 60. A question that long breaks the question rules, so the
 * interviewer asks once more, without streaming; that request gets the demo's own question.
 *
 * <p>Each marker is followed by nine spaces, as in the benchmark's first runs (when the interviewer
 * held back the last nine characters of the text in case they began a separator), so that runs stay
 * comparable.
 */
final class MarkedQuestions implements StubResponder {
  static final int MARKER_LENGTH = 13;

  /**
   * Paragraphs of a realistic length: the interviewer rescans the open line at every token, so one
   * line of hundreds of tokens would cost it what no real question does.
   */
  static final int MARKERS_PER_LINE = 25;

  static final String PADDING = " ".repeat(9);

  private static final String REPLIES = "Replies:\n- Not yet\n- I don't know";

  private final DemoStages demo = new DemoStages();
  private final AtomicLong questions = new AtomicLong();
  private final int questionTokens;

  MarkedQuestions(int questionTokens) {
    if (questionTokens < 1 || questionTokens > 999) {
      throw new IllegalArgumentException("question tokens must be from 1 to 999");
    }
    this.questionTokens = questionTokens;
  }

  static String marker(long question, int k) {
    return String.format("q%08dt%03d", question, k);
  }

  @Override
  public String answer(ChatRequest request) {
    String written = demo.answer(request);
    Optional<Stage> stage = Stage.inSystemPrompt(request.system());
    if (stage.isEmpty()
        || stage.get() != Stage.INTERVIEW_QUESTION
        || request.messages().size() > 1
            && request.messages().get(request.messages().size() - 2).role()
                == dev.socra.llm.Role.ASSISTANT
            && request.lastUserMessage().startsWith("That breaks the rules")) {
      return written;
    }
    long question = questions.incrementAndGet();
    StringBuilder text = new StringBuilder(questionTokens * (MARKER_LENGTH + 10) + 64);
    for (int k = 0; k < questionTokens; k++) {
      text.append(marker(question, k));
      if (k == questionTokens - 1 || k % MARKERS_PER_LINE == MARKERS_PER_LINE - 1) {
        text.append('\n');
      } else {
        text.append(PADDING);
      }
    }
    return text.append(REPLIES).toString();
  }
}
