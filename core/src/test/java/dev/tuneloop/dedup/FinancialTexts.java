package dev.tuneloop.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of SEC-filing-style Q&A texts (a question and a 60-120 word answer assembled from word lists), and
 * of near copies made by word edits at a controlled rate. Same seed, same texts.
 */
public final class FinancialTexts {
    static final String[] COMPANIES = {
        "NVIDIA",
        "Apple",
        "Amazon",
        "Microsoft",
        "Alphabet",
        "Meta",
        "Tesla",
        "Broadcom",
        "Oracle",
        "Salesforce",
        "Adobe",
        "Intel",
        "AMD",
        "Qualcomm",
        "Netflix",
        "Costco",
        "Walmart",
        "JPMorgan",
        "Visa",
        "Mastercard",
        "Cisco",
        "IBM",
        "Texas Instruments",
        "Micron",
        "ServiceNow"
    };
    static final String[] METRICS = {
        "revenue",
        "operating income",
        "net income",
        "gross margin",
        "free cash flow",
        "stock-based compensation",
        "diluted EPS",
        "operating expenses",
        "research and development expense",
        "capital expenditures",
        "deferred revenue",
        "share repurchases",
        "data center revenue",
        "services revenue",
        "cloud revenue",
        "inventory",
        "accounts receivable",
        "long-term debt",
        "cash and equivalents",
        "segment operating margin",
        "advertising revenue",
        "subscription revenue"
    };
    static final String[] FILINGS = {
        "10-K",
        "10-Q",
        "8-K",
        "proxy statement",
        "earnings release",
        "annual report",
        "shareholder letter",
        "earnings call transcript"
    };
    static final String[] PERIODS = {
        "Q1 FY2024",
        "Q2 FY2024",
        "Q3 FY2024",
        "Q4 FY2024",
        "Q1 FY2025",
        "Q2 FY2025",
        "Q3 FY2025",
        "Q4 FY2025",
        "fiscal 2023",
        "fiscal 2024",
        "the trailing twelve months",
        "the first half of 2024",
        "calendar 2024",
        "the September quarter",
        "the holiday quarter"
    };
    static final String[] VERBS = {
        "increased", "decreased", "rose", "fell", "grew", "declined", "expanded", "contracted", "improved", "softened"
    };
    static final String[] DRIVERS = {
        "higher demand for accelerated computing",
        "pricing actions in North America",
        "a shift toward subscription offerings",
        "lower component costs",
        "unfavorable currency movements",
        "restructuring charges taken in the period",
        "growth in enterprise customers",
        "elevated inventory provisions",
        "new product launches",
        "weaker consumer spending in China",
        "higher depreciation from data center investments",
        "a one-time tax benefit"
    };
    static final String[] ADJUSTMENTS = {
        "stock-based compensation",
        "amortization of acquired intangibles",
        "acquisition-related costs",
        "restructuring charges",
        "gains on equity investments",
        "litigation settlements",
        "impairment charges"
    };
    static final String[] FILLER = {
        "the",
        "company",
        "reported",
        "quarter",
        "filing",
        "analysts",
        "guidance",
        "segment",
        "growth",
        "margin",
        "billion",
        "million",
        "percent",
        "compared",
        "prior",
        "year",
        "basis",
        "non-GAAP",
        "GAAP",
        "adjusted",
        "results",
        "outlook",
        "demand",
        "customers",
        "pricing"
    };

    private FinancialTexts() {}

    /**
     * One question + answer, 60-120 words in all.
     *
     * @param r the random source; the same state gives the same text
     * @return the text, single-space separated
     */
    public static String document(SplittableRandom r) {
        String company = pick(r, COMPANIES);
        String metric = pick(r, METRICS);
        String period = pick(r, PERIODS);
        StringBuilder sb = new StringBuilder(800);
        sb.append(
                switch (r.nextInt(4)) {
                    case 0 -> "What was " + company + "'s " + metric + " in " + period + " and what drove the change?";
                    case 1 -> "How did " + company + "'s " + metric + " compare with " + pick(r, PERIODS) + "?";
                    case 2 -> "Break down " + company + "'s " + metric + " for " + period + " by segment.";
                    default -> "Compare " + company + "'s GAAP and non-GAAP " + metric + " for " + period + ".";
                });
        int target = 60 + r.nextInt(61);
        while (words(sb) < target) {
            sb.append(' ').append(sentence(r, company));
        }
        return trimToWords(sb.toString(), target);
    }

    private static String sentence(SplittableRandom r, String company) {
        return switch (r.nextInt(7)) {
            case 0 ->
                "According to " + company + "'s " + pick(r, PERIODS) + " " + pick(r, FILINGS) + ", " + pick(r, METRICS)
                        + " " + pick(r, VERBS) + " " + pct(r) + " year over year to " + amount(r) + ".";
            case 1 ->
                capital(pick(r, METRICS)) + " represented " + pct(r) + " of " + pick(r, METRICS) + " in "
                        + pick(r, PERIODS) + ", compared with " + pct(r) + " a year earlier.";
            case 2 -> "Management attributed the change in " + pick(r, METRICS) + " to " + pick(r, DRIVERS) + ".";
            case 3 ->
                "Analysts expect " + pick(r, METRICS) + " of " + amount(r) + " for " + pick(r, PERIODS)
                        + ", within a range of " + amount(r) + " to " + amount(r) + ".";
            case 4 ->
                "The " + pick(r, FILINGS) + " notes that " + pick(r, METRICS) + " excludes " + pick(r, ADJUSTMENTS)
                        + ", which is reported separately.";
            case 5 ->
                "On a GAAP basis " + pick(r, METRICS) + " was " + amount(r) + "; the non-GAAP figure adds back "
                        + pick(r, ADJUSTMENTS) + " of " + amount(r) + ".";
            default ->
                "This is consistent with " + pick(r, PERIODS) + " and typical for " + pick(r, COMPANIES)
                        + "'s peers, driven by " + pick(r, DRIVERS) + ".";
        };
    }

    /**
     * A copy of {@code text} where each word is, with probability {@code rate}, substituted, followed by an inserted
     * word, or deleted (one third each).
     *
     * @param text the text, words separated by single spaces
     * @param rate the probability that a word is edited, in [0, 1]
     * @param r    the random source; the same state gives the same copy
     * @return the edited copy, words separated by single spaces
     */
    public static String edit(String text, double rate, SplittableRandom r) {
        // limit -1 keeps every word, even an empty last one (the generated texts never end with a space)
        String[] words = text.split(" ", -1);
        List<String> out = new ArrayList<>(words.length + 8);
        for (String w : words) {
            if (r.nextDouble() >= rate) {
                out.add(w);
                continue;
            }
            switch (r.nextInt(3)) {
                case 0 -> out.add(pick(r, FILLER));
                case 1 -> {
                    out.add(w);
                    out.add(pick(r, FILLER));
                }
                default -> {
                    // deleted
                }
            }
        }
        return String.join(" ", out);
    }

    private static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static String pct(SplittableRandom r) {
        return (1 + r.nextInt(60)) + "." + r.nextInt(10) + "%";
    }

    private static String amount(SplittableRandom r) {
        return "$" + (1 + r.nextInt(200)) + "." + r.nextInt(10) + (r.nextBoolean() ? " billion" : " million");
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static int words(CharSequence s) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean space = s.charAt(i) == ' ';
            if (!space && !in) {
                n++;
            }
            in = !space;
        }
        return n;
    }

    private static String trimToWords(String s, int max) {
        String[] words = s.split(" ");
        return words.length <= max ? s : String.join(" ", java.util.Arrays.copyOf(words, max));
    }
}
