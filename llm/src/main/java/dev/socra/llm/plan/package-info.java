/**
 * {@code socra plan}: a pipeline profile replayed against a route's configured limits on simulated
 * time, through the router's own {@link dev.socra.llm.budget.TargetBudget}, so the rate-limit
 * arithmetic is tested before parallel calls are deployed. No provider is ever called.
 */
package dev.socra.llm.plan;
