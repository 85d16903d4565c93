package dev.socra.llm.plan;

import java.time.Duration;

/** One stage of one session on fresh budgets: where its calls went, and how long it took. */
public record StagePlan(Stage stage, Tally calls, Duration wall) {}
