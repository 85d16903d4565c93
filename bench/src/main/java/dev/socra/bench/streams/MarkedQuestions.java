package dev.socra.bench.streams;

import dev.socra.core.persona.Stage;
import dev.socra.core.structured.Separator;
import dev.socra.core.stub.DemoStages;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.provider.stub.StubResponder;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stub's content for the benchmark: Socra's demo stages, so every session, evaluation and
 * completion is the real one, except that each question is written as unique markers ({@code
 * q00000042t017}: answer 42, token 17) whose emission the stub records in {@link Emissions}.
 *
 * <p>The interview's one streamed call is the question, the separator line, then the evaluation's
 * JSON; only the question reaches the founder. The JSON is sent as one stub token (its spaces, all
 * inside strings, written as the JSON escape {@code \u0020}, which parses to the same text): the
 * stub would otherwise spend a token delay on each of its ~150 words while the founder's stream
 * sits idle, and the benchmark is about streams that are relaying.
 *
 * <p>By default each marker is followed by nine spaces: the interviewer holds back the last nine
 * characters of the text while they could still turn out to be the separator ({@code ###JSON###} is
 * ten), so the padding is what waits for the next token and the marker itself is shown the moment
 * it arrives; the latency measured is the relay's alone, and the interviewer's work per token is
 * what it is for a one-paragraph question. With {@code spaced}, markers are separated by one space
 * like words, and the end of each waits for the next token (about one token delay): the latency
 * then includes that wait, as a founder sees it.
 */
final class MarkedQuestions implements StubResponder {
  static final Pattern STUB_TOKEN = Pattern.compile("\\S+\\s*");
  static final String SPLIT = "\n" + Separator.MARK + "\n";

  private final DemoStages demo = new DemoStages();
  private final Emissions emissions;
  private final int questionTokens;
  private final boolean spaced;

  MarkedQuestions(Emissions emissions, int questionTokens, boolean spaced) {
    if (questionTokens < 1 || questionTokens > 999) {
      throw new IllegalArgumentException("question tokens must be from 1 to 999");
    }
    this.emissions = emissions;
    this.questionTokens = questionTokens;
    this.spaced = spaced;
  }

  static String marker(long seq, int k) {
    return String.format("q%08dt%03d", seq, k);
  }

  static final int MARKER_LENGTH = 13;

  /** As long as the interviewer's hold-back: {@code ###JSON###} less one character. */
  static final String PADDING = " ".repeat(Separator.MARK.length() - 1);

  @Override
  public String answer(ChatRequest request) {
    long called = System.nanoTime();
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
    long seq = emissions.nextSeq();
    StringBuilder text = new StringBuilder(questionTokens * (MARKER_LENGTH + 1) + 4096);
    for (int k = 0; k < questionTokens; k++) {
      text.append(marker(seq, k));
      if (k == questionTokens - 1) {
        text.append('\n');
      } else {
        text.append(spaced ? " " : PADDING);
      }
    }
    if (json != null) {
      text.append(Separator.MARK).append('\n').append(json);
    }
    String answer = text.toString();
    Emissions.Answer a = new Emissions.Answer(seq, called, count(answer), questionTokens);
    emissions.started(request.tags().get(ChatRequest.TAG_SESSION), a);
    a.firstAt = System.nanoTime();
    return answer;
  }

  /** Stub tokens in {@code text}, split as the stub splits them. */
  static int count(String text) {
    Matcher m = STUB_TOKEN.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
