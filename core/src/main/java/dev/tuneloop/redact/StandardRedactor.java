package dev.tuneloop.redact;

import dev.tuneloop.ValidationException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard {@link Redactor}: one precompiled pattern per kind of finding, each followed by a validator (checksum,
 * range or digit-count rule) that decides whether the match is really that kind.
 *
 * <p><b>Linear time.</b> Java's regex engine backtracks, so every pattern here is written so that no start position
 * costs more than a bounded amount of work, or, for unbounded token runs, so that a start is only tried at the start of
 * a run: each pattern opens with a look-behind that rejects a start inside a word, repeated parts are possessive
 * ({@code ++}, {@code {m,n}+}) where giving characters back cannot help, and there is no nested unbounded quantifier.
 * The one search that is not a regex (a PEM block's end marker) remembers where the next marker is.
 *
 * <p><b>Priority.</b> Rules run in the order of {@link #RULES}; a later finding that overlaps an earlier one is
 * dropped: secrets first (a JWT may contain anything), then emails, IBANs, cards, SSNs, IP addresses, phones.
 * Boundaries treat {@code [} and {@code ]} as word characters so that a placeholder never creates a boundary that was
 * not there: redacting a redacted text finds nothing.
 *
 * <p>Immutable and thread-safe ({@link Pattern} is; a {@link Matcher} is made per call).
 */
final class StandardRedactor implements Redactor {

    private final Set<PiiType> types;
    private final List<Rule> rules;

    StandardRedactor(Set<PiiType> types) {
        this.types = EnumSet.copyOf(types);
        List<Rule> selected = new ArrayList<>();
        for (Rule rule : RULES) {
            if (this.types.contains(rule.type())) {
                selected.add(rule);
            }
        }
        this.rules = List.copyOf(selected);
    }

    @Override
    public Redaction redact(String text) {
        if (text == null) {
            throw new ValidationException("text is required, but was null");
        }
        Findings findings = new Findings(text);
        Hints hints = Hints.of(text);
        for (Rule rule : rules) {
            if (rule.worthTrying(hints)) {
                rule.find(findings);
            }
        }
        return findings.toRedaction();
    }

    @Override
    public String toString() {
        return "Redactor.standard" + types;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cheap facts about the text that let most rules skip it entirely.

    record Hints(boolean digit, boolean at, boolean assignment) {
        static Hints of(String s) {
            boolean digit = false;
            boolean at = false;
            boolean assignment = false;
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c == '@') {
                    at = true;
                } else if (c == '=' || c == ':') {
                    assignment = true;
                }
            }
            return new Hints(digit, at, assignment);
        }
    }

    enum Needs { NOTHING, DIGIT, AT, ASSIGNMENT }

    /** A kind of finding: a pattern and a validator that returns the span to mask. */
    abstract static class Rule {
        private final PiiType type;
        private final Needs needs;

        Rule(PiiType type, Needs needs) {
            this.type = type;
            this.needs = needs;
        }

        PiiType type() {
            return type;
        }

        boolean worthTrying(Hints h) {
            return switch (needs) {
                case NOTHING -> true;
                case DIGIT -> h.digit();
                case AT -> h.at();
                case ASSIGNMENT -> h.assignment();
            };
        }

        abstract void find(Findings out);
    }

    /** Validates a match: returns {@code (start << 32) | end} of the span to mask, or -1 to reject. */
    @FunctionalInterface
    interface Validator {
        long accept(String text, Matcher m);
    }

    static final class RegexRule extends Rule {
        private final Pattern pattern;
        private final Validator validator;

        RegexRule(PiiType type, Needs needs, String regex, Validator validator) {
            super(type, needs);
            this.pattern = Pattern.compile(regex);
            this.validator = validator;
        }

        @Override
        void find(Findings out) {
            String text = out.text();
            Matcher m = pattern.matcher(text);
            int from = 0;
            while (from < text.length() && m.find(from)) {
                long span = validator.accept(text, m);
                if (span >= 0) {
                    int start = (int) (span >>> 32);
                    int end = (int) span;
                    out.add(start, end, type());
                    from = Math.max(end, m.start() + 1);
                } else {
                    // a valid finding may start inside a rejected match
                    from = m.start() + 1;
                }
            }
        }
    }

    static long span(int start, int end) {
        return ((long) start << 32) | end;
    }

    static long whole(String text, Matcher m) {
        return span(m.start(), m.end());
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '[' || c == ']';
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Boundaries: W = a character that glues a match to its neighbour. '[' and ']' count, see the class comment.

    private static final String W = "\\p{L}\\p{N}_\\[\\]";

    // ---------------------------------------------------------------------------------------------------------------
    // Secrets

    /** PEM private key blocks: from BEGIN to the matching END line (or, without an END, the base64 body). */
    static final class PemRule extends Rule {
        private static final Pattern BEGIN = Pattern.compile("-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY-----");
        private static final Pattern END = Pattern.compile("-----END (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY-----");

        PemRule() {
            super(PiiType.SECRET, Needs.NOTHING);
        }

        @Override
        void find(Findings out) {
            String text = out.text();
            if (!text.contains("-----BEGIN ")) {
                return;
            }
            Matcher begin = BEGIN.matcher(text);
            Matcher end = END.matcher(text);
            int endStart = -2; // -2: not searched yet; -1: no END marker at or after endSearchedFrom
            int endEnd = -1;
            int from = 0;
            while (begin.find(from)) {
                int stop;
                if (endStart == -2 || (endStart >= 0 && endStart < begin.end())) {
                    if (end.find(begin.end())) {
                        endStart = end.start();
                        endEnd = end.end();
                    } else {
                        endStart = -1;
                    }
                }
                if (endStart >= 0) {
                    stop = endEnd;
                } else {
                    stop = begin.end();
                    while (stop < text.length() && isPemBody(text.charAt(stop))) {
                        stop++;
                    }
                }
                out.add(begin.start(), stop, type());
                from = stop;
                if (from >= text.length()) {
                    break;
                }
            }
        }

        private static boolean isPemBody(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\t';
        }
    }

    private static final String B64URL = "A-Za-z0-9_\\-";

    static final Rule JWT = new RegexRule(PiiType.SECRET, Needs.NOTHING,
            "(?<![" + W + "\\-])eyJ[" + B64URL + "]{5,}+\\.[" + B64URL + "]{5,}+\\.[" + B64URL + "]*+",
            StandardRedactor::whole);

    static final Rule PROVIDER_KEYS = new RegexRule(PiiType.SECRET, Needs.NOTHING,
            "(?<![" + W + "\\-])(?:"
                    + "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}+"           // OpenAI
                    + "|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])"          // AWS access key id
                    + "|gh[pousr]_[A-Za-z0-9]{36,}+"                                // GitHub tokens
                    + "|github_pat_[A-Za-z0-9_]{22,}+"                              // GitHub fine-grained PAT
                    + "|xox[baprs]-[A-Za-z0-9\\-]{10,}+"                            // Slack
                    + "|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}+"                  // Stripe secret / restricted
                    + "|AIza[A-Za-z0-9_\\-]{35}(?![A-Za-z0-9_\\-])"                  // Google API key
                    + ")",
            StandardRedactor::whole);

    /** {@code Authorization: Bearer <token>}: the token. */
    static final Rule BEARER = new RegexRule(PiiType.SECRET, Needs.NOTHING,
            "(?<![" + W + "])(?i:bearer)[ \\t]{1,5}+([A-Za-z0-9._~+/\\-]{20,}+=*+)",
            (text, m) -> span(m.start(1), m.end(1)));

    private static final String SECRET_KEY_NAMES = "(?:password|passwd|pwd|passphrase|secret|credentials?"
            + "|api[_\\-]?key|apikey|access[_\\-]?key|private[_\\-]?key|signing[_\\-]?key"
            + "|(?:access|auth|refresh|session|api|bearer|client)[_\\-]?token)";

    /**
     * {@code password=...}, {@code "api_key": "..."}, {@code DB_PASSWORD = ...}, {@code client_secret: ...}: the value.
     * A quoted value, or an unquoted one glued to {@code =}, is always masked; an unquoted value after {@code :} or
     * after spaces only when it looks like a credential (so prose such as "the secret: growth" is left alone).
     */
    static final Rule ASSIGNMENT = new RegexRule(PiiType.SECRET, Needs.ASSIGNMENT,
            "(?i)(?<![A-Za-z0-9])(?:[A-Za-z0-9]{1,30}[_.\\-]){0,3}?" + SECRET_KEY_NAMES
                    + "[\"']?([ \\t]{0,5}+)([:=])([ \\t]{0,5}+)"
                    + "(?:\"([^\"\\r\\n]{1,256}+)\"|'([^'\\r\\n]{1,256}+)'|([^\\s\"',;]{1,256}+))",
            StandardRedactor::assignmentValue);

    private static long assignmentValue(String text, Matcher m) {
        for (int g = 4; g <= 5; g++) {
            if (m.start(g) >= 0) {
                String value = text.substring(m.start(g), m.end(g));
                return isPlaceholder(value) || value.isBlank() ? -1 : span(m.start(g), m.end(g));
            }
        }
        int start = m.start(6);
        int end = m.end(6);
        while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == ')')) {
            end--;
        }
        if (end == start) {
            return -1;
        }
        String value = text.substring(start, end);
        if (isPlaceholder(value)) {
            return -1;
        }
        boolean glued = m.group(2).equals("=") && m.end(1) == m.start(1) && m.end(3) == m.start(3);
        return glued || looksLikeCredential(value) ? span(start, end) : -1;
    }

    /** At least 6 characters with a digit, a symbol, or an upper-case letter after a lower-case one. */
    private static boolean looksLikeCredential(String v) {
        if (v.length() < 6) {
            return false;
        }
        boolean lower = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isDigit(c) || !Character.isLetterOrDigit(c)) {
                return true;
            }
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (lower && Character.isUpperCase(c)) {
                return true;
            }
        }
        return false;
    }

    static boolean isPlaceholder(String value) {
        for (PiiType t : PiiType.values()) {
            if (value.equals(t.placeholder())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Email: local part (bounded, possessive) @ dot-separated labels and an alphabetic TLD.

    static final Rule EMAIL = new RegexRule(PiiType.EMAIL, Needs.AT,
            "(?<![" + W + ".%+\\-])[A-Za-z0-9._%+\\-]{1,64}+@"
                    + "(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.){1,10}[A-Za-z]{2,24}(?![" + W + "\\-])",
            StandardRedactor::whole);

    // ---------------------------------------------------------------------------------------------------------------
    // IBAN: country, check digits, 10-30 alphanumerics with optional single spaces; length by country, mod 97.

    static final Rule IBAN = new RegexRule(PiiType.IBAN, Needs.DIGIT,
            "(?<![" + W + "])([A-Z]{2})([0-9]{2})((?: ?[A-Z0-9]){10,30}+)",
            StandardRedactor::iban);

    private static long iban(String text, Matcher m) {
        Integer length = Checksums.IBAN_LENGTHS.get(m.group(1));
        if (length == null) {
            return -1;
        }
        StringBuilder compact = new StringBuilder(34).append(m.group(1)).append(m.group(2));
        int i = m.start(3);
        int end = m.end(3);
        while (i < end && compact.length() < length) {
            char c = text.charAt(i++);
            if (c != ' ') {
                compact.append(c);
            }
        }
        if (compact.length() != length || (i < text.length() && isWordChar(text.charAt(i)))) {
            return -1;
        }
        return Checksums.ibanMod97(compact) ? span(m.start(), i) : -1;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Payment card: 13-19 digits, optionally in groups split by one kind of separator; issuer prefix + Luhn.

    static final Rule CARD = new RegexRule(PiiType.PAYMENT_CARD, Needs.DIGIT,
            "(?<![" + W + ".,\\-])[0-9](?:[ \\-]?+[0-9]){12,22}+",
            StandardRedactor::card);

    private static long card(String text, Matcher m) {
        int start = m.start();
        int end = m.end();
        // groups of digits between separators
        List<int[]> groups = new ArrayList<>();
        char sep = 0;
        int g = start;
        for (int i = start; i <= end; i++) {
            if (i == end || text.charAt(i) == ' ' || text.charAt(i) == '-') {
                if (i < end) {
                    if (sep == 0) {
                        sep = text.charAt(i);
                    } else if (sep != text.charAt(i)) {
                        break;
                    }
                }
                groups.add(new int[] {g, i});
                g = i + 1;
            }
        }
        // try the longest prefix of whole groups that is a card (trailing groups may be other numbers)
        for (int count = groups.size(); count >= 1; count--) {
            int stop = groups.get(count - 1)[1];
            if (stop < text.length() && followsAsNumber(text, stop)) {
                continue;
            }
            if (validCardGroups(groups, count)) {
                StringBuilder digits = new StringBuilder(19);
                for (int k = 0; k < count; k++) {
                    digits.append(text, groups.get(k)[0], groups.get(k)[1]);
                }
                int len = digits.length();
                if (len >= 13 && len <= 19 && Checksums.knownIssuer(digits) && Checksums.luhn(digits)) {
                    return span(start, stop);
                }
            }
        }
        return -1;
    }

    /** Whether the number continues at {@code i}: a digit, a word character, or {@code .5} / {@code ,000}. */
    private static boolean followsAsNumber(String text, int i) {
        char c = text.charAt(i);
        if (isWordChar(c)) {
            return true;
        }
        return (c == '.' || c == ',') && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
    }

    /** One group of 13-19 digits, or 4-4-4-4(-3), 4-6-5, 4-6-4 as printed on cards. */
    private static boolean validCardGroups(List<int[]> groups, int count) {
        if (count == 1) {
            return true;
        }
        int[] lens = new int[count];
        for (int k = 0; k < count; k++) {
            lens[k] = groups.get(k)[1] - groups.get(k)[0];
        }
        if (count == 3 && lens[0] == 4 && lens[1] == 6 && (lens[2] == 5 || lens[2] == 4)) {
            return true;
        }
        for (int k = 0; k < count - 1; k++) {
            if (lens[k] != 4) {
                return false;
            }
        }
        return count >= 4 && lens[count - 1] >= 1 && lens[count - 1] <= 4;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // US SSN: ddd-dd-dddd (or with spaces), SSA never-issued ranges excluded.

    static final Rule SSN = new RegexRule(PiiType.US_SSN, Needs.DIGIT,
            "(?<![" + W + ".,\\-])([0-9]{3})([ \\-])([0-9]{2})\\2([0-9]{4})(?![" + W + "]|[.,\\-][0-9])",
            (text, m) -> Checksums.validSsn(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4))) ? whole(text, m) : -1);

    // ---------------------------------------------------------------------------------------------------------------
    // IP addresses

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";

    /** Four dotted octets 0-255 without leading zeros. A four-part version string (1.2.3.4) is an IP too. */
    static final Rule IPV4 = new RegexRule(PiiType.IP_ADDRESS, Needs.DIGIT,
            "(?<![" + W + ".])(?:" + OCTET + "\\.){3}" + OCTET + "(?![" + W + "]|\\.[0-9])",
            StandardRedactor::whole);

    /** A run of hex digits, colons and dots with two colons near its start, validated by {@link #validIpv6}. */
    static final Rule IPV6 = new RegexRule(PiiType.IP_ADDRESS, Needs.NOTHING,
            "(?<![" + W + ":.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:.]{2,45}+(%[0-9A-Za-z]{1,15}+)?",
            StandardRedactor::ipv6);

    private static long ipv6(String text, Matcher m) {
        int end = m.end();
        if (end < text.length() && isWordChar(text.charAt(end))) {
            return -1;
        }
        if (!hasHexDigit(text, m.start(), end)) {
            return -1;
        }
        if (m.start(1) >= 0) {
            return validIpv6(text, m.start(), m.start(1)) ? span(m.start(), end) : -1;
        }
        // sentence punctuation may follow the address: "... at fe80::1." or "host 2001:db8::1:"
        for (int stop = end; stop > m.start() + 1; stop--) {
            if (validIpv6(text, m.start(), stop)) {
                return span(m.start(), stop);
            }
            char last = text.charAt(stop - 1);
            if (last != '.' && last != ':') {
                return -1;
            }
        }
        return -1;
    }

    /** RFC 4291 text forms: eight groups, or fewer with one "::", optionally ending in dotted IPv4. */
    static boolean validIpv6(String s, int from, int to) {
        int doubleColon = s.indexOf("::", from);
        if (doubleColon >= to - 1) {
            doubleColon = -1;
        }
        if (doubleColon >= 0) {
            int again = s.indexOf("::", doubleColon + 1);
            if (again >= 0 && again < to - 1) {
                return false;
            }
        }
        int groups = 0;
        int i = from;
        boolean hex = false;
        if (doubleColon == from) {
            i = from + 2;
        } else if (s.charAt(from) == ':') {
            return false;
        }
        while (i < to) {
            int start = i;
            while (i < to && isHex(s.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (i < to && s.charAt(i) == '.') {
                // embedded IPv4 must be the last part
                return len > 0 && validDottedQuad(s, start, to) && groups + 2 <= (doubleColon >= 0 ? 7 : 8)
                        && (doubleColon >= 0 || groups + 2 == 8);
            }
            if (len == 0 || len > 4) {
                return false;
            }
            hex = true;
            groups++;
            if (i == to) {
                break;
            }
            // s[i] == ':'
            if (i == doubleColon) {
                i += 2;
                if (i == to) {
                    break;
                }
            } else {
                i++;
                if (i == to) {
                    return false; // trailing single colon
                }
            }
        }
        if (doubleColon >= 0) {
            return groups <= 7;
        }
        return hex && groups == 8;
    }

    private static boolean validDottedQuad(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return false;
    }

    private static boolean hasHexDigit(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isHex(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Phones. Without libphonenumber (core keeps its dependencies to Jackson, SLF4J and jtokkit), three shapes with
    // digit-count rules; anything else is left alone rather than guessed at, because amounts, dates, CIKs and
    // accession numbers are all digit runs too.

    private static final String PHONE_END = "(?![" + W + "]|[.,\\-/][0-9])";
    private static final String PHONE_START = "(?<![" + W + "+.,\\-/])";

    /** {@code +CC} then groups split by space, dot or dash, optionally one group in parentheses; 8-15 digits (E.164). */
    static final Rule PHONE_INTERNATIONAL = new RegexRule(PiiType.PHONE, Needs.DIGIT,
            PHONE_START + "\\+[1-9][0-9]{0,3}+(?:[ .\\-]?+\\(?+[0-9]{1,5}+\\)?+){1,6}+" + PHONE_END,
            (text, m) -> {
                int digits = 0;
                int open = 0;
                int close = 0;
                for (int i = m.start(); i < m.end(); i++) {
                    char c = text.charAt(i);
                    if (c >= '0' && c <= '9') {
                        digits++;
                    } else if (c == '(') {
                        open++;
                    } else if (c == ')') {
                        close++;
                    }
                }
                boolean balanced = open == close && open <= 1;
                return digits >= 8 && digits <= 15 && balanced && text.charAt(m.end() - 1) != '(' ? whole(text, m)
                        : -1;
            });

    /** NANP: optional 1, area code and exchange starting 2-9, with separators: (415) 555-2671, 415-555-2671. */
    static final Rule PHONE_US = new RegexRule(PiiType.PHONE, Needs.DIGIT,
            PHONE_START + "(?:1[ .\\-])?(?:\\([2-9][0-9]{2}\\)[ .\\-]?|[2-9][0-9]{2}[ .\\-])[2-9][0-9]{2}[ .\\-][0-9]{4}"
                    + PHONE_END,
            StandardRedactor::whole);

    /** Trunk-prefix national numbers (UK and much of Europe): 0 then 9-10 digits in 3 groups: 020 7946 0958. */
    static final Rule PHONE_TRUNK = new RegexRule(PiiType.PHONE, Needs.DIGIT,
            PHONE_START + "0[1-9][0-9]{1,3}[ \\-][0-9]{3,4}[ \\-]?[0-9]{3,4}" + PHONE_END,
            (text, m) -> {
                int digits = 0;
                for (int i = m.start(); i < m.end(); i++) {
                    if (Character.isDigit(text.charAt(i))) {
                        digits++;
                    }
                }
                return digits >= 10 && digits <= 11 ? whole(text, m) : -1;
            });

    /** In priority order. */
    static final List<Rule> RULES = List.of(
            new PemRule(), JWT, PROVIDER_KEYS, BEARER, ASSIGNMENT,
            EMAIL, IBAN, CARD, SSN, IPV6, IPV4,
            PHONE_INTERNATIONAL, PHONE_US, PHONE_TRUNK);

    /** Declared after {@link #RULES}, which it reads. */
    static final StandardRedactor ALL = new StandardRedactor(EnumSet.allOf(PiiType.class));
}
