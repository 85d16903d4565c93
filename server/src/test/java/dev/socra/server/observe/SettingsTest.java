package dev.socra.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log format and the OTLP variables, read as documented. */
class SettingsTest {
  @Test
  void textIsTheDefaultAndJsonMeansEcs() {
    assertThat(LogFormat.springProperties(Map.of())).isEmpty();
    assertThat(LogFormat.springProperties(Map.of("SOCRA_LOG_FORMAT", "text"))).isEmpty();
    assertThat(LogFormat.springProperties(Map.of("SOCRA_LOG_FORMAT", " JSON ")))
        .containsEntry("logging.structured.format.console", "ecs");
    assertThat(LogFormat.springProperties(Map.of("SOCRA_LOG_FORMAT", "logstash")))
        .containsEntry("logging.structured.format.console", "logstash");
  }

  @Test
  void anUnknownLogFormatNamesTheVariable() {
    assertThatThrownBy(() -> LogFormat.springProperties(Map.of("SOCRA_LOG_FORMAT", "yaml")))
        .hasMessageContaining("SOCRA_LOG_FORMAT")
        .hasMessageContaining("'yaml'");
  }

  @Test
  void tracesGoToTheSignalPathUnderTheBaseEndpoint() {
    assertThat(Tracing.tracesEndpoint("http://collector:4318"))
        .isEqualTo("http://collector:4318/v1/traces");
    assertThat(Tracing.tracesEndpoint("https://otlp.example/otlp/"))
        .isEqualTo("https://otlp.example/otlp/v1/traces");
    assertThat(Tracing.tracesEndpoint("http://collector:4318/v1/traces"))
        .isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void anEndpointIsLoggedWithoutCredentials() {
    assertThat(Tracing.printable("https://team:test-key-otlp-9f8e@otlp.example/v1/traces"))
        .isEqualTo("https://otlp.example/v1/traces");
    assertThat(Tracing.printable("http://collector:4318/v1/traces"))
        .isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void headersAreCommaSeparatedAndUrlDecoded() {
    assertThat(Tracing.headers("x-api-key=abc%3D%3D, x-team = core"))
        .containsExactly(Map.entry("x-api-key", "abc=="), Map.entry("x-team", "core"));
    assertThat(Tracing.headers("")).isEmpty();
  }
}
