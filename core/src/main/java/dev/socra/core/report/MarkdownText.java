package dev.socra.core.report;

import java.util.regex.Pattern;

/**
 * Words from the founder or a model, made safe to put in a Markdown document that a person opens in
 * whatever viewer they have: no raw HTML (a {@code <} is escaped, so no tag can form), no image
 * (its address would be fetched when the document is opened, telling another site it was read), no
 * link to a script or an embedded document. Everything else, emphasis and lists included, is left
 * as written.
 */
final class MarkdownText {
  private static final Pattern DANGEROUS_LINK =
      Pattern.compile("\\]\\(\\s*(?i:javascript|data|vbscript|file):");

  private MarkdownText() {}

  static String safe(String text) {
    if (text == null) {
      return "";
    }
    String t = text.replace("<", "\\<").replace("![", "!\\[");
    return DANGEROUS_LINK.matcher(t).replaceAll("]\\\\(");
  }
}
