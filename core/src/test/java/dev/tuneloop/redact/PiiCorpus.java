package dev.tuneloop.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded, labelled samples for the redactor: a value of one {@link PiiType} embedded in financial prose (with the
 * expected redacted text), and tricky negatives (financial numbers that must stay). Same seed, same samples.
 */
final class PiiCorpus {
    /** One labelled sample: the text, what it must become, and which type (null for a negative). */
    record Sample(String text, String expected, PiiType type) {}

    private static final String[] BEFORE = {
        "Per the 10-Q filed for Q3 FY2025, revenue reached $35.1B (up 4.7%). Please contact ",
        "NVDA guidance for Q4 FY2025 implies ~$37.5B in revenue; the analyst's details are ",
        "Amazon's 8-K (filed 2024-10-31) shows GAAP operating income of $17.4 billion; reference: ",
        "As noted in the 10-K, SBC was $1,234,567.89 in fiscal 2024, see ",
        "Question about GOOGL's non-GAAP EPS of $2.12 in Q3 2024 from ",
        "",
    };
    private static final String[] AFTER = {
        " for the reconciliation.",
        ". Thanks!",
        ", and margins were 11.0%.",
        ")",
        " — CIK 0001045810.",
        "",
        "\nNext question: what was Apple's Q1 FY2025 revenue?",
    };
    private static final String[] FIRST = {"jane", "john", "maria", "wei", "olga", "raj", "sam", "li", "ana"};
    private static final String[] LAST = {"doe", "smith", "garcia", "chen", "ivanova", "patel", "lee", "kim"};
    private static final String[] DOMAINS = {
        "example.com", "sigmasight.io", "mail.bank.co.uk", "ir.nvidia.com", "analyst-research.net", "fund.example.org"
    };

    private PiiCorpus() {}

    static List<Sample> positives(int perType, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (PiiType type : PiiType.values()) {
            for (int i = 0; i < perType; i++) {
                String value = value(type, r);
                String before = BEFORE[r.nextInt(BEFORE.length)];
                String after = AFTER[r.nextInt(AFTER.length)];
                if (after.startsWith(")")) {
                    before = before + "(";
                }
                Redacted v = redactedForm(type, value);
                out.add(new Sample(before + v.original + after, before + v.expected + after, type));
            }
        }
        return out;
    }

    /** For assignments only the value is masked; everything else is masked whole. */
    private record Redacted(String original, String expected) {}

    private static Redacted redactedForm(PiiType type, String value) {
        if (type == PiiType.SECRET && value.startsWith("ASSIGN:")) {
            String[] parts = value.substring(7).split("\u0000", 3);
            return new Redacted(parts[0] + parts[1] + parts[2], parts[0] + "[SECRET]" + parts[2]);
        }
        return new Redacted(value, type.placeholder());
    }

    static String value(PiiType type, SplittableRandom r) {
        return switch (type) {
            case EMAIL -> email(r);
            case PHONE -> phone(r);
            case PAYMENT_CARD -> card(r);
            case US_SSN -> ssn(r);
            case IBAN -> iban(r);
            case IP_ADDRESS -> ip(r);
            case SECRET -> secret(r);
        };
    }

    static String email(SplittableRandom r) {
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        String local = switch (r.nextInt(5)) {
            case 0 -> first + "." + last;
            case 1 -> first + "_" + last + r.nextInt(100);
            case 2 -> first.charAt(0) + last;
            case 3 -> first + "+ir" + r.nextInt(10);
            default -> first.toUpperCase(Locale.ROOT) + "." + last;
        };
        return local + "@" + pick(r, DOMAINS);
    }

    static String phone(SplittableRandom r) {
        String area = (2 + r.nextInt(8)) + digits(r, 2);
        String exchange = (2 + r.nextInt(8)) + digits(r, 2);
        String line = digits(r, 4);
        return switch (r.nextInt(12)) {
            case 0 -> "(" + area + ") " + exchange + "-" + line;
            case 1 -> area + "-" + exchange + "-" + line;
            case 2 -> area + "." + exchange + "." + line;
            case 3 -> "+1 " + area + " " + exchange + " " + line;
            case 4 -> "+1-" + area + "-" + exchange + "-" + line;
            case 5 -> "+1 (" + area + ") " + exchange + "-" + line;
            case 6 -> "+44 20 " + digits(r, 4) + " " + digits(r, 4);
            case 7 -> "+49 30 " + digits(r, 8);
            case 8 -> "+33 1 " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2);
            case 9 -> "+81 3-" + digits(r, 4) + "-" + digits(r, 4);
            case 10 -> "020 " + digits(r, 4) + " " + digits(r, 4);
            default -> "1-800-" + exchange + "-" + line;
        };
    }

    private static final String[][] CARD_PREFIXES = {
        {"4", "16"}, {"4", "13"}, {"51", "16"}, {"55", "16"}, {"2221", "16"}, {"2720", "16"}, {"34", "15"},
        {"37", "15"}, {"6011", "16"}, {"65", "16"}, {"36", "14"}, {"3530", "16"}, {"62", "16"}, {"4", "19"}
    };

    static String card(SplittableRandom r) {
        String[] p = CARD_PREFIXES[r.nextInt(CARD_PREFIXES.length)];
        int length = Integer.parseInt(p[1]);
        StringBuilder sb = new StringBuilder(p[0]);
        while (sb.length() < length - 1) {
            sb.append(r.nextInt(10));
        }
        sb.append(luhnDigit(sb));
        String d = sb.toString();
        int format = r.nextInt(3);
        if (format == 0) {
            return d;
        }
        String sep = format == 1 ? " " : "-";
        if (length == 15) {
            return d.substring(0, 4) + sep + d.substring(4, 10) + sep + d.substring(10);
        }
        if (length == 14) {
            return d.substring(0, 4) + sep + d.substring(4, 10) + sep + d.substring(10);
        }
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < length; i += 4) {
            if (i > 0) {
                grouped.append(sep);
            }
            grouped.append(d, i, Math.min(length, i + 4));
        }
        return grouped.toString();
    }

    static int luhnDigit(CharSequence partial) {
        int sum = 0;
        boolean dbl = true;
        for (int i = partial.length() - 1; i >= 0; i--) {
            int d = partial.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    static String ssn(SplittableRandom r) {
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666);
        String sep = r.nextInt(4) == 0 ? " " : "-";
        return String.format("%03d%s%02d%s%04d", area, sep, 1 + r.nextInt(99), sep, 1 + r.nextInt(9999));
    }

    private static final Map<String, Integer> IBAN_SAMPLE_LENGTHS =
            Map.of("DE", 22, "GB", 22, "FR", 27, "NL", 18, "ES", 24, "CH", 21, "IT", 27, "BE", 16, "NO", 15, "PL", 28);

    static String iban(SplittableRandom r) {
        String[] countries = IBAN_SAMPLE_LENGTHS.keySet().stream().sorted().toArray(String[]::new);
        String cc = countries[r.nextInt(countries.length)];
        int length = IBAN_SAMPLE_LENGTHS.get(cc);
        StringBuilder bban = new StringBuilder();
        boolean letters = cc.equals("GB") || cc.equals("NL");
        for (int i = 0; i < length - 4; i++) {
            bban.append(letters && i < 4 ? (char) ('A' + r.nextInt(26)) : (char) ('0' + r.nextInt(10)));
        }
        String check = String.format("%02d", 98 - mod97(bban + cc + "00"));
        String compact = cc + check + bban;
        if (r.nextBoolean()) {
            return compact;
        }
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < compact.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(compact, i, Math.min(compact.length(), i + 4));
        }
        return grouped.toString();
    }

    private static int mod97(String s) {
        int rem = 0;
        for (char c : s.toCharArray()) {
            rem = Character.isDigit(c) ? (rem * 10 + (c - '0')) % 97 : (rem * 100 + (c - 'A' + 10)) % 97;
        }
        return rem;
    }

    static String ip(SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0, 1, 2 -> {
                return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            }
            case 3 -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 8; i++) {
                    if (i > 0) {
                        sb.append(':');
                    }
                    sb.append(Integer.toHexString(r.nextInt(65536)));
                }
                return sb.toString();
            }
            default -> {
                return switch (r.nextInt(4)) {
                    case 0 -> "2001:db8::" + Integer.toHexString(r.nextInt(65536));
                    case 1 ->
                        "fe80::" + Integer.toHexString(1 + r.nextInt(65535)) + ":"
                                + Integer.toHexString(r.nextInt(65536));
                    case 2 -> "::ffff:192.0.2." + r.nextInt(256);
                    default -> "2001:db8:" + Integer.toHexString(r.nextInt(65536)) + "::1";
                };
            }
        }
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    static String secret(SplittableRandom r) {
        return switch (r.nextInt(14)) {
            case 0 -> "sk-" + chars(r, ALNUM, 48);
            case 1 -> "sk-proj-" + chars(r, ALNUM + "_-", 64);
            case 2 -> "AKIA" + chars(r, UPPER_DIGITS, 16);
            case 3 -> "ghp_" + chars(r, ALNUM, 36);
            case 4 -> "github_pat_" + chars(r, ALNUM, 22) + "_" + chars(r, ALNUM, 59);
            case 5 -> "xoxb-" + digits(r, 12) + "-" + digits(r, 13) + "-" + chars(r, ALNUM, 24);
            case 6 -> "sk_live_" + chars(r, ALNUM, 24);
            case 7 -> "rk_live_" + chars(r, ALNUM, 24);
            case 8 -> "AIza" + chars(r, ALNUM + "_-", 35);
            case 9 -> "eyJ" + chars(r, ALNUM, 30) + ".eyJ" + chars(r, ALNUM, 60) + "." + chars(r, ALNUM + "_-", 43);
            case 10 ->
                "-----BEGIN " + (r.nextBoolean() ? "RSA " : "") + "PRIVATE KEY-----\n" + chars(r, ALNUM + "+/", 64)
                        + "\n" + chars(r, ALNUM + "+/", 40) + "==\n-----END " + "PRIVATE KEY-----";
            case 11 -> "ASSIGN:password=\u0000" + chars(r, ALNUM + "!#$%", 12) + "\u0000";
            case 12 -> "ASSIGN:\"api_key\": \"\u0000" + chars(r, ALNUM, 32) + "\u0000\"";
            default -> "ASSIGN:DB_SECRET: \u0000" + chars(r, ALNUM, 6) + r.nextInt(10) + chars(r, ALNUM, 5) + "\u0000";
        };
    }

    /** Financial prose full of numbers that are not personal data. */
    static List<String> negatives(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] tickers = {"NVDA", "GOOGL", "AAPL", "AMZN", "MSFT", "META", "TSLA", "BRK.B", "JPM"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String s = switch (r.nextInt(16)) {
                case 0 -> "Order " + (100_000 + r.nextInt(900_000_000)) + " and PO-2024-" + digits(r, 5) + " shipped.";
                case 1 ->
                    "The 8-K was filed " + (2015 + r.nextInt(11)) + "-" + two(1 + r.nextInt(12)) + "-"
                            + two(1 + r.nextInt(28)) + " (" + two(1 + r.nextInt(12)) + "/" + two(1 + r.nextInt(28))
                            + "/20" + (15 + r.nextInt(11)) + ").";
                case 2 ->
                    pick(r, tickers) + " and " + pick(r, tickers) + " rose in Q" + (1 + r.nextInt(4)) + " FY20"
                            + (20 + r.nextInt(8)) + ".";
                case 3 ->
                    "Revenue was $" + r.nextInt(500) + "." + r.nextInt(10) + "B, up " + r.nextInt(100) + "."
                            + r.nextInt(10) + "%, and $" + String.format("%,d", r.nextInt(2_000_000_000)) + "."
                            + two(r.nextInt(100)) + " was returned.";
                case 4 ->
                    "CIK " + String.format("%010d", r.nextInt(2_000_000)) + " filed accession "
                            + String.format("%010d", r.nextInt(2_000_000)) + "-" + two(r.nextInt(25)) + "-"
                            + String.format("%06d", r.nextInt(999_999)) + ".";
                case 5 -> "ISBN " + isbn13(r, true) + " (also " + isbn13(r, false) + ") covers GAAP.";
                case 6 ->
                    "Shares outstanding were " + String.format("%,d", 1_000_000_000L + r.nextInt(1_000_000_000))
                            + " at a price of $" + r.nextInt(1000) + "." + two(r.nextInt(100)) + ".";
                case 7 ->
                    "The call started at " + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + ":" + two(r.nextInt(60))
                            + " ET and the split ratio was " + (1 + r.nextInt(20)) + ":1.";
                case 8 ->
                    "Estimates range from $" + r.nextInt(200) + "." + r.nextInt(10) + "B - $" + r.nextInt(200) + "."
                            + r.nextInt(10) + "B; EPS $" + r.nextInt(10) + "." + two(r.nextInt(100)) + ".";
                case 9 -> "CUSIP " + digits(r, 9) + " and ISIN US" + digits(r, 10) + " identify the notes.";
                case 10 ->
                    "Net income of " + digits(r, 3) + " " + digits(r, 3) + " " + digits(r, 3)
                            + " thousand euros was reported.";
                case 11 ->
                    "Fiscal years 2019-2024 saw " + r.nextInt(100) + "% growth; the tax rate was " + r.nextInt(40) + "."
                            + r.nextInt(10) + "% in FY" + (2019 + r.nextInt(7)) + ".";
                case 12 ->
                    "Release v" + r.nextInt(10) + "." + r.nextInt(20) + "." + r.nextInt(50) + " of the model "
                            + "(build " + digits(r, 8) + ") was used.";
                case 13 -> "Item 7A, page " + r.nextInt(200) + ", note " + r.nextInt(30) + "; 10-K405 and S-1/A.";
                case 14 ->
                    "Backlog was " + digits(r, 4) + " " + digits(r, 4) + " units across " + r.nextInt(100)
                            + " sites, a " + (1 + r.nextInt(9)) + "." + r.nextInt(10) + "x ratio.";
                default ->
                    "Debt of $" + String.format("%,d", r.nextInt(999_999_999)) + " matures " + two(1 + r.nextInt(12))
                            + "/" + (2025 + r.nextInt(20)) + "; coupon " + r.nextInt(9) + "."
                            + r.nextInt(1000) + "%.";
            };
            out.add(s);
        }
        return out;
    }

    private static String isbn13(SplittableRandom r, boolean hyphens) {
        String body = "978" + digits(r, 9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        String full = body + ((10 - sum % 10) % 10);
        return hyphens
                ? full.substring(0, 3) + "-" + full.charAt(3) + "-" + full.substring(4, 7) + "-" + full.substring(7, 12)
                        + "-" + full.charAt(12)
                : full;
    }

    private static String two(int v) {
        return String.format("%02d", v);
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }

    private static String chars(SplittableRandom r, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
