package dev.socra.llm.budget;

import java.time.Duration;

/** Whether a target's budget can take a request. */
public sealed interface Admission {
  /** Taken: send now, then settle the reservation with the real usage. */
  record Granted(Reservation reservation) implements Admission {}

  /** Not now: the earliest time it could, if nothing else takes the room first. */
  record Later(Duration delay, String reason) implements Admission {}

  /** Never: the request is larger than the target's whole budget for some window. */
  record Never(String reason) implements Admission {}
}
