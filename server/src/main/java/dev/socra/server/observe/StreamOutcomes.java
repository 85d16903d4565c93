package dev.socra.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the streams the server sends end, as {@code socra_streams_total{stream,outcome}}: {@code
 * stream} is {@code question}, {@code pipeline} or {@code gateway}; {@code outcome} is {@code
 * complete} or {@code abandoned} (the client went away mid-stream). A question or pipeline whose
 * client leaves goes on and is stored (the client may rejoin), so its LLM calls are rightly {@code
 * ok} in the ledger; the stream itself is counted here as abandoned. A gateway stream whose client
 * leaves is stopped, and its attempt is {@code abandoned} in the ledger too.
 */
@Component
public class StreamOutcomes {
  private final MeterRegistry registry;

  public StreamOutcomes(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String stream, boolean complete) {
    Counter.builder("socra.streams")
        .description("Streams sent to clients, by how they ended")
        .tag("stream", stream.toLowerCase(Locale.ROOT))
        .tag("outcome", complete ? "complete" : "abandoned")
        .register(registry)
        .increment();
  }
}
