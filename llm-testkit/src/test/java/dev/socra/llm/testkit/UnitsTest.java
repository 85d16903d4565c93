package dev.socra.llm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Directive parsing and the providers' time spellings. */
class UnitsTest {

  @Test
  void goDurationsAreSpelledLikeGo() {
    assertThat(Times.goDuration(0)).isEqualTo("0s");
    assertThat(Times.goDuration(20)).isEqualTo("20ms");
    assertThat(Times.goDuration(7660)).isEqualTo("7.66s");
    assertThat(Times.goDuration(17_040)).isEqualTo("17.04s");
    assertThat(Times.goDuration(360_000)).isEqualTo("6m0s");
    assertThat(Times.goDuration(179_560)).isEqualTo("2m59.56s");
    assertThat(Times.goDuration(3_723_500)).isEqualTo("1h2m3.5s");
  }

  @Test
  void resetTimesRoundUp() {
    assertThat(Times.rfc3339(Instant.parse("2026-01-02T03:04:05.100Z")))
        .isEqualTo("2026-01-02T03:04:06Z");
    assertThat(Times.ceilSeconds(17_040)).isEqualTo(18);
    assertThat(Times.httpDate(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("Fri, 02 Jan 2026 03:04:05 GMT");
  }

  @Test
  void aRealModelNameHasNoDirectives() {
    assertThat(Directives.parse("llama-3.1-8b-instant").values()).isEmpty();
    assertThat(Directives.parse("meta-llama/llama-4-scout-17b-16e-instruct").values()).isEmpty();
  }

  @Test
  void directivesAreParsedAndTheModelNameRecovered() {
    Directives d = Directives.parse("gpt-4o+status=429+retry-after=3+times=1+tokens=5");

    assertThat(d.number("status", 0)).isEqualTo(429);
    assertThat(d.tokens()).isEqualTo(5);
    assertThat(d.withoutFaults().values()).containsOnlyKeys("times", "tokens");
    assertThat(d.describe(Directives.FAULTS)).isEqualTo("status=429+retry-after=3");
    assertThat(Directives.baseModel("gpt-4o+status=429+retry-after=3")).isEqualTo("gpt-4o");
    assertThat(Directives.baseModel("status=429")).isEqualTo("status=429");
  }

  @Test
  void errorStatusIsExplicitOrImplied() {
    assertThat(Directives.parse("status=503").errorStatus(c -> 400)).isEqualTo(503);
    assertThat(Directives.parse("code=x").errorStatus(c -> 418)).isEqualTo(418);
    assertThat(Directives.parse("gemini-retry=3s").errorStatus(c -> 400)).isEqualTo(429);
    assertThat(Directives.parse("cut-after=3").errorStatus(c -> 400)).isZero();
  }
}
