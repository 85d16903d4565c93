package dev.socra.llm.budget;

import java.time.Duration;

/**
 * Room taken in a target's budget for one request. Settled once, after the attempt, with what the
 * provider really counted.
 *
 * @param delay how long the holder must wait before sending: zero when granted at once, more when
 *     the room was booked ahead in a queue
 */
public record Reservation(TargetBudget budget, Demand demand, Duration delay) {}
