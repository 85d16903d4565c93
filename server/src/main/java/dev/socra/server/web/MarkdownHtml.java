package dev.socra.server.web;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown as safe HTML with a table of contents. The text comes from language models, so raw HTML
 * in it is escaped and link targets such as {@code javascript:} are dropped; headings get ids that
 * the contents link to.
 */
final class MarkdownHtml {
  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  /** A heading in the contents: level 2 or 3. */
  record TocEntry(int level, String text, String id) {}

  record Rendered(String html, List<TocEntry> toc) {}

  private MarkdownHtml() {}

  static Rendered render(String markdown) {
    Node document = PARSER.parse(markdown);
    Map<Node, String> ids = new IdentityHashMap<>();
    List<TocEntry> toc = new ArrayList<>();
    IdGenerator generator = IdGenerator.builder().build();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            String text = text(heading);
            String id = generator.generateId(text);
            ids.put(heading, id);
            if (heading.getLevel() == 2 || heading.getLevel() == 3) {
              toc.add(new TocEntry(heading.getLevel(), text, id));
            }
          }
        });
    HtmlRenderer renderer =
        HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(
                context ->
                    (node, tag, attributes) -> {
                      String id = ids.get(node);
                      if (id != null) {
                        attributes.put("id", id);
                      }
                    })
            .build();
    return new Rendered(renderer.render(document), toc);
  }

  private static String text(Node node) {
    StringBuilder b = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text text) {
            b.append(text.getLiteral());
          }

          @Override
          public void visit(Code code) {
            b.append(code.getLiteral());
          }
        });
    return b.toString().strip();
  }
}
