package dev.socra.core.interview;

/**
 * A score the evaluator moved that the evidence rules held back.
 *
 * @param proposed what the evaluator wrote
 * @param kept what stands
 * @param rule which rule held it: {@link EvidenceRules#NO_NEW_QUOTE}, {@link
 *     EvidenceRules#CLAIMS_CAP} or {@link EvidenceRules#NO_QUOTE}
 */
public record HeldScore(Dimension dimension, int proposed, int kept, String rule) {}
