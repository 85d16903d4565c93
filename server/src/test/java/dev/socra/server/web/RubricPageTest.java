package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.testing.Http;
import dev.socra.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The verdict's rubric as a page of the app: docs/rubric.md itself, one source for both. */
class RubricPageTest {
  @Test
  void theAppShipsTheRubricOfTheDocsUnchanged() throws Exception {
    Path docs = Path.of("..", "docs", "rubric.md");
    assertThat(RubricPage.text()).isEqualTo(Files.readString(docs));
  }

  @Test
  void anyoneCanReadHowTheTribunalDecides() {
    Http.Response page = Http.anonymous(TestServer.shared().baseUrl()).get("/rubric");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("The tribunal's rubric</h1>")
        .contains("evidence_of_demand")
        .contains("<strong>pursue</strong>: the evidence supports building now.");
  }
}
