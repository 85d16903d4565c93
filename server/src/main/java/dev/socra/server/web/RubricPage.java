package dev.socra.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * How the tribunal decides, as a page: docs/rubric.md itself, copied into the jar at build time
 * (one source for the documentation and the app), rendered once.
 */
@Controller
class RubricPage {
  static final String RESOURCE = "/docs/rubric.md";

  private final MarkdownHtml.Rendered rubric = MarkdownHtml.render(text());

  static String text() {
    try (InputStream in = RubricPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping("/rubric")
  String page(Model model) {
    model.addAttribute("html", rubric.html());
    return "rubric";
  }
}
