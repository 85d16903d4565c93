package dev.socra.server.lease;

import java.time.Instant;

/**
 * One server's claim on one piece of running work, as taken: writes made for the work check that
 * the database still holds this owner and fence.
 *
 * @param key what runs ({@code <session>/pipeline}, {@code <session>/turn/3})
 * @param subject whose data it writes (the session id)
 * @param owner the server ({@link ServerId})
 * @param fence raised by every takeover of the key
 * @param expiresAt when another server may take it over, unless renewed first
 */
public record WorkLease(String key, String subject, String owner, long fence, Instant expiresAt) {}
