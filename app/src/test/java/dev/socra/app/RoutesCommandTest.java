package dev.socra.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.llm.testkit.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RoutesCommandTest {
  private static final Pattern TARGET_LINE =
      Pattern.compile("^  \\d+\\. (\\S+)  \\[", Pattern.MULTILINE);

  static List<String> printedOrder(String routes) {
    List<String> order = new ArrayList<>();
    String defaultRoute = routes.substring(routes.indexOf("route default"));
    int next = defaultRoute.indexOf("\nroute ", 1);
    Matcher m = TARGET_LINE.matcher(next < 0 ? defaultRoute : defaultRoute.substring(0, next));
    while (m.find()) {
      order.add(m.group(1));
    }
    return order;
  }

  @Test
  void withNoKeyTheRouteIsTheDemoStub() {
    Cli.Result r = Cli.run(Map.of(), "routes");
    assertThat(r.exitCode()).isZero();
    assertThat(printedOrder(r.out())).containsExactly("stub/socra-demo");
    assertThat(r.out()).contains("demo mode");
  }

  @Test
  void theStubNeverAppearsBehindARealProvider() {
    Cli.Result r =
        Cli.run(Map.of("GROQ_API_KEY", "test-key-groq-abcdefghijklmnopqrstuvwx"), "routes");
    assertThat(printedOrder(r.out())).containsExactly("groq/llama-3.1-8b-instant");
    assertThat(r.out()).contains("stub: off").contains("GROQ_API_KEY test…uvwx");
  }

  @Test
  void thePrintedOrderIsTheOrderTheRouterTriesTargets() throws Exception {
    try (FakeProvider fake = FakeProvider.start(0)) {
      Map<String, String> env = new java.util.HashMap<>(FakeEnv.all(fake));
      // every target fails the same way, so the router must walk the whole route
      env.put("ANTHROPIC_MODEL", "status=503");
      env.put("GOOGLE_MODEL", "status=503+g");
      env.put("GROQ_MODEL", "status=503+q");
      env.put("OPENAI_MODEL", "status=503+o");
      for (String order : List.of("", "openai,groq,anthropic,google", "groq,google")) {
        Map<String, String> e = new java.util.HashMap<>(env);
        if (!order.isEmpty()) {
          e.put("SOCRA_ROUTE", order);
        }
        List<String> printed = printedOrder(Cli.run(e, "routes").out());
        Cli.Result call = Cli.run(e, "llm", "--json", "hello");
        assertThat(call.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(call.out());
        List<String> tried = new ArrayList<>();
        json.path("attempts").forEach(a -> tried.add(a.path("target").asText()));
        assertThat(tried).as("route %s", order).isEqualTo(printed).isNotEmpty();
        if (order.isEmpty()) {
          assertThat(printed)
              .extracting(t -> t.substring(0, t.indexOf('/')))
              .containsExactly("anthropic", "google", "groq", "openai");
        }
      }
    }
  }
}
