package dev.socra.server.billing;

import java.time.OffsetDateTime;

/**
 * One row of the credit ledger.
 *
 * @param kind {@code grant}, {@code purchase}, {@code spend}, {@code refund} or {@code reversal}
 * @param credits signed: what the row adds to the balance
 * @param cause why, unique: the payment, session run or admin grant it records
 */
public record CreditEntry(
    long id,
    String kind,
    int credits,
    String cause,
    String sessionId,
    Long paymentId,
    Long amountMinor,
    String currency,
    String note,
    OffsetDateTime createdAt) {}
