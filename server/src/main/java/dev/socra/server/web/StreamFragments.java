package dev.socra.server.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * HTML for streamed events, from the fragments of {@code templates/stream.html}: rendered outside a
 * request's view, so those fragments take every URL as a variable and hold no forms (forms, which
 * need the CSRF field, are fetched as ordinary fragments when an event says they changed).
 */
@Component
class StreamFragments {
  private final ITemplateEngine templates;

  StreamFragments(ITemplateEngine templates) {
    this.templates = templates;
  }

  String render(String fragment, Map<String, Object> variables) {
    return templates
        .process("stream", Set.of(fragment), new Context(Locale.ENGLISH, variables))
        .strip();
  }

  /** An element that, once swapped in, fetches {@code url} into {@code target} by {@code swap}. */
  String fetch(String url, String target, String swap) {
    return render("fetch", Map.of("url", url, "target", target, "swap", swap));
  }
}
