package dev.socra.core.stub;

import dev.socra.core.idea.IdeaName;
import dev.socra.core.interview.IdeaKind;
import java.util.List;

/**
 * The words the demo's lines are filled with, from what the founder said: the idea's name ("the
 * marketplace for independent physiotherapists", or "your idea"), the people it is for, the price
 * or fee they stated, the competitors they named. A template says {@code {it}}, {@code {who}},
 * {@code {model}}, {@code {payer}}, {@code {rivals}}; a capital ({@code {It}}) starts a sentence.
 */
final class Wording {
  private final IdeaName name;
  private final IdeaKind kind;
  private final String who;
  private final String model;
  private final String payer;
  private final String rivals;

  Wording(IdeaWords words, FounderFacts facts, IdeaKind kind) {
    this.name = words.name();
    this.kind = kind;
    this.who = facts.customers().map(FounderFacts.Stated::text).orElse("people");
    this.model = facts.model().map(FounderFacts.Stated::text).orElse("");
    this.payer = facts.customers().map(FounderFacts.Stated::text).orElse(KindLines.payer(kind));
    List<String> names = facts.competitors().stream().map(FounderFacts.Stated::text).toList();
    this.rivals = names.isEmpty() ? "competitors" : joined(names);
  }

  IdeaName name() {
    return name;
  }

  IdeaKind kind() {
    return kind;
  }

  /** The idea in a sentence: "the booking tool for independent piano tuners" or "your idea". */
  String it() {
    return name.derived() ? "the " + name.phrase() : "your idea";
  }

  /**
   * The idea at its first mention in a text: the noun phrase, or "your idea" with the founder's
   * short first sentence after it in quotation marks.
   */
  String itFirst() {
    return name.inSentence();
  }

  boolean hasModel() {
    return !model.isEmpty();
  }

  boolean hasRivals() {
    return !rivals.equals("competitors");
  }

  String model() {
    return model;
  }

  String who() {
    return who;
  }

  String rivals() {
    return rivals;
  }

  String fill(String template) {
    return template
        .replace("{it}", it())
        .replace("{It}", capital(it()))
        .replace("{who}", who)
        .replace("{Who}", capital(who))
        .replace("{model}", model.isEmpty() ? "for it" : model)
        .replace("{payer}", payer)
        .replace("{Payer}", capital(payer))
        .replace("{rivals}", rivals);
  }

  /**
   * The template for the first question, which names the idea in full: its noun phrase, or the
   * founder's own first sentence in quotation marks when no phrase could be found.
   */
  String fillFirst(String template) {
    String named = name.inSentence();
    return fill(template.replace("{it}", named).replace("{It}", capital(named)));
  }

  /** The template with the idea's name as "it", for when the name makes a line too long. */
  String fillShort(String template) {
    return fill(template.replace("{it}", "it").replace("{It}", "It"));
  }

  static String capital(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    return new StringBuilder()
        .appendCodePoint(Character.toUpperCase(first))
        .append(s.substring(Character.charCount(first)))
        .toString();
  }

  /** "A", "A and B", "A, B and C". */
  static String joined(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.getFirst();
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
  }
}
