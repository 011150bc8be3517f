package dev.tuneloop.redact;

import dev.tuneloop.errors.ValidationException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Masks personal data and secrets in a text before it leaves the system (exports, logs, review screens).
 *
 * <p>SPI: implement {@link #redact}; {@link #andThen} composes redactors. Implementations must be thread-safe, must
 * never put the values they find in exceptions or logs, and should be idempotent (redacting a redacted text changes
 * nothing).
 */
@FunctionalInterface
public interface Redactor {

    /**
     * Redacts one text.
     *
     * @param text the text to redact
     * @return the redacted text and its counts
     * @throws ValidationException when {@code text} is null
     */
    Redaction redact(String text);

    /**
     * Runs this redactor, then {@code next} on its output; counts are added.
     *
     * @param next the redactor run second
     * @return a redactor running both
     * @throws NullPointerException when {@code next} is null
     */
    default Redactor andThen(Redactor next) {
        Objects.requireNonNull(next, "next");
        return text -> {
            Redaction first = redact(text);
            Redaction second = next.redact(first.text());
            if (!second.changed()) {
                return first;
            }
            Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
            counts.putAll(first.counts());
            second.counts().forEach((type, n) -> counts.merge(type, n, Integer::sum));
            return new Redaction(second.text(), counts);
        };
    }

    /**
     * The standard redactor, masking every {@link PiiType} with its placeholder: emails (local parts in any script),
     * phone numbers (international with the national number's length checked per country, and common national
     * formats), payment cards (issuer prefix + Luhn), US SSNs (SSA-invalid ranges excluded), IBANs (length + mod-97),
     * IPv4/IPv6 addresses, and secrets (provider API keys and tokens, JWTs, PEM private keys, {@code Bearer} and HTTP
     * {@code Basic} credentials, {@code user:password@} in URLs, values of {@code password=}/{@code secret:}/
     * {@code api_key=} assignments). Markdown and log punctuation ({@code [ ] ( ) < > | * _ `}, quotes) separates
     * values from their neighbours. Thread-safe; time linear in the text length.
     *
     * @return the standard redactor
     */
    static Redactor standard() {
        return StandardRedactor.ALL;
    }

    /**
     * The standard redactor restricted to some types (the others are left in the text).
     *
     * @param types the types to mask
     * @return a redactor masking only {@code types}
     * @throws ValidationException when {@code types} is null or empty
     */
    static Redactor standard(Set<PiiType> types) {
        if (types == null || types.isEmpty()) {
            throw new ValidationException("types must name at least one PiiType, but was " + types);
        }
        return new StandardRedactor(EnumSet.copyOf(types));
    }

    /**
     * A redactor that returns every text unchanged with no counts, for hosts that redact elsewhere.
     *
     * @return a redactor that masks nothing
     */
    static Redactor none() {
        return text -> {
            if (text == null) {
                throw new ValidationException("text is required, but was null");
            }
            return Redaction.unchanged(text);
        };
    }
}
