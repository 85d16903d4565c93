/**
 * Spending limits the caller keeps (a user's daily cap): {@link dev.socra.llm.spend.SpendGate}
 * holds each attempt's most possible cost before it is sent and settles it to the real cost after.
 */
package dev.socra.llm.spend;
