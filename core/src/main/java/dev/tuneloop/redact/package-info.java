/**
 * Masking personal data before it leaves the process: {@link dev.tuneloop.redact.Redactor} (the standard rules for
 * e-mails, phone numbers, payment cards, US SSNs, IBANs, IP addresses and secrets), {@link dev.tuneloop.redact.PiiType}
 * and the {@link dev.tuneloop.redact.Redaction} it returns. Exports run it on every text by default.
 *
 * <p>Depends on {@code errors} only. Nothing here logs or keeps the texts it sees.
 */
@NullMarked
package dev.tuneloop.redact;

import org.jspecify.annotations.NullMarked;
