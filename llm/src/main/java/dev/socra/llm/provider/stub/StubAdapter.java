package dev.socra.llm.provider.stub;

import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.Exchange;
import dev.socra.llm.provider.ProviderAdapter;
import dev.socra.llm.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Demo mode: deterministic answers with no network and no key, streamed word by word at a human
 * pace. It serves only when no provider is configured or a route names it. Its pace is a wait the
 * router chooses, so it runs on the router's clock and sleeper.
 */
public final class StubAdapter implements ProviderAdapter {
  private static final Pattern WORD = Pattern.compile("\\S+\\s*");

  private final StubResponder responder;
  private final Duration tokenDelay;
  private final Clock clock;
  private final Sleeper sleeper;

  public StubAdapter(StubResponder responder, Duration tokenDelay, Clock clock, Sleeper sleeper) {
    this.responder = responder;
    this.tokenDelay = tokenDelay;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public AttemptResult send(Exchange ex) {
    Instant start = clock.instant();
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
      if (!sent.isEmpty()) {
        Outcome stopped = pause(ex.deadline());
        if (stopped != null) {
          return AttemptResult.failed(stopped, 200, sent.toString(), null, ttft);
        }
      }
      if (ttft == null) {
        ttft = Duration.between(start, clock.instant());
      }
      sent.append(token);
      ex.sink().onToken(token);
    }
    return new AttemptResult(new Outcome.Success("stop"), 200, sent.toString(), null, ttft, "stop");
  }

  /** The pause before the next word; what stopped the stream instead, or null. */
  private Outcome pause(Instant deadline) {
    if (tokenDelay.isZero()) {
      return null;
    }
    if (clock.instant().plus(tokenDelay).isAfter(deadline)) {
      return new Outcome.Silent("the call's deadline passed mid-stream");
    }
    try {
      sleeper.sleep(tokenDelay);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Abandoned("interrupted");
    }
  }
}
