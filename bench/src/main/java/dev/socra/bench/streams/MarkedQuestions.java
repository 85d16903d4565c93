package dev.socra.bench.streams;

import dev.socra.core.persona.Stage;
import dev.socra.core.structured.Separator;
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
 * <p>The interview's one streamed call is the question, the separator line, then the evaluation's
 * JSON; only the question reaches the founder. The JSON is sent as one stub token (its spaces, all
 * inside strings, written as the JSON escape {@code \u0020}, which parses to the same text): the
 * stub would otherwise spend a token delay on each of its ~150 words while the founder's stream
 * sits idle. The question is long instead (500 tokens by default, 10 s at 20 ms): a real turn
 * streams about 500 tokens (the seed's measured interview call), the question and then the JSON, so
 * a stream of the benchmark lasts as long as a real one and asks for as many turns per second, but
 * relays every token where a real one shows the founder only its question's 30 to 60.
 *
 * <p>Each marker is followed by nine spaces: the interviewer holds back the last nine characters of
 * the text while they could still turn out to be the separator ({@code ###JSON###} is ten), so the
 * padding is what waits for the next token and the marker itself is passed on the moment it is
 * emitted. (With words of a real model, each word waits for the next token or two, by design.)
 */
final class MarkedQuestions implements StubResponder {
  static final String SPLIT = "\n" + Separator.MARK + "\n";
  static final int MARKER_LENGTH = 13;

  /**
   * Paragraphs of a realistic length: the interviewer rescans the open line at every token, so one
   * line of hundreds of tokens would cost it what no real question does.
   */
  static final int MARKERS_PER_LINE = 25;

  /** As long as the interviewer's hold-back: {@code ###JSON###} less one character. */
  static final String PADDING = " ".repeat(Separator.MARK.length() - 1);

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
    if (stage.isEmpty()) {
      return written;
    }
    String json;
    if (stage.get() == Stage.INTERVIEW_TURN) {
      int cut = written.indexOf(SPLIT);
      if (cut < 0) {
        throw new IllegalStateException("the demo turn has no separator line");
      }
      json = written.substring(cut + SPLIT.length()).replace(" ", "\\u0020");
    } else if (stage.get() == Stage.INTERVIEW_QUESTION) {
      json = null;
    } else {
      return written;
    }
    long question = questions.incrementAndGet();
    StringBuilder text = new StringBuilder(questionTokens * (MARKER_LENGTH + 10) + 4096);
    for (int k = 0; k < questionTokens; k++) {
      text.append(marker(question, k));
      if (k == questionTokens - 1 || k % MARKERS_PER_LINE == MARKERS_PER_LINE - 1) {
        text.append('\n');
      } else {
        text.append(PADDING);
      }
    }
    if (json != null) {
      text.append(Separator.MARK).append('\n').append(json);
    }
    return text.toString();
  }
}
