package dev.tuneloop.redact;

/**
 * Kinds of personal or secret data the {@linkplain Redactor#standard() standard redactor} masks, each with the
 * placeholder that replaces a finding in the text.
 */
public enum PiiType {
    /** An email address. */
    EMAIL("[EMAIL]"),
    /**
     * A phone number: international ({@code +CC ...} or {@code 00CC ...}, with a national number of a length that
     * country uses) or a common national format (US/NANP, trunk-prefix 0), with any extension.
     */
    PHONE("[PHONE]"),
    /** A payment card number (known issuer prefix, Luhn-valid, 13-19 digits). */
    PAYMENT_CARD("[CARD]"),
    /** A US Social Security number outside the ranges the SSA never issues. */
    US_SSN("[SSN]"),
    /** An International Bank Account Number with a valid length and mod-97 check. */
    IBAN("[IBAN]"),
    /** An IPv4 or IPv6 address. */
    IP_ADDRESS("[IP]"),
    /**
     * An API key or token, a private key block, HTTP Basic or URL credentials, or the value of a password/secret
     * assignment.
     */
    SECRET("[SECRET]");

    private final String placeholder;

    PiiType(String placeholder) {
        this.placeholder = placeholder;
    }

    /**
     * The text that replaces a finding of this type, e.g. {@code "[EMAIL]"}.
     *
     * @return the placeholder, in square brackets
     */
    public String placeholder() {
        return placeholder;
    }
}
