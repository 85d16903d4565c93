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
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Markdown as safe HTML with a table of contents. The text comes from language models, so raw HTML
 * in it is escaped; links go only to {@code http}, {@code https}, {@code mailto} and addresses on
 * this site ({@code javascript:}, {@code data:} and every other scheme are dropped) and never send
 * a referrer; images become their description, since an image from another site would tell it that
 * the page was read (the page's Content-Security-Policy refuses them too). Headings get ids that
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
    withoutImages(document);
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
            .urlSanitizer(new SafeUrls())
            .attributeProviderFactory(
                context ->
                    (node, tag, attributes) -> {
                      String id = ids.get(node);
                      if (id != null) {
                        attributes.put("id", id);
                      }
                      if (node instanceof Link) {
                        attributes.put("rel", "nofollow noopener noreferrer");
                      }
                    })
            .build();
    return new Rendered(renderer.render(document), toc);
  }

  /** Each image is replaced by its description, as text. */
  private static void withoutImages(Node document) {
    List<Image> images = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Image image) {
            images.add(image);
          }
        });
    for (Image image : images) {
      String alt = text(image);
      image.insertBefore(new Text(alt.isEmpty() ? "(image)" : alt));
      image.unlink();
    }
  }

  /** Where a link may lead: the web, e-mail, this site. */
  static final class SafeUrls implements UrlSanitizer {
    private static final List<String> SCHEMES = List.of("http", "https", "mailto");

    @Override
    public String sanitizeLinkUrl(String url) {
      String u = url.strip();
      int colon = u.indexOf(':');
      int cut = firstOf(u, "/?#");
      if (colon < 0 || (cut >= 0 && cut < colon)) {
        return u; // no scheme: a place on this site
      }
      String scheme = u.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
      return SCHEMES.contains(scheme) ? u : "";
    }

    @Override
    public String sanitizeImageUrl(String url) {
      return ""; // images are gone before rendering; nothing loads from anywhere
    }

    private static int firstOf(String s, String chars) {
      int best = -1;
      for (char c : chars.toCharArray()) {
        int i = s.indexOf(c);
        if (i >= 0 && (best < 0 || i < best)) {
          best = i;
        }
      }
      return best;
    }
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
