package dev.socra.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.Routers;
import dev.socra.core.Socra;
import dev.socra.core.session.InMemorySessionRepository;
import dev.socra.core.session.Session;
import dev.socra.llm.Router;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloaded Markdown is opened in whatever viewer the founder has: HTML, images and script
 * links in the idea, or in model text that quotes it, stay text there.
 */
@Tag("security")
class SessionMarkdownSafetyTest {
  static final String IDEA =
      "Tool rental for welders <img src=\"https://attacker.example/i.png\"> ![tracker]"
          + "(https://attacker.example/t.png) [win](javascript:alert(1)) <script>alert(2)</script>";

  @TempDir Path dir;

  @Test
  void rawHtmlImagesAndScriptLinksFromTheIdeaAndTheModelsAreNeutralised() {
    try (Router router = Routers.demo(dir)) {
      Socra socra = new Socra(router, new InMemorySessionRepository(), "default");
      Session s = socra.start(IDEA, 3);
      while (!s.interview().complete()) {
        s = socra.ask(s, t -> {});
        s = socra.answer(s, s.interview().open().evaluation().choices().getFirst());
      }
      s = socra.runPipeline(s, e -> {});
      String md = SessionMarkdown.render(s);

      assertThat(md).contains("welders \\<img src=").contains("\\<script>");
      assertThat(md.replace("\\<", "")).as("every < is escaped").doesNotContain("<");
      assertThat(md).doesNotContain("![").doesNotContain("](javascript:");
    }
  }
}
