package dev.socra.bench.streams;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;

/** Hears when the stub's streamed answer ended: its attempt's exact latency, from the router. */
final class AnswerEnds implements RouterListener {
  private final Emissions emissions;

  AnswerEnds(Emissions emissions) {
    this.emissions = emissions;
  }

  @Override
  public void onEvent(RouterEvent event) {
    if (event instanceof RouterEvent.AttemptFinished f
        && f.attempt().outcome().isSuccess()
        && f.attempt().latency() != null) {
      emissions.ended(f.tags().get(ChatRequest.TAG_SESSION), f.attempt().latency().toNanos());
    }
  }
}
