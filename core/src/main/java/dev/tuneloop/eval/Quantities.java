package dev.tuneloop.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds numbers with their units in text and compares them by value, so that "$1.4B", "$1.40 billion" and
 * "1,400 million" are the same fact. Not API.
 *
 * <p>Rules: a number is digits with optional thousands commas and decimals, not glued to a letter or digit before it
 * (so "FY2025" and "Q3" are not numbers) and not followed by "-letter" (so "10-Q" and "8-K" are not numbers). A
 * leading "$" makes it currency; a trailing "%", "percent" or "pct" makes it a percentage; a magnitude scales it:
 * K/k/thousand (10^3), M/m/MM/mn/million (10^6), B/b/bn/billion (10^9), T/tn/trillion (10^12); single letters must
 * touch the number ("$47m"), words may follow a space. Signs are ignored (dashes are more often ranges than minus
 * signs). In a range such as "$121-125B" the first number takes the unit and magnitude of the second.
 */
final class Quantities {

    /** What a number measures; only percentages are kept apart when comparing. */
    enum Kind {
        /** A bare number. */
        NUMBER,
        /** A number after {@code $}. */
        CURRENCY,
        /** A number before {@code %}, "percent" or "pct". */
        PERCENT
    }

    /** A number found in a text: its value after magnitude, its kind, and where it was. */
    record Quantity(double value, Kind kind, int start, int end, String source) {
        /** Whether both are percentages or neither, and their values differ by at most the relative tolerance. */
        boolean sameAs(Quantity o, double relativeTolerance) {
            boolean kindsMatch = (kind == Kind.PERCENT) == (o.kind == Kind.PERCENT);
            if (!kindsMatch) {
                return false;
            }
            double scale = Math.max(Math.abs(value), Math.abs(o.value));
            return scale == 0 ? true : Math.abs(value - o.value) <= relativeTolerance * scale;
        }
    }

    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}.$])(\\$\\s?)?(\\d{1,3}(?:,\\d{3})++|\\d++)(\\.\\d++)?+(?!-\\p{L})"
                    + "(?:(%|MM(?![\\p{L}\\p{N}])|[KkMmBbTt](?![\\p{L}\\p{N}]))"
                    + "|\\s?(percent|pct|thousand|million|mn|billion|bn|trillion|tn)(?![\\p{L}\\p{N}]))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE_JOIN = Pattern.compile("\\s*(?:-|–|to)\\s*", Pattern.CASE_INSENSITIVE);
    static final Pattern FILING = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(10-K|10-Q|8-K|20-F|6-K|S-1|S-4|DEF 14A|13F)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}&'’-]*");
    private static final Set<String> UNIT_WORDS = Set.of(
            "percent", "pct", "thousand", "million", "mn", "billion", "bn", "trillion", "tn", "mm", "k", "m", "b", "t");

    private Quantities() {}

    /** Every quantity in {@code text}, in order. */
    static List<Quantity> parse(String text) {
        List<Quantity> found = new ArrayList<>();
        List<boolean[]> explicit = new ArrayList<>(); // [hasCurrency, hasUnit]
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String fraction = group(m, 3);
            String digits = m.group(2).replace(",", "") + (fraction == null ? "" : fraction);
            double v;
            try {
                v = Double.parseDouble(digits);
            } catch (NumberFormatException e) {
                continue;
            }
            String unit = unitOf(m);
            Kind kind = group(m, 1) != null ? Kind.CURRENCY : Kind.NUMBER;
            if (unit != null) {
                String u = unit.toLowerCase(Locale.ROOT);
                if (u.equals("%") || u.equals("percent") || u.equals("pct")) {
                    kind = Kind.PERCENT;
                } else {
                    v *= magnitude(u);
                }
            }
            found.add(new Quantity(
                    v,
                    kind,
                    m.start(),
                    m.end(),
                    text.substring(m.start(), m.end()).trim()));
            explicit.add(new boolean[] {group(m, 1) != null, unit != null});
        }
        // "$121-125B": a bare number joined to the next one by a dash or "to" takes its unit and magnitude
        for (int i = found.size() - 2; i >= 0; i--) {
            Quantity a = found.get(i), b = found.get(i + 1);
            if (!explicit.get(i)[1]
                    && explicit.get(i + 1)[1]
                    && RANGE_JOIN.matcher(text.substring(a.end(), b.start())).matches()) {
                double scale = b.kind() == Kind.PERCENT ? 1 : magnitudeOf(b);
                Kind kind = b.kind() == Kind.PERCENT
                        ? Kind.PERCENT
                        : (a.kind() == Kind.CURRENCY || b.kind() == Kind.CURRENCY ? Kind.CURRENCY : Kind.NUMBER);
                // the fact text carries the borrowed unit, so it reads the same on its own: "$121" -> "$121B"
                String source =
                        (kind == Kind.CURRENCY && !a.source().startsWith("$") ? "$" : "") + a.source() + unitSuffix(b);
                found.set(i, new Quantity(a.value() * scale, kind, a.start(), a.end(), source));
                explicit.get(i)[1] = true;
            }
        }
        return found;
    }

    private static String unitSuffix(Quantity q) {
        Matcher m = NUMBER.matcher(q.source());
        if (m.find()) {
            String symbol = group(m, 4);
            if (symbol != null) {
                return symbol;
            }
            String word = group(m, 5);
            if (word != null) {
                return " " + word;
            }
        }
        return "";
    }

    /** The unit of the current match: the symbol or letter touching the number, else the word after it, else null. */
    private static @Nullable String unitOf(Matcher m) {
        String symbol = group(m, 4);
        return symbol != null ? symbol : group(m, 5);
    }

    /**
     * Group {@code i} of the current match, or null. With possessive quantifiers, java.util.regex can leave a group
     * captured by an earlier failed attempt visible after a later successful {@code find()} (seen: "2.3510-Q$1.4B 4
     * percent" reported ".351" as the fraction of "4 percent"); such a stale capture lies outside the current match.
     */
    private static @Nullable String group(Matcher m, int i) {
        int start = m.start(i);
        if (start < 0 || start < m.start() || m.end(i) > m.end()) {
            return null;
        }
        if (i == 3 && start != m.end(2)) {
            return null;
        }
        return m.group(i);
    }

    private static double magnitudeOf(Quantity q) {
        Matcher m = NUMBER.matcher(q.source());
        if (m.find()) {
            String unit = unitOf(m);
            if (unit != null && !unit.equals("%")) {
                String u = unit.toLowerCase(Locale.ROOT);
                return u.equals("percent") || u.equals("pct") ? 1 : magnitude(u);
            }
        }
        return 1;
    }

    private static double magnitude(String u) {
        return switch (u) {
            case "k", "thousand" -> 1e3;
            case "m", "mm", "mn", "million" -> 1e6;
            case "b", "bn", "billion" -> 1e9;
            case "t", "tn", "trillion" -> 1e12;
            // NUMBER admits no other unit; a new one there must be added here
            default -> throw new IllegalStateException("unknown magnitude " + u);
        };
    }

    /**
     * Key facts found in {@code text}: each distinct quantity (by kind and value, as first written) and each filing
     * form cited (upper-cased), in order of first appearance.
     */
    static List<String> extractFacts(String text) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (Quantity q : parse(text)) {
            String key = (q.kind() == Kind.PERCENT ? "%" : "#") + q.value();
            facts.putIfAbsent(key, q.source());
        }
        Matcher f = FILING.matcher(text);
        while (f.find()) {
            String form = f.group(1).toUpperCase(Locale.ROOT);
            facts.putIfAbsent("form:" + form, form);
        }
        return List.copyOf(facts.values());
    }

    /**
     * Whether {@code fact} is stated in {@code predicted}. A fact with numbers needs each of its numbers (by value,
     * within {@code relativeTolerance}) and each of its other words (case-insensitive, whole words; unit words
     * excepted) in {@code predicted}. A fact without numbers must appear as a case-insensitive substring, with runs of
     * white space treated as one space.
     */
    static boolean factPresent(
            String fact, String predicted, List<Quantity> predictedQuantities, double relativeTolerance) {
        List<Quantity> factQuantities = parse(fact);
        if (factQuantities.isEmpty()) {
            return normalize(predicted).contains(normalize(fact));
        }
        for (Quantity q : factQuantities) {
            if (predictedQuantities.stream().noneMatch(p -> p.sameAs(q, relativeTolerance))) {
                return false;
            }
        }
        StringBuilder rest = new StringBuilder();
        int at = 0;
        for (Quantity q : factQuantities) {
            rest.append(fact, at, q.start()).append(' ');
            at = q.end();
        }
        rest.append(fact.substring(at));
        Matcher w = WORD.matcher(rest);
        while (w.find()) {
            String word = w.group();
            if (UNIT_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Pattern whole = Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            if (!whole.matcher(predicted).find()) {
                return false;
            }
        }
        return true;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
