package dev.socra.llm.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a host needs on every request beyond its protocol: extra headers (OpenRouter's {@code
 * HTTP-Referer} and {@code X-Title}), headers whose values are secrets read from variables (never
 * written in the file, shown only as fingerprints), query parameters (Azure OpenAI's {@code
 * api-version}), and the header that carries the key when it is not the protocol's own (Azure's
 * {@code api-key} instead of {@code Authorization: Bearer}).
 *
 * @param headers header name to value, sent as written
 * @param secretHeaderVariables header name to the variable holding its value
 * @param secretHeaders header name to its value, read from that variable (cleaned as a key is)
 * @param query query parameter name to value, added to every request's URL
 * @param keyHeader the header the provider's key goes in, raw; null for the protocol's own
 * @param endMarker the host ends every stream with its protocol's end marker ({@code [DONE]},
 *     {@code message_stop}), as OpenAI, Groq, Gemini and Anthropic do: after the finish reason the
 *     router waits for it (a usage chunk may come between) within the stall limit. False for an
 *     unknown host, some proxies of which keep the connection open without one: then the answer is
 *     taken 250 ms after the finish reason.
 */
public record HostOptions(
    Map<String, String> headers,
    Map<String, String> secretHeaderVariables,
    Map<String, ApiKey> secretHeaders,
    Map<String, String> query,
    String keyHeader,
    boolean endMarker) {

  public static final HostOptions NONE =
      new HostOptions(Map.of(), Map.of(), Map.of(), Map.of(), null, false);

  /** A provider Socra knows: nothing extra, and its streams end with their end marker. */
  public static final HostOptions KNOWN_PROVIDER =
      new HostOptions(Map.of(), Map.of(), Map.of(), Map.of(), null, true);

  /** RFC 9110 token characters: what a header or query name may hold. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  /** Names that carry credentials: their values must come from a variable. */
  private static final Pattern CREDENTIAL =
      Pattern.compile("(?i).*(key|token|secret|auth|password|cookie|signature).*");

  /** Headers the adapters set themselves. */
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "content-type", "content-length", "accept", "host", "connection", "transfer-encoding");

  public HostOptions {
    headers = copy(headers);
    secretHeaderVariables = copy(secretHeaderVariables);
    secretHeaders = copy(secretHeaders);
    query = copy(query);
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** The headers every request carries, secrets revealed: for the HTTP request and nothing else. */
  public Map<String, String> revealedHeaders() {
    Map<String, String> all = new LinkedHashMap<>(headers);
    secretHeaders.forEach((name, key) -> all.put(name, key.reveal()));
    return all;
  }

  /** {@code ?api-version=2024-10-21}, encoded; "" when there are none. */
  public String queryString() {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    query.forEach(
        (k, v) ->
            s.append(s.isEmpty() ? "?" : "&").append(encode(k)).append('=').append(encode(v)));
    return s.toString();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * {@code headers X-Title, api-key (AZURE_KEY …9f2c); query api-version=2024-10-21}: what
   * describe() shows, secrets only by fingerprint; "" when there is nothing.
   */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (keyHeader != null) {
      s.append("key in header ").append(keyHeader);
    }
    if (!headers.isEmpty() || !secretHeaderVariables.isEmpty()) {
      s.append(s.isEmpty() ? "" : "; ").append("headers ");
      StringBuilder h = new StringBuilder();
      headers.keySet().forEach(n -> h.append(h.isEmpty() ? "" : ", ").append(n));
      secretHeaderVariables.forEach(
          (n, variable) -> {
            ApiKey k = secretHeaders.get(n);
            h.append(h.isEmpty() ? "" : ", ")
                .append(n)
                .append(" (")
                .append(variable)
                .append(k == null ? " unset" : " " + k.fingerprint())
                .append(')');
          });
      s.append(h);
    }
    if (!query.isEmpty()) {
      s.append(s.isEmpty() ? "" : "; ").append("query ").append(queryString().substring(1));
    }
    return s.toString();
  }

  /** Checks names and values; {@code where} is {@code providers.NAME}. */
  HostOptions validated(String where) {
    headers.forEach(
        (name, value) -> {
          header(name, where + ".headers");
          if (CREDENTIAL.matcher(name).matches()) {
            throw new ConfigException(
                where
                    + ".headers."
                    + name
                    + " carries a credential: write { env: VARIABLE } and set the variable,"
                    + " so the value never sits in the file or a log");
          }
          printable(value, where + ".headers." + name);
        });
    secretHeaderVariables.forEach((name, variable) -> header(name, where + ".headers"));
    query.forEach(
        (name, value) -> {
          if (!NAME.matcher(name).matches()) {
            throw new ConfigException(where + ".query: '" + name + "' is not a parameter name");
          }
          if (CREDENTIAL.matcher(name).matches()) {
            throw new ConfigException(
                where
                    + ".query."
                    + name
                    + " carries a credential: use key_header (or headers with { env: VARIABLE }),"
                    + " since a URL ends up in logs");
          }
          printable(value, where + ".query." + name);
        });
    if (keyHeader != null) {
      header(keyHeader, where + ".key_header");
    }
    return this;
  }

  private static void header(String name, String where) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(where + ": '" + name + "' is not a header name");
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new ConfigException(where + ": " + name + " is set by Socra itself");
    }
  }

  private static void printable(String value, String where) {
    if (value == null || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new ConfigException(
          where + " must be printable ASCII, as an HTTP header or URL carries it");
    }
  }
}
