package dev.socra.server.observe;

import dev.socra.llm.Router;
import dev.socra.llm.event.RouterEvent;
import dev.socra.llm.event.RouterListener;
import dev.socra.server.KeyScrubber;
import dev.socra.server.ServerSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Exports one span per LLM attempt over OTLP (HTTP, protobuf) when {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} is set; otherwise nothing is built, no thread started, and every
 * event returns at once.
 *
 * <p>Reads the standard variables: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the base; {@code
 * /v1/traces} is appended), {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code k=v,k2=v2}, URL-encoded
 * values, for a backend's key: never logged), {@code OTEL_SERVICE_NAME} (default {@code socra}).
 * Spans are batched and sent by the SDK's one background thread; closing the server flushes them.
 */
@Component
public class Tracing implements RouterListener, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(Tracing.class);
  static final String TRACES_PATH = "/v1/traces";

  private final SdkTracerProvider provider;
  private final AttemptSpans spans;

  public Tracing(
      ServerSettings settings, ObjectProvider<Router> router, ObjectProvider<KeyScrubber> keys) {
    if (settings.otlpEndpoint().isEmpty()) {
      this.provider = null;
      this.spans = null;
      return;
    }
    Map<String, String> env = settings.env();
    String endpoint = tracesEndpoint(settings.otlpEndpoint());
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setTimeout(Duration.ofSeconds(10));
    headers(env.getOrDefault("OTEL_EXPORTER_OTLP_HEADERS", "")).forEach(exporter::addHeader);
    String service = env.getOrDefault("OTEL_SERVICE_NAME", "").strip();
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"),
                        service.isEmpty() ? "socra" : service)));
    this.provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
            .build();
    // The router is built after its listeners, so its configuration is looked up on first use.
    this.spans =
        new AttemptSpans(
            provider.get("dev.socra.llm"),
            t -> router.getObject().config().provider(t),
            text -> keys.getObject().text(text));
    log.info("Tracing: one span per LLM attempt, exported over OTLP to {}", printable(endpoint));
  }

  /** The signal URL under a base endpoint, as the OTLP exporter specification builds it. */
  static String tracesEndpoint(String base) {
    String b = base.strip();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return b.endsWith(TRACES_PATH) ? b : b + TRACES_PATH;
  }

  /** The endpoint as logged: credentials in it ({@code user:pass@}) never reach a log line. */
  static String printable(String endpoint) {
    try {
      java.net.URI u = java.net.URI.create(endpoint);
      return u.getRawUserInfo() == null ? endpoint : endpoint.replace(u.getRawUserInfo() + "@", "");
    } catch (IllegalArgumentException e) {
      return "(an endpoint that is not a URL)";
    }
  }

  /** {@code OTEL_EXPORTER_OTLP_HEADERS}: comma-separated {@code key=value}, values URL-encoded. */
  static Map<String, String> headers(String spec) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    for (String item : spec.split(",")) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        h.put(
            item.substring(0, eq).strip(),
            URLDecoder.decode(item.substring(eq + 1).strip(), StandardCharsets.UTF_8));
      }
    }
    return h;
  }

  public boolean enabled() {
    return provider != null;
  }

  @Override
  public void onEvent(RouterEvent event) {
    if (spans != null) {
      spans.onEvent(event);
    }
  }

  /** Flushes what is batched and stops the exporter; the router is closed before this. */
  @Override
  public void destroy() {
    if (provider != null) {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
