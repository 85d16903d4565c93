package dev.socra.llm.provider.stub;

import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.ProviderAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Demo mode: deterministic answers with no network and no key, streamed word by word at a human
 * pace. It serves only when no provider is configured or a route names it.
 */
public final class StubAdapter implements ProviderAdapter {
  private static final Pattern WORD = Pattern.compile("\\S+\\s*");

  private final StubResponder responder;
  private final Duration tokenDelay;

  public StubAdapter(StubResponder responder, Duration tokenDelay) {
    this.responder = responder;
    this.tokenDelay = tokenDelay;
  }

  @Override
  public AttemptResult send(Exchange ex) {
    long start = System.nanoTime();
    String answer = responder.answer(ex.request());
    String rest = answer;
    if (ex.prefill() != null && answer.startsWith(ex.prefill())) {
      rest = answer.substring(ex.prefill().length());
    }
    if (!ex.stream()) {
      return new AttemptResult(new Outcome.Success("stop"), 200, rest, null, null, "stop");
    }
    StringBuilder sent = new StringBuilder();
    Duration ttft = null;
    Matcher m = WORD.matcher(rest);
    int lead = 0;
    while (m.find()) {
      String token = rest.substring(lead, m.end());
      lead = m.end();
      if (!sent.isEmpty() && !pause(ex.deadline())) {
        return AttemptResult.failed(
            new Outcome.Silent("the call's deadline passed mid-stream"),
            200,
            sent.toString(),
            null,
            ttft);
      }
      if (ttft == null) {
        ttft = Duration.ofNanos(System.nanoTime() - start);
      }
      sent.append(token);
      ex.sink().onToken(token);
    }
    return new AttemptResult(new Outcome.Success("stop"), 200, sent.toString(), null, ttft, "stop");
  }

  private boolean pause(Instant deadline) {
    if (tokenDelay.isZero()) {
      return true;
    }
    if (Instant.now().plus(tokenDelay).isAfter(deadline)) {
      return false;
    }
    try {
      Thread.sleep(tokenDelay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
