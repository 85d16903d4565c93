package dev.socra.llm.config.yaml;

import dev.socra.llm.config.RouterConfig.StubSettings;
import java.time.Duration;

/** {@code stub:}, demo mode's settings. */
public record StubSection(Duration tokenDelay) {

  public StubSettings toStubSettings() {
    return tokenDelay == null ? StubSettings.DEFAULTS : new StubSettings(tokenDelay);
  }
}
