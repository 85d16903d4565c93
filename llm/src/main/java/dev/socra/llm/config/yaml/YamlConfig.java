package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config file as written, one record per section, every section optional. It says nothing of
 * the environment: {@code ConfigLoader} lays the environment over it and builds the {@code
 * RouterConfig}.
 */
public record YamlConfig(
    Map<String, ProviderSection> providers,
    @JsonSetter(contentNulls = Nulls.FAIL) Map<String, RouteSection> routes,
    @JsonSetter(contentNulls = Nulls.FAIL) Map<String, PriceSection> prices,
    TimeoutsSection timeouts,
    RetrySection retry,
    CircuitSection circuit,
    StubSection stub) {

  public static final YamlConfig EMPTY = new YamlConfig(null, null, null, null, null, null, null);

  public YamlConfig {
    // A provider written with nothing under it ("groq:") changes nothing.
    Map<String, ProviderSection> p = new LinkedHashMap<>();
    if (providers != null) {
      providers.forEach((name, s) -> p.put(name, s == null ? ProviderSection.EMPTY : s));
    }
    providers = Collections.unmodifiableMap(p);
    routes = routes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    prices = prices == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(prices));
  }

  /**
   * Reads and binds {@code file}. Anything wrong is one {@code ConfigException} naming the setting
   * by its full path ({@code providers.groq.limits.rpm}) and what it must be.
   */
  public static YamlConfig read(Path file) {
    return YamlReader.read(file);
  }
}
