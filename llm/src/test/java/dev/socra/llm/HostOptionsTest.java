package dev.socra.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.socra.llm.config.ConfigException;
import dev.socra.llm.config.ConfigLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure OpenAI and other hosts: the key in their own header, extra headers (some of them secrets
 * from variables), query parameters; none of the secrets in a description, a log or an outcome.
 */
class HostOptionsTest {
  static final String KEY = "azure-key-7Qz9XbLk2Vw4Rt8Yp1NcAAAA";
  static final String EXTRA = "extra-secret-5Hq2MxNp8Lw3Zr6Tb9VcBBBB";

  @TempDir Path dir;
  HttpServer server;
  final Map<String, String> seen = new ConcurrentHashMap<>();
  volatile String reply;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.put("path", exchange.getRequestURI().getPath());
          seen.put("query", String.valueOf(exchange.getRequestURI().getRawQuery()));
          exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.getFirst()));
          exchange.getRequestBody().readAllBytes();
          byte[] body = reply.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(reply.contains("\"error\"") ? 400 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Map<String, String> env(String providerYaml) throws IOException {
    Path file = dir.resolve("socra.yaml");
    Files.writeString(
        file,
        """
        providers:
          azure:
            protocol: openai
            base_url: http://127.0.0.1:%d/openai/v1
            key_env: AZURE_OPENAI_API_KEY
            model: gpt-4o-mini
        %s
        routes:
          default: [azure]
        """
            .formatted(server.getAddress().getPort(), providerYaml));
    return Map.of(
        "SOCRA_CONFIG", file.toString(), "AZURE_OPENAI_API_KEY", KEY, "AZURE_EXTRA", EXTRA);
  }

  static final String AZURE =
      """
          key_header: api-key
          query: { api-version: preview }
          headers:
            X-Title: Socra
            HTTP-Referer: https://socra.example
            x-ms-client-token: { env: AZURE_EXTRA }
      """;

  @Test
  void azureGetsItsKeyInApiKeyItsApiVersionAndTheExtraHeaders() throws IOException {
    reply =
        "{\"choices\":[{\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}";
    try (Router router = Router.create(ConfigLoader.load(env(AZURE)))) {
      assertThat(router.complete(ChatRequest.of("hello")).text()).isEqualTo("hi");
    }
    assertThat(seen.get("path")).isEqualTo("/openai/v1/chat/completions");
    assertThat(seen.get("query")).isEqualTo("api-version=preview");
    assertThat(seen.get("api-key")).isEqualTo(KEY);
    assertThat(seen).doesNotContainKey("authorization");
    assertThat(seen.get("x-title")).isEqualTo("Socra");
    assertThat(seen.get("http-referer")).isEqualTo("https://socra.example");
    assertThat(seen.get("x-ms-client-token")).isEqualTo(EXTRA);
  }

  @Test
  void theDescriptionAndEveryErrorShowSecretHeadersOnlyByTheirFingerprint() throws IOException {
    reply =
        "{\"error\":{\"message\":\"bad client token "
            + EXTRA
            + "\",\"type\":\"invalid_request_error\"}}";
    try (Router router = Router.create(ConfigLoader.load(env(AZURE)))) {
      String described = router.describe().render();
      assertThat(described)
          .contains("x-ms-client-token (AZURE_EXTRA extr…BBBB)")
          .contains("api-version=preview")
          .doesNotContain(EXTRA)
          .doesNotContain(KEY);
      assertThatThrownBy(() -> router.complete(ChatRequest.of("hello")))
          .isInstanceOf(LlmCallException.class)
          .hasMessageNotContaining(EXTRA)
          .hasMessageContaining("extr…BBBB");
    }
  }

  @Test
  void aCredentialWrittenInTheFileIsRefusedAndNamedWithoutItsValue() {
    String literal =
        """
            headers: { api-key: "%s" }
        """
            .formatted(KEY);
    assertThatThrownBy(() -> ConfigLoader.load(env(literal)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers.azure.headers.api-key carries a credential")
        .hasMessageContaining("{ env: VARIABLE }")
        .hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> ConfigLoader.load(env("    query: { key: x }\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers.azure.query.key carries a credential");
    assertThatThrownBy(() -> ConfigLoader.load(env("    headers: { \"bad name\": x }\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a header name");
    assertThatThrownBy(() -> ConfigLoader.load(env("    headers: { X-Title: { file: x } }\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers.azure.headers.X-Title")
        .hasMessageContaining("{ env: VARIABLE }");
  }
}
