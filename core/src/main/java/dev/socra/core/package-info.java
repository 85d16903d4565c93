/**
 * Socra's domain: the founder's idea, the interrogation, the specialists, the masterplan, the
 * verdict. Framework-free: it sees neither HTTP nor SQL, only the router and a session repository.
 */
package dev.socra.core;
