package dev.tuneloop.redact;

import dev.tuneloop.errors.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
 * <p><b>Speed.</b> A pattern is not run over every position: {@link RegexRule} tries it only where a match can start
 * (a possible first character, not glued to a letter or digit, near an anchor, past a cheap per-rule precheck). One
 * scan of the text ({@link Starts}) finds the possible first characters for all rules at once, so a paragraph of prose
 * costs one table lookup per character, a bit test per word start and rule, and a regex attempt only at the few
 * plausible starts.
 *
 * <p><b>Priority.</b> Rules run in the order of {@link #RULES}; a later finding that overlaps an earlier one is
 * dropped: secrets first (a JWT may contain anything), then emails, IBANs, cards, SSNs, IP addresses, phones.
 * Only letters, digits and combining marks glue a match to its neighbour; brackets, parentheses, markdown and log
 * punctuation separate. A placeholder therefore separates too, and a match refused for what was glued to it may be
 * valid once that neighbour is masked: passes repeat until one finds nothing, so redacting a redacted text changes
 * nothing.
 *
 * <p>Immutable and thread-safe ({@link Pattern} is; each thread has its own {@link Matcher} per rule, which lets go of
 * the text when the rule is done with it).
 */
final class StandardRedactor implements Redactor {

    /** A bound on passes over one text; in practice one pass finds everything and a second confirms it. */
    private static final int MAX_PASSES = 8;

    private final Set<PiiType> types;
    private final List<Rule> rules;
    /** The bit of each of {@link #rules} in {@link Starts#rules}: its index in {@link #RULES}. */
    private final int[] bits;
    /** Whether each of {@link #rules} takes its starts from the shared scan. */
    private final boolean[] sharedStarts;

    StandardRedactor(Set<PiiType> types) {
        this.types = EnumSet.copyOf(types);
        List<Rule> selected = new ArrayList<>();
        for (Rule rule : RULES) {
            if (this.types.contains(rule.type())) {
                selected.add(rule);
            }
        }
        this.rules = List.copyOf(selected);
        this.bits = new int[rules.size()];
        this.sharedStarts = new boolean[rules.size()];
        for (int k = 0; k < bits.length; k++) {
            bits[k] = 1 << RULES.indexOf(rules.get(k));
            sharedStarts[k] = rules.get(k) instanceof RegexRule r && r.usesSharedStarts();
        }
    }

    @Override
    public Redaction redact(String text) {
        if (text == null) {
            throw new ValidationException("text is required, but was null");
        }
        return redact(text, UnaryOperator.identity());
    }

    /**
     * Redacts {@code text}, each pass reading its text through {@code view} (the same characters): tests pass a view
     * that counts the characters read, which measures the work of a redaction without a clock.
     */
    Redaction redact(String text, UnaryOperator<CharSequence> view) {
        Redaction result = pass(text, view);
        if (!result.changed()) {
            return result;
        }
        // A rule may reject a match because of what is glued to it ("+44 20 7946 0958x@example.com": the phone ends
        // in a word character); once the neighbour is masked the match is valid. Passes repeat until nothing changes,
        // so a redacted text is a fixed point: redacting it again changes nothing. Only an assignment value can
        // contain a placeholder, and a value that is exactly a placeholder is skipped, so this ends in a few passes.
        Map<PiiType, Integer> counts = new EnumMap<>(result.counts());
        for (int i = 1; i < MAX_PASSES; i++) {
            Redaction next = pass(result.text(), view);
            if (!next.changed()) {
                break;
            }
            next.counts().forEach((type, n) -> counts.merge(type, n, Integer::sum));
            result = next;
        }
        return new Redaction(result.text(), counts);
    }

    private Redaction pass(String original, UnaryOperator<CharSequence> view) {
        CharSequence text = view.apply(original);
        Findings findings = new Findings(text);
        Starts starts = Starts.of(text);
        for (int k = 0; k < bits.length; k++) {
            Rule rule = rules.get(k);
            // a rule of the shared scan with no start in this text has nothing to try
            if (rule.worthTrying(starts.hints()) && (!sharedStarts[k] || (starts.union & bits[k]) != 0)) {
                rule.find(findings, starts, bits[k]);
            }
        }
        return findings.toRedaction(original);
    }

    @Override
    public String toString() {
        return "Redactor.standard" + types;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cheap facts about the text that let most rules skip it entirely.

    record Hints(boolean digit, boolean at, boolean assignment) {}

    /**
     * The positions where some rule may start a match, found in one scan shared by all rules (scanning the text once
     * per rule cost more than all the regex attempts together): ASCII characters not glued to a preceding ASCII letter
     * or digit, each with the set of rules ({@code 1 << index in RULES}) for which it is a possible first character.
     * The same scan collects the text's {@link Hints}.
     */
    static final class Starts {
        private final CharSequence text;
        private int[] at;
        private int[] rules;
        private int size;
        private @Nullable Hints hints;
        /** The union of the rule bits of all starts. */
        int union;

        private Starts(CharSequence text) {
            this.text = text;
            // prose has a few starts per hundred characters once second characters are checked
            int capacity = Math.min(text.length(), 16);
            this.at = new int[capacity];
            this.rules = new int[capacity];
        }

        static Starts of(CharSequence text) {
            Starts s = new Starts(text);
            s.scan();
            return s;
        }

        private void scan() {
            CharSequence t = text;
            int seen = 0; // the union of the class bits of the text's characters
            int previous = 0; // the entry of the previous character
            for (int i = 0, n = t.length(); i < n; i++) {
                char c = t.charAt(i);
                int entry = c < 128 ? SCAN_TABLE[c] : 0; // class bits, and the rules c can start
                seen |= entry;
                int first = (previous & ALNUM) == 0 ? entry >>> RULE_SHIFT : 0; // none glued to a letter or digit
                previous = entry;
                if (first != 0) {
                    // most word starts are ruled out by their second character ("re..." for "rk_live_")
                    char d = i + 1 < n ? t.charAt(i + 1) : 128;
                    int both = first & (d < 128 ? RULES_BY_SECOND_CHAR[d] : RULES_WITH_ANY_SECOND_CHAR);
                    if (both != 0) {
                        add(i, both);
                        union |= both;
                    }
                }
            }
            hints = new Hints((seen & DIGIT) != 0, (seen & AT) != 0, (seen & ASSIGNMENT_SIGN) != 0);
        }

        private void add(int i, int ruleBits) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2 + 1);
                rules = Arrays.copyOf(rules, size * 2 + 1);
            }
            at[size] = i;
            rules[size] = ruleBits;
            size++;
        }

        Hints hints() {
            return Objects.requireNonNull(hints, "hints are set by scan()");
        }
    }

    enum Needs {
        NOTHING,
        DIGIT,
        AT,
        ASSIGNMENT
    }

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

        Needs needs() {
            return needs;
        }

        boolean worthTrying(Hints h) {
            return switch (needs) {
                case NOTHING -> true;
                case DIGIT -> h.digit();
                case AT -> h.at();
                case ASSIGNMENT -> h.assignment();
            };
        }

        /** Adds this rule's findings; {@code bit} selects the positions of {@code starts} that it may start at. */
        abstract void find(Findings out, Starts starts, int bit);
    }

    /**
     * Validates a match: returns {@code (start << 32) | end} of the span to mask ({@link #span}), -1 to reject, or a
     * {@link #claim} to reject and keep later rules out of a span.
     */
    @FunctionalInterface
    interface Validator {
        long accept(CharSequence text, Matcher m);
    }

    /**
     * A pattern tried only where a match can start: at a character of {@code starts} that is not glued to a preceding
     * ASCII letter or digit (every pattern's look-behind forbids those), and, when {@code anchors} is given, no further
     * than {@code reach} characters before the next anchor character (an email's '@', an assignment's ':' or '=').
     * Each try is a {@link Matcher#lookingAt()} on a region with transparent bounds, so look-arounds still see the
     * whole text. Skipping the impossible starts with a table lookup makes prose cost a few nanoseconds a character
     * instead of one regex attempt per character and rule.
     */
    static final class RegexRule extends Rule {
        private final Pattern pattern;
        private final Validator validator;
        private final boolean[] starts = new boolean[128];
        private final char @Nullable [] anchors;
        private final int reach;
        private final Precheck precheck;
        private final AnchorFilter anchorFilter;
        /** One matcher per thread, reset for each text: building a Matcher costs more than most attempts. */
        private final ThreadLocal<Matcher> matchers;
        /** The possible second characters of a match (ASCII), or null for any. */
        private final @Nullable String secondChars;
        /** Whether a match may also start with a non-ASCII letter or digit (anchored rules only). */
        private final boolean unicodeStarts;

        RegexRule(
                PiiType type,
                Needs needs,
                String startChars,
                @Nullable String anchorChars,
                int reach,
                String regex,
                Validator validator) {
            this(
                    type,
                    needs,
                    startChars,
                    anchorChars,
                    reach,
                    Pattern.compile(regex),
                    validator,
                    (text, i) -> true,
                    (text, anchor) -> true,
                    null,
                    false);
        }

        RegexRule(PiiType type, Needs needs, String startChars, String regex, Validator validator) {
            this(type, needs, startChars, null, 0, regex, validator);
        }

        private RegexRule(
                PiiType type,
                Needs needs,
                String startChars,
                @Nullable String anchorChars,
                int reach,
                Pattern pattern,
                Validator validator,
                Precheck precheck,
                AnchorFilter anchorFilter,
                @Nullable String secondChars,
                boolean unicodeStarts) {
            super(type, needs);
            this.pattern = pattern;
            this.validator = validator;
            for (int i = 0; i < startChars.length(); i++) {
                starts[startChars.charAt(i)] = true;
            }
            this.anchors = anchorChars == null ? null : anchorChars.toCharArray();
            this.reach = reach;
            this.precheck = precheck;
            this.anchorFilter = anchorFilter;
            this.matchers = ThreadLocal.withInitial(
                    () -> pattern.matcher("").useTransparentBounds(true).useAnchoringBounds(false));
            this.secondChars = secondChars;
            this.unicodeStarts = unicodeStarts;
        }

        /** This rule, trying the pattern only at starts that pass {@code check} (a necessary condition). */
        RegexRule precheck(Precheck check) {
            return new RegexRule(
                    type(),
                    needs(),
                    startChars(),
                    anchors == null ? null : new String(anchors),
                    reach,
                    pattern,
                    validator,
                    check,
                    anchorFilter,
                    secondChars,
                    unicodeStarts);
        }

        /** This rule, skipping anchors that fail {@code filter} (a necessary condition) and the starts before them. */
        RegexRule anchorFilter(AnchorFilter filter) {
            return new RegexRule(
                    type(),
                    needs(),
                    startChars(),
                    anchors == null ? null : new String(anchors),
                    reach,
                    pattern,
                    validator,
                    precheck,
                    filter,
                    secondChars,
                    unicodeStarts);
        }

        /**
         * This rule, where every match's second character is one of {@code chars} (ASCII, a necessary condition); the
         * shared scan of {@link Starts} then offers it only such starts.
         */
        RegexRule secondChars(String chars) {
            return new RegexRule(
                    type(),
                    needs(),
                    startChars(),
                    anchors == null ? null : new String(anchors),
                    reach,
                    pattern,
                    validator,
                    precheck,
                    anchorFilter,
                    chars,
                    unicodeStarts);
        }

        /** This anchored rule, also starting at non-ASCII letters and digits (an e-mail's local part "josé"). */
        RegexRule unicodeStarts() {
            return new RegexRule(
                    type(),
                    needs(),
                    startChars(),
                    anchors == null ? null : new String(anchors),
                    reach,
                    pattern,
                    validator,
                    precheck,
                    anchorFilter,
                    secondChars,
                    true);
        }

        private String startChars() {
            StringBuilder sb = new StringBuilder();
            for (char c = 0; c < 128; c++) {
                if (starts[c]) {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        @Override
        void find(Findings out, Starts candidates, int bit) {
            Search search = new Search(out);
            try {
                if (anchors == null) {
                    for (int k = 0; k < candidates.size; k++) {
                        if ((candidates.rules[k] & bit) != 0) {
                            search.tryAt(candidates.at[k]);
                        }
                    }
                } else {
                    findNearAnchors(search);
                }
            } finally {
                search.release();
            }
        }

        private void findNearAnchors(Search search) {
            CharSequence text = search.text;
            // An anchored rule looks only at the few positions within reach before each anchor, in ascending order
            // as the shared starts would give them (which is why its bit is not in the shared table: it would
            // mark nearly every word).
            char[] anchors = Objects.requireNonNull(this.anchors, "an anchored rule has anchors");
            int from = 0;
            int[] next = new int[anchors.length];
            Arrays.fill(next, -2);
            for (int anchor = nextAnchor(anchors, text, 0, next);
                    anchor >= 0;
                    anchor = nextAnchor(anchors, text, from, next)) {
                if (anchorFilter.mayEndMatchAt(text, anchor)) {
                    for (int i = Math.max(from, anchor - reach); i <= anchor; i++) {
                        char c = text.charAt(i);
                        boolean start = c < 128 ? starts[c] : unicodeStarts && Character.isLetterOrDigit(c);
                        if (start && (i == 0 || !isAsciiAlnum(text.charAt(i - 1)))) {
                            search.tryAt(i);
                        }
                    }
                }
                from = anchor + 1;
            }
        }

        /** One rule's search of one text. */
        private final class Search {
            private final Findings out;
            private final CharSequence text;
            private @Nullable Matcher m;
            /** The first position not inside a finding of this rule. */
            private int next;
            /** Spans this rule rejected but keeps later rules out of, as {@code span} values. */
            private @Nullable List<Long> claims;

            Search(Findings out) {
                this.out = out;
                this.text = out.text();
            }

            void tryAt(int i) {
                if (i < next || !precheck.mayStartAt(text, i)) {
                    return;
                }
                if (m == null) {
                    m = matchers.get().reset(text);
                }
                m.region(i, text.length());
                if (!m.lookingAt()) {
                    return;
                }
                long span = validator.accept(text, m);
                if (span >= 0) {
                    int end = (int) span;
                    out.add((int) (span >>> 32), end, type());
                    next = Math.max(end, i + 1);
                } else if (span != -1) {
                    // a claim (see claim()): applied when this rule is done, so that a finding of this rule may
                    // still start inside it ("DE01 DE89 3704..." holds an IBAN-shaped span, then a valid IBAN)
                    if (claims == null) {
                        claims = new ArrayList<>();
                    }
                    claims.add(span & ~CLAIM);
                }
                // else: a valid finding may start inside a rejected match; the next start is tried
            }

            /** Applies the claims and lets go of the text, so the thread's matcher does not keep personal data alive. */
            void release() {
                if (claims != null) {
                    for (long c : claims) {
                        out.claim((int) (c >>> 32), (int) c);
                    }
                }
                if (m != null) {
                    m.reset("");
                }
            }
        }

        /** Whether this rule takes its starts from the shared scan of {@link Starts} (it has no anchor). */
        boolean usesSharedStarts() {
            return anchors == null;
        }

        boolean canStartWith(char c) {
            return starts[c];
        }

        /** Whether a match may have {@code c} (ASCII) as its second character. */
        boolean canContinueWith(char c) {
            return secondChars == null || secondChars.indexOf(c) >= 0;
        }

        boolean anySecondChar() {
            return secondChars == null;
        }

        /**
         * The first anchor at or after {@code from}, or -1. {@code next} holds, per anchor character, the position of
         * its last known occurrence (-1: none left, -2: not searched yet): a character is searched again only once
         * {@code from} has passed it, so each is searched for across the text once in all. Searching every anchor
         * character from {@code from} at every anchor made a text with many ':' and no '=' quadratic.
         */
        private static int nextAnchor(char[] anchors, CharSequence text, int from, int[] next) {
            int best = -1;
            for (int k = 0; k < anchors.length; k++) {
                int at = next[k];
                if (at == -2 || (at >= 0 && at < from)) {
                    at = indexOf(text, anchors[k], from);
                    next[k] = at;
                }
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                }
            }
            return best;
        }
    }

    /** A necessary condition on the anchor (the first anchor character at or after a start) of any match. */
    @FunctionalInterface
    interface AnchorFilter {
        boolean mayEndMatchAt(CharSequence text, int anchor);
    }

    /** A necessary condition for a match at {@code i}, much cheaper than trying the pattern. */
    @FunctionalInterface
    interface Precheck {
        boolean mayStartAt(CharSequence text, int i);
    }

    /** Whether one of {@code prefixes} starts at {@code i}. */
    static Precheck startsWithAny(String... prefixes) {
        return (text, i) -> {
            for (String p : prefixes) {
                if (startsWith(text, p, i)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Whether at least {@code min} digits follow {@code i} within a run of digits, spaces and dashes. */
    static boolean digitRunOfAtLeast(CharSequence text, int i, int min) {
        int digits = 0;
        for (int k = i, n = text.length(); k < n; k++) {
            char c = text.charAt(k);
            if (c >= '0' && c <= '9') {
                if (++digits >= min) {
                    return true;
                }
            } else if (c != ' ' && c != '-') {
                return false;
            }
        }
        return false;
    }

    /** The second characters of {@code prefixes}. */
    static String secondChars(String... prefixes) {
        StringBuilder sb = new StringBuilder();
        for (String p : prefixes) {
            sb.append(p.charAt(1));
        }
        return sb.toString();
    }

    /** {@code text.indexOf(c, from)} for any {@link CharSequence}; a {@link String} uses the JDK's intrinsic. */
    static int indexOf(CharSequence text, char c, int from) {
        if (text instanceof String s) {
            return s.indexOf(c, from);
        }
        for (int i = Math.max(from, 0), n = text.length(); i < n; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The first occurrence of {@code word} in {@code text} that lies within {@code [from, to)}, or -1. */
    static int indexOf(CharSequence text, String word, int from, int to) {
        if (text instanceof String s && to == s.length()) {
            return s.indexOf(word, from);
        }
        char first = word.charAt(0);
        for (int i = Math.max(from, 0), last = to - word.length(); i <= last; i++) {
            if (text.charAt(i) == first && startsWith(text, word, i)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text.startsWith(prefix, i)} for any {@link CharSequence}. */
    static boolean startsWith(CharSequence text, String prefix, int i) {
        if (i < 0 || i + prefix.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text.charAt(i + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigitAt(CharSequence text, int i) {
        return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static final String DIGITS = "0123456789";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String HEX = "0123456789ABCDEFabcdef";

    static long span(int start, int end) {
        return ((long) start << 32) | end;
    }

    /** The bit that marks a validator's answer as a claim. */
    private static final long CLAIM = Long.MIN_VALUE;

    /**
     * A validator's answer for a span that is not a finding of its rule but must not be read as anything else by the
     * later rules (an IBAN with a wrong check digit is not a card, whatever its inner digits): nothing is masked.
     */
    static long claim(int start, int end) {
        return CLAIM | span(start, end);
    }

    /** A token whose alphabet has '_': see {@link #withoutClosingEmphasis}. */
    static long token(CharSequence text, Matcher m) {
        return span(m.start(), withoutClosingEmphasis(text, m.start(), m.end()));
    }

    /** How far back, on the same line, an opening '_' or '*' of markdown emphasis is looked for. */
    private static final int EMPHASIS_REACH = 64;

    /**
     * The end of a value that runs from {@code start} to {@code end}, less a closing markdown emphasis: a value whose
     * alphabet has '_' or '*' (tokens, passwords) swallows the delimiter of "_sk-..._" or "**password=x**". A run of
     * the delimiter at the end is dropped when the same run opens, after a space or the line's start, at most
     * {@link #EMPHASIS_REACH} characters before the value on its line. Bounded work per value.
     */
    static int withoutClosingEmphasis(CharSequence text, int start, int end) {
        char d = text.charAt(end - 1);
        if (d != '_' && d != '*') {
            return end;
        }
        int run = 0;
        while (end - run - 1 > start && text.charAt(end - run - 1) == d) {
            run++;
        }
        for (int i = start - run; i >= 0 && i >= start - EMPHASIS_REACH; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                break;
            }
            if ((i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                    && i + run < text.length()
                    && !Character.isWhitespace(text.charAt(i + run))) {
                boolean opens = true;
                for (int k = 0; k < run && opens; k++) {
                    opens = text.charAt(i + k) == d;
                }
                if (opens && (i + run >= text.length() || text.charAt(i + run) != d)) {
                    return end - run;
                }
            }
        }
        return end;
    }

    static long whole(CharSequence text, Matcher m) {
        return span(m.start(), m.end());
    }

    /** Whether {@code c} glues a match to its neighbour: a letter, a digit or a combining mark, in any script. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Boundaries: W = a character that glues a match to its neighbour (letters, digits, combining marks). Everything
    // else separates, in particular the punctuation of markdown and logs: [ ] ( ) < > | * _ ` quotes and no-break
    // spaces, so "[203.0.113.7]", "[ann@example.com](mailto:...)", "**415-555-2671**" and "_ann@example.com_" are
    // found.

    private static final String W = "\\p{L}\\p{N}\\p{Mn}";

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
        void find(Findings out, Starts starts, int bit) {
            CharSequence text = out.text();
            if (indexOf(text, "-----BEGIN ", 0, text.length()) < 0) {
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
            return (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '='
                    || c == '\n'
                    || c == '\r'
                    || c == ' '
                    || c == '\t';
        }
    }

    private static final String B64URL = "A-Za-z0-9_\\-";

    static final Rule JWT = new RegexRule(
                    PiiType.SECRET,
                    Needs.NOTHING,
                    "e",
                    "(?<![" + W + "\\-])(?<![" + W + "_\\-]_)eyJ[" + B64URL + "]{5,}+\\.[" + B64URL + "]{5,}+\\.["
                            + B64URL + "]*+",
                    StandardRedactor::token)
            .precheck(startsWithAny("eyJ"))
            .secondChars("y");

    /** Every alternative of {@link #PROVIDER_KEYS} starts with one of these. */
    private static final String[] PROVIDER_PREFIXES = {
        "sk-", "AKIA", "ASIA", "ABIA", "ACCA", "gh", "github_pat_", "xox", "sk_", "rk_", "AIza"
    };

    /** Every alternative of {@link #NEWER_KEYS} starts with one of these. */
    private static final String[] NEWER_PREFIXES = {"hf_", "gl"};

    /** GitLab's token prefixes: personal, deploy, runner, pipeline trigger, feed, incoming mail, agent, OAuth, CI job. */
    private static final String GITLAB_PREFIXES = "(?:glpat|gldt|glrt|glptt|glft|glimt|glagent|gloas|glcbt)-";

    static final Rule PROVIDER_KEYS = new RegexRule(
                    PiiType.SECRET,
                    Needs.NOTHING,
                    "sAgxr",
                    "(?<![" + W + "\\-])(?:"
                            + "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}+" // OpenAI
                            + "|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])" // AWS access key id
                            + "|gh[pousr]_[A-Za-z0-9]{36,}+" // GitHub tokens
                            + "|github_pat_[A-Za-z0-9_]{22,}+" // GitHub fine-grained PAT
                            + "|xox[baprs]-[A-Za-z0-9\\-]{10,}+" // Slack
                            + "|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}+" // Stripe secret / restricted
                            + "|AIza[A-Za-z0-9_\\-]{35}(?![A-Za-z0-9\\-]|_[A-Za-z0-9_\\-])" // Google API key
                            + ")",
                    StandardRedactor::token)
            .precheck(startsWithAny(PROVIDER_PREFIXES))
            .secondChars(secondChars(PROVIDER_PREFIXES));

    /**
     * Hugging Face and GitLab tokens: a rule of their own, because their first and second characters ('h', 'f', 'l')
     * added to {@link #PROVIDER_KEYS}'s would offer it every word such as "his", "how" or "also" (the shared scan
     * checks first and second characters separately).
     */
    static final Rule NEWER_KEYS = new RegexRule(
                    PiiType.SECRET,
                    Needs.NOTHING,
                    "hg",
                    "(?<![" + W + "\\-])(?:"
                            + "hf_[A-Za-z0-9]{30,}+" // Hugging Face access token
                            + "|" + GITLAB_PREFIXES + "[A-Za-z0-9_\\-]{20,}+(?:\\.[A-Za-z0-9_\\-]{2,}+)*+" // GitLab
                            + ")",
                    StandardRedactor::token)
            .precheck(startsWithAny(NEWER_PREFIXES))
            .secondChars(secondChars(NEWER_PREFIXES));

    /** {@code Authorization: Bearer <token>}: the token. */
    static final Rule BEARER = new RegexRule(
                    PiiType.SECRET,
                    Needs.NOTHING,
                    "bB",
                    "(?<![" + W + "])(?i:bearer)[ \\t]{1,5}+([A-Za-z0-9._~+/\\-]{20,}+=*+)",
                    (text, m) -> {
                        int end = withoutClosingEmphasis(text, m.start(), m.end(1));
                        while (text.charAt(end - 1) == '.') {
                            end--; // the end of the sentence
                        }
                        return span(m.start(1), end);
                    })
            .precheck((text, i) -> startsWithAsciiIgnoreCase(text, i, "bearer"))
            .secondChars("eE"); // (?i) without UNICODE_CASE folds ASCII only

    /**
     * {@code Authorization: Basic <base64>}: the credential, when it decodes to printable {@code user:password} (so the
     * accounting phrase "basic earnings" or a base64-looking word after "basic" is left alone).
     */
    static final Rule BASIC = new RegexRule(
                    PiiType.SECRET,
                    Needs.NOTHING,
                    "bB",
                    "(?<![" + W + "])(?i:basic)[ \\t]{1,5}+([A-Za-z0-9+/]{4,}+={0,2}+)(?![A-Za-z0-9+/=\\-])",
                    (text, m) -> isBasicCredential(m.group(1)) ? span(m.start(1), m.end(1)) : -1)
            .precheck((text, i) -> startsWithAsciiIgnoreCase(text, i, "basic"))
            .secondChars("aA");

    /** Whether {@code b64} is standard base64 of printable ASCII holding a ':' (RFC 7617 {@code user-id:password}). */
    static boolean isBasicCredential(String b64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        boolean colon = false;
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
            colon |= b == ':';
        }
        return colon && bytes.length >= 3;
    }

    /**
     * Credentials in a URL's authority, {@code scheme://user:password@host}: the {@code user:password} part (the
     * user name may be empty). Found from each {@code "://"}, reading at most {@link #MAX_USERINFO} characters, so a
     * text costs one search for the marker plus a bounded read at each.
     */
    static final class UrlCredentialsRule extends Rule {
        static final int MAX_USERINFO = 256;

        UrlCredentialsRule() {
            super(PiiType.SECRET, Needs.AT);
        }

        @Override
        void find(Findings out, Starts starts, int bit) {
            CharSequence text = out.text();
            int n = text.length();
            for (int mark = indexOf(text, "://", 0, n); mark >= 0; mark = indexOf(text, "://", mark + 3, n)) {
                if (mark == 0 || !isAsciiAlnum(text.charAt(mark - 1))) {
                    continue; // no scheme
                }
                int start = mark + 3;
                int colon = -1;
                int k = start;
                while (k < n && k - start < MAX_USERINFO && isUserinfoChar(text.charAt(k))) {
                    if (colon < 0 && text.charAt(k) == ':') {
                        colon = k;
                    }
                    k++;
                }
                boolean at = k < n && text.charAt(k) == '@' && k + 1 < n && isHostStart(text.charAt(k + 1));
                if (at && colon >= 0 && colon + 1 < k) {
                    out.add(start, k, type());
                }
            }
        }

        /** RFC 3986 userinfo: unreserved, percent-encoded, sub-delims and ':'; no '@', '/', '?', '#', brackets. */
        private static boolean isUserinfoChar(char c) {
            return isAsciiAlnum(c) || c >= 128 || "-._~%!$&'*+,;=:".indexOf(c) >= 0;
        }

        private static boolean isHostStart(char c) {
            return isAsciiAlnum(c) || c == '[' || c >= 128;
        }
    }

    private static final String SECRET_KEY_NAMES = "(?:password|passwd|pwd|passphrase|secret|credentials?"
            + "|(?:api|access|private|signing|secret|encryption|master|auth)[_\\-]?key|apikey"
            + "|(?:access|auth|refresh|session|api|bearer|client)[_\\-]?token)";

    /**
     * {@code password=...}, {@code "api_key": "..."}, {@code DB_PASSWORD = ...}, {@code client_secret: ...}: the value.
     * A quoted value, or an unquoted one glued to {@code =}, is always masked; an unquoted value after {@code :} or
     * after spaces only when it looks like a credential (so prose such as "the secret: growth" is left alone).
     */
    static final Rule ASSIGNMENT = new RegexRule(
                    PiiType.SECRET,
                    Needs.ASSIGNMENT,
                    LETTERS + DIGITS,
                    ":=",
                    130,
                    "(?i)(?<![A-Za-z0-9])(?:[A-Za-z0-9]{1,30}[_.\\-]){0,3}?" + SECRET_KEY_NAMES
                            + "(?:\\\\?[\"'])?([ \\t]{0,5}+)([:=])([ \\t]{0,5}+)"
                            + "(?:\\\\\"([^\"\\\\\\r\\n]{1,256}+)\\\\\"" // JSON inside a JSON string: \"api_key\":
                            // \"...\"
                            + "|\"([^\"\\r\\n]{1,256}+)\"|'([^'\\r\\n]{1,256}+)'|([^\\s\\u00A0\\u2007\\u202F\"',;`|]{1,256}+))",
                    StandardRedactor::assignmentValue)
            .anchorFilter(StandardRedactor::keyNameBefore);

    /** Every key name of {@link #ASSIGNMENT} ends with one of these. */
    private static final String[] KEY_NAME_ENDINGS = {
        "password", "passwd", "pwd", "passphrase", "secret", "credential", "credentials", "key", "token"
    };

    /**
     * Whether a key name can end before the ':' or '=' at {@code anchor}, past at most five spaces or tabs and one
     * quote. A match's sign is the first ':' or '=' at or after its start (nothing before the sign may contain one),
     * and its {@code (?i)} folds ASCII only, so this is a necessary condition; it keeps prose such as "Question 5:"
     * from costing a regex attempt per word before the colon.
     */
    static boolean keyNameBefore(CharSequence text, int anchor) {
        int end = anchor;
        while (end > 0 && anchor - end < 5 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            end--;
            if (end > 0 && text.charAt(end - 1) == '\\') {
                end--; // an escaped quote: JSON inside a JSON string
            }
        }
        for (String name : KEY_NAME_ENDINGS) {
            int start = end - name.length();
            if (start >= 0 && startsWithAsciiIgnoreCase(text, start, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code lowerWord} (lower-case ASCII) starts at {@code i}, ignoring ASCII case. */
    private static boolean startsWithAsciiIgnoreCase(CharSequence text, int i, String lowerWord) {
        if (i + lowerWord.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lowerWord.length(); k++) {
            if (asciiLower(text.charAt(i + k)) != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static long assignmentValue(CharSequence text, Matcher m) {
        for (int g = 4; g <= 6; g++) {
            if (m.start(g) >= 0) {
                String value = m.group(g);
                return isPlaceholder(value) || value.isBlank() ? -1 : span(m.start(g), m.end(g));
            }
        }
        int start = m.start(7);
        int end = withoutClosingEmphasis(text, m.start(), m.end(7));
        if (startsWithPlaceholder(text, start)) {
            return -1; // masked by an earlier pass: "[SECRET]]" must not lose its ']' and be masked again
        }
        // sentence, parenthesis, log bracket or markdown link ends: "(password=x1)", "[password=x1]"
        while (end > start && ".)]>".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        if (end == start) {
            return -1;
        }
        String value = text.subSequence(start, end).toString();
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

    private static boolean startsWithPlaceholder(CharSequence text, int i) {
        for (PiiType t : PiiType.values()) {
            if (startsWith(text, t.placeholder(), i)) {
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
    // Email: local part (bounded, possessive) @ dot-separated labels and a TLD of letters. Letters may be of any script
    // (RFC 6531: "josé@", "müller.de"), and an apostrophe may stand between two letters of the local part ("o'brien@").
    // The local part starts with a letter or digit: a leading quote or underscore is prose or markdown
    // ("'ann@example.com'", "_ann@example.com_"), never part of the match, and never a place to start inside a word.

    private static final String LOCAL = "\\p{L}\\p{N}\\p{Mn}._%+\\-";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?";

    static final Rule EMAIL = new RegexRule(
                    PiiType.EMAIL,
                    Needs.AT,
                    LETTERS + DIGITS + "._%+-",
                    "@",
                    64,
                    "(?<![" + W + ".%+\\-])(?<![\\p{L}\\p{N}\\p{Mn}][_'])[\\p{L}\\p{N}\\p{Mn}](?:[" + LOCAL
                            + "]|'(?=[\\p{L}\\p{N}])){0,63}+@" + "(?:" + LABEL + "\\.){1,10}\\p{L}{2,24}(?![" + W
                            + "\\-])",
                    StandardRedactor::whole)
            .unicodeStarts();

    // ---------------------------------------------------------------------------------------------------------------
    // IBAN: country, check digits, 10-30 alphanumerics with optional single spaces; length by country, mod 97. A span
    // that parses as an IBAN (known country, its length) but fails mod 97 or is glued to a word is claimed: nothing is
    // masked, and no later rule reads its digits as a card, SSN or phone ("DE01 2345 6789 0123 4567 57" holds 16
    // digits that may pass Luhn).

    static final Rule IBAN = new RegexRule(
                    PiiType.IBAN,
                    Needs.DIGIT,
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    "(?<![" + W + "])([A-Z]{2})([0-9]{2})((?: ?[A-Z0-9]){10,30}+)",
                    StandardRedactor::iban)
            .precheck((text, i) -> i + 3 < text.length()
                    && text.charAt(i + 1) >= 'A'
                    && text.charAt(i + 1) <= 'Z'
                    && isDigitAt(text, i + 2)
                    && isDigitAt(text, i + 3));

    private static long iban(CharSequence text, Matcher m) {
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
        if (compact.length() != length) {
            return -1;
        }
        boolean glued = i < text.length() && isWordChar(text.charAt(i));
        return !glued && Checksums.ibanMod97(compact) ? span(m.start(), i) : claim(m.start(), i);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Payment card: 13-19 digits, optionally in groups split by one kind of separator; issuer prefix + Luhn.

    static final Rule CARD = new RegexRule(
                    PiiType.PAYMENT_CARD,
                    Needs.DIGIT,
                    DIGITS,
                    "(?<![" + W + ".,\\-])[0-9](?:[ \\-]?+[0-9]){12,22}+",
                    StandardRedactor::card)
            .precheck((text, i) -> firstCardGroupAt(text, i) && digitRunOfAtLeast(text, i, 13));

    /**
     * Whether the digits at {@code i} can open a card: 13 or more unbroken, or a group of 4 (every grouping that
     * {@link #validCardGroups} takes opens with 4). Without this, "1 1 1 ..." cost a full match and validation per digit.
     */
    private static boolean firstCardGroupAt(CharSequence text, int i) {
        int k = i;
        int n = text.length();
        while (k < n && k - i < 13 && isDigitAt(text, k)) {
            k++;
        }
        return k - i >= 13 || k - i == 4;
    }

    private static long card(CharSequence text, Matcher m) {
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
    private static boolean followsAsNumber(CharSequence text, int i) {
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
    // US SSN: ddd-dd-dddd (or with spaces or dots, the same separator twice), SSA never-issued ranges excluded.

    static final Rule SSN = new RegexRule(
                    PiiType.US_SSN,
                    Needs.DIGIT,
                    DIGITS,
                    "(?<![" + W + ".,\\-])([0-9]{3})([ .\\-])([0-9]{2})\\2([0-9]{4})(?![" + W + "]|[.,\\-][0-9])",
                    (text, m) -> Checksums.validSsn(
                                    Integer.parseInt(m.group(1)),
                                    Integer.parseInt(m.group(3)),
                                    Integer.parseInt(m.group(4)))
                            ? whole(text, m)
                            : -1)
            .precheck((text, i) -> isDigitAt(text, i + 2)
                    && i + 3 < text.length()
                    && (text.charAt(i + 3) == '-' || text.charAt(i + 3) == ' ' || text.charAt(i + 3) == '.'));

    // ---------------------------------------------------------------------------------------------------------------
    // IP addresses

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";

    /** Four dotted octets 0-255 without leading zeros. A four-part version string (1.2.3.4) is an IP too. */
    static final Rule IPV4 = new RegexRule(
                    PiiType.IP_ADDRESS,
                    Needs.DIGIT,
                    DIGITS,
                    "(?<![" + W + ".])(?:" + OCTET + "\\.){3}" + OCTET + "(?![" + W + "]|\\.[0-9])",
                    StandardRedactor::whole)
            .precheck((text, i) -> {
                // two octets and a dot: "35.1B" or "1.40 billion" in prose stop here
                int dot = afterOctet(text, i);
                return dot >= 0 && afterOctet(text, dot + 1) >= 0;
            });

    /** The position of the '.' after 1-3 digits at {@code i}, or -1. */
    private static int afterOctet(CharSequence text, int i) {
        int k = i;
        while (k < i + 3 && isDigitAt(text, k)) {
            k++;
        }
        return k > i && k < text.length() && text.charAt(k) == '.' ? k : -1;
    }

    /** A run of hex digits, colons and dots with two colons near its start, validated by {@link #validIpv6}. */
    static final Rule IPV6 = new RegexRule(
                    PiiType.IP_ADDRESS,
                    Needs.NOTHING,
                    HEX + ":",
                    ":",
                    4,
                    "(?<![" + W
                            + ":.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:.]{2,45}+(%[0-9A-Za-z]{1,15}+)?",
                    StandardRedactor::ipv6)
            .precheck((text, i) -> {
                int k = i;
                while (k < i + 4 && k < text.length() && isHex(text.charAt(k))) {
                    k++;
                }
                return k < text.length() && text.charAt(k) == ':';
            });

    private static long ipv6(CharSequence text, Matcher m) {
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
    static boolean validIpv6(CharSequence s, int from, int to) {
        // searched within [from, to) only: searching the rest of the text made each candidate cost O(text)
        int doubleColon = indexOf(s, "::", from, to);
        if (doubleColon >= 0 && indexOf(s, "::", doubleColon + 1, to) >= 0) {
            return false;
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
                return len > 0
                        && validDottedQuad(s, start, to)
                        && groups + 2 <= (doubleColon >= 0 ? 7 : 8)
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

    private static boolean validDottedQuad(CharSequence s, int from, int to) {
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

    private static boolean hasHexDigit(CharSequence s, int from, int to) {
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
    // digit-count rules, the international one checked against the lengths each country's numbers can have
    // (PhoneLengths); anything else is left alone rather than guessed at, because amounts, dates, CIKs and accession
    // numbers are all digit runs too. Each shape may end in an extension ("x537", " ext. 12"), masked with it.

    private static final String PHONE_END = "(?![" + W + "]|[.,\\-/][0-9])";
    private static final String PHONE_START = "(?<![" + W + "+.,\\-/])";
    /** Group 1: an extension glued on or after one space. */
    private static final String EXTENSION = "(?:[ \\u00A0]?+((?i:x|ext\\.?|extension)[ \\u00A0]?+[0-9]{1,6}+))?+";

    /**
     * {@code +CC} or {@code 00CC} (the code then apart from the rest, and not after another group of digits), then groups split by space, dot or dash, optionally one group in parentheses (and a
     * trunk "(0)", not counted): the national number must have a length possible for that country (PhoneLengths, which
     * allows up to 17 digits where a country's plan does), and the whole number at least 8 digits.
     */
    static final Rule PHONE_INTERNATIONAL = new RegexRule(
                    PiiType.PHONE,
                    Needs.DIGIT,
                    "+0",
                    PHONE_START
                            + "(?:\\+|(?<![0-9][ \\-\\u00A0])00)[1-9][0-9]{0,3}+(?:[ .\\-\\u00A0]?+\\(?+[0-9]{1,5}+\\)?+){1,7}+"
                            + EXTENSION + PHONE_END,
                    StandardRedactor::internationalPhone)
            .precheck((text, i) -> text.charAt(i) == '+'
                    || (isDigitAt(text, i + 1)
                            && text.charAt(i + 1) == '0'
                            && isDigitAt(text, i + 2)
                            && text.charAt(i + 2) != '0'
                            && !afterNumberPunctuation(text, i)))
            .secondChars("0123456789");

    private static long internationalPhone(CharSequence text, Matcher m) {
        int start = m.start();
        int stop = m.start(1) >= 0 ? m.start(1) : m.end(); // the number without its extension
        while (stop > start && !isDigitAt(text, stop - 1) && text.charAt(stop - 1) != ')') {
            stop--; // the space before "ext."
        }
        StringBuilder digits = new StringBuilder(16);
        int open = 0;
        int close = 0;
        for (int i = text.charAt(start) == '+' ? start + 1 : start + 2; i < stop; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '(') {
                if (digits.length() > 0 && i + 2 < stop && text.charAt(i + 1) == '0' && text.charAt(i + 2) == ')') {
                    i += 2; // "+44 (0)20 ...": the national trunk prefix, not dialled from abroad
                    continue;
                }
                open++;
            } else if (c == ')') {
                close++;
            }
        }
        int end = m.end();
        if (close == open + 1 && text.charAt(end - 1) == ')' && m.start(1) < 0) {
            // "(+1 415 555 2671)": the closing parenthesis belongs to the prose
            end--;
            close--;
        }
        boolean balanced = open == close && open <= 1;
        int n = digits.length();
        if (text.charAt(start) == '0') {
            // "00" dials abroad only when the calling code is written apart ("0044 20 ...", "001-757-..."):
            // "006298121086" is an invoice number, "6011 0020 8044 8053" a card
            int cc = PhoneLengths.callingCodeLength(digits);
            int after = start + 2 + cc;
            if (cc == 0 || after >= stop || isDigitAt(text, after)) {
                return -1;
            }
        }
        return n >= 8 && balanced && text.charAt(end - 1) != '(' && PhoneLengths.possibleInternational(digits)
                ? span(start, end)
                : -1;
    }

    /**
     * NANP: optional 1, area code and exchange starting 2-9, with separators: (415) 555-2671, 415-555-2671,
     * 1-800-555-0199, optionally an extension. ("+1 ..." and "001-..." are international.)
     */
    static final Rule PHONE_US = new RegexRule(
                    PiiType.PHONE,
                    Needs.DIGIT,
                    DIGITS + "(",
                    PHONE_START
                            + "(?:1[ .\\-])?(?:\\([2-9][0-9]{2}\\)[ .\\-\\u00A0]?|[2-9][0-9]{2}[ .\\-\\u00A0])[2-9][0-9]{2}"
                            + "[ .\\-\\u00A0][0-9]{4}" + EXTENSION + PHONE_END,
                    StandardRedactor::whole)
            .precheck((text, i) -> text.charAt(i) == '('
                    || (text.charAt(i) == '1' && isPhoneSeparatorAt(text, i + 1))
                    || (isDigitAt(text, i + 2) && isPhoneSeparatorAt(text, i + 3)));

    private static boolean isPhoneSeparatorAt(CharSequence text, int i) {
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return c == ' ' || c == '.' || c == '-' || c == '\u00A0';
    }

    /**
     * Trunk-prefix national numbers (UK, Germany, the Netherlands, India, Japan, Australia and others): 0 and an area
     * code, then 1-3 groups split by space or dash, or the area code in parentheses ({@code (0161) 496 0643}); 10-11
     * digits in all. Five groups of two ("01 23 45 67 89") are not taken: tables of small numbers look the same.
     */
    static final Rule PHONE_TRUNK = new RegexRule(
                    PiiType.PHONE,
                    Needs.DIGIT,
                    "0(",
                    PHONE_START
                            + "(?:0[1-9][0-9]{0,4}+(?:[ \\-\\u00A0][0-9]{2,8}+){1,3}+"
                            + "|\\(0[1-9][0-9]{0,4}+\\)[ \\u00A0]?+[0-9]{2,8}+(?:[ \\-\\u00A0][0-9]{2,8}+){0,2}+)"
                            + EXTENSION + PHONE_END,
                    (text, m) -> {
                        int stop = m.start(1) >= 0 ? m.start(1) : m.end();
                        int digits = 0;
                        for (int i = m.start(); i < stop; i++) {
                            if (isDigitAt(text, i)) {
                                digits++;
                            }
                        }
                        return digits >= 10 && digits <= 11 ? whole(text, m) : -1;
                    })
            .precheck((text, i) -> text.charAt(i) == '('
                    ? isDigitAt(text, i + 1) && text.charAt(i + 1) == '0'
                    : isDigitAt(text, i + 1) && !afterNumberPunctuation(text, i));

    /**
     * Whether {@code i} follows '.', ',', '-' or '/' (the phone patterns' look-behind refuses those): "$1,000" and
     * "0.05" offer many '0' starts that a cheap look here rules out before a regex attempt.
     */
    private static boolean afterNumberPunctuation(CharSequence text, int i) {
        if (i == 0) {
            return false;
        }
        char c = text.charAt(i - 1);
        return c == '.' || c == ',' || c == '-' || c == '/';
    }

    /** In priority order. */
    static final List<Rule> RULES = List.of(
            new PemRule(),
            JWT,
            PROVIDER_KEYS,
            NEWER_KEYS,
            BEARER,
            BASIC,
            new UrlCredentialsRule(),
            ASSIGNMENT,
            EMAIL,
            IBAN,
            // before cards and SSNs: "+81 749-55-2414" ends in an SSN's shape, and a '+' or "00" opens no card or SSN
            PHONE_INTERNATIONAL,
            CARD,
            SSN,
            IPV6,
            IPV4,
            PHONE_US,
            PHONE_TRUNK);

    // Tables for the shared scan of Starts, declared after RULES, which they read. A rule is bit k for RULES.get(k).

    /** For each ASCII character, the rules whose matches can start with it. */
    private static final int[] RULES_BY_CHAR = ruleTable(RegexRule::canStartWith);
    /** For each ASCII character, the rules whose matches can have it second. */
    private static final int[] RULES_BY_SECOND_CHAR = ruleTable(RegexRule::canContinueWith);
    /** The rules whose second character may be anything (also non-ASCII, or none). */
    private static final int RULES_WITH_ANY_SECOND_CHAR = ruleTable((rule, c) -> rule.anySecondChar())[0];

    private interface CharTest {
        boolean test(RegexRule rule, char c);
    }

    private static int[] ruleTable(CharTest test) {
        int[] table = new int[128];
        for (int k = 0; k < RULES.size(); k++) {
            if (RULES.get(k) instanceof RegexRule rule && rule.usesSharedStarts()) {
                for (char c = 0; c < 128; c++) {
                    if (test.test(rule, c)) {
                        table[c] |= 1 << k;
                    }
                }
            }
        }
        return table;
    }

    private static final int ALNUM = 1;
    private static final int DIGIT = 2;
    private static final int AT = 4;
    private static final int ASSIGNMENT_SIGN = 8;
    private static final int RULE_SHIFT = 4;
    /**
     * For each ASCII character: which of ALNUM, DIGIT, AT ('@') and ASSIGNMENT_SIGN (':' or '=') it is, and above
     * RULE_SHIFT the rules (of the shared scan) whose matches can start with it.
     */
    private static final int[] SCAN_TABLE = new int[128];

    static {
        if (RULES.size() > Integer.SIZE - RULE_SHIFT) {
            throw new IllegalStateException("rule bits do not fit in an int: " + RULES.size() + " rules");
        }
        for (char c = 0; c < 128; c++) {
            int cls = (isAsciiAlnum(c) ? ALNUM : 0)
                    | (c >= '0' && c <= '9' ? DIGIT : 0)
                    | (c == '@' ? AT : 0)
                    | (c == ':' || c == '=' ? ASSIGNMENT_SIGN : 0);
            SCAN_TABLE[c] = cls | RULES_BY_CHAR[c] << RULE_SHIFT;
        }
    }

    /** Declared after {@link #RULES} and the start table, which it reads. */
    static final StandardRedactor ALL = new StandardRedactor(EnumSet.allOf(PiiType.class));
}
