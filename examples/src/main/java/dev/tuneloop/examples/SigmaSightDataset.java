package dev.tuneloop.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A bundled, deterministic set of SigmaSight-style financial questions with reference answers, for the offline demo.
 * The figures are SYNTHETIC (generated from templates and a fixed seed), not real filings data: they exist so the
 * loop has realistic-looking text to record, curate, export and evaluate.
 */
public final class SigmaSightDataset {

    /** The system prompt of the seed's appendix. */
    public static final String SYSTEM_PROMPT = "You are a financial analyst assistant for SigmaSight, specializing in "
            + "SEC filings, earnings analysis, and financial metrics. When answering questions: cite specific sources "
            + "(10-K, 10-Q, 8-K filings), distinguish between GAAP and non-GAAP metrics, break down stock-based "
            + "compensation by category, use precise numbers with appropriate units.";

    /**
     * One question with the reference answer a domain expert would accept.
     *
     * @param category  one of the seed's eight categories
     * @param question  the user's question
     * @param reference the expert answer (what an edit would turn the model's answer into)
     * @param weak      a plausible but weaker answer (what a base model might say)
     * @param ticker    the ticker of the company the question is about (the first one, for a comparison)
     */
    public record Item(String category, String question, String reference, String weak, String ticker) {}

    /**
     * The SEC form a question is about, for the {@code get_filing} tool: {@code 10-Q}, {@code 10-K} or {@code 8-K}
     * for the three filing categories.
     *
     * @param item a bundled item
     * @return the form; empty for the other categories
     */
    public static Optional<String> formOf(Item item) {
        return switch (item.category()) {
            case "sec_10q" -> Optional.of("10-Q");
            case "sec_10k" -> Optional.of("10-K");
            case "sec_8k" -> Optional.of("8-K");
            default -> Optional.empty();
        };
    }

    private static final String[][] COMPANIES = {
        {"NVIDIA", "NVDA"}, {"Apple", "AAPL"}, {"Microsoft", "MSFT"}, {"Alphabet", "GOOGL"}, {"Amazon", "AMZN"},
        {"Meta", "META"}, {"Tesla", "TSLA"}, {"Broadcom", "AVGO"}, {"Salesforce", "CRM"}, {"Adobe", "ADBE"},
        {"Oracle", "ORCL"}, {"Netflix", "NFLX"}
    };

    private SigmaSightDataset() {}

    /**
     * {@code n} items, the same on every run.
     *
     * @param n how many items
     * @return {@code n} items, generated from a fixed seed
     */
    public static List<Item> items(int n) {
        Random rnd = new Random(20250115L);
        List<Item> out = new ArrayList<>(n);
        String[] risks = {
            "competition",
            "supply-chain concentration",
            "regulatory and export-control exposure",
            "reliance on key personnel",
            "customer concentration",
            "foreign-exchange exposure",
            "cybersecurity incidents",
            "litigation"
        };
        for (int k = 0; k < n; k++) {
            // (company, template, period) is distinct for every k < 384, so every question is asked once
            String[] c = COMPANIES[k % COMPANIES.length];
            String name = c[0];
            String ticker = c[1];
            int template = (k / COMPANIES.length) % 8;
            int periodIndex = k / (COMPANIES.length * 8);
            int q = 1 + periodIndex % 4;
            int fy = 2022 + periodIndex / 4 + periodIndex % 3;
            double revenue = 10 + rnd.nextInt(900) / 10.0;
            double sbc = Math.round(revenue * (2 + rnd.nextInt(60) / 10.0)) / 100.0;
            double margin = 10 + rnd.nextInt(350) / 10.0;
            String period = "Q" + q + " FY" + fy;
            String riskList = risks[k % 8] + ", " + risks[(k + 3) % 8] + " and " + risks[(k + 5) % 8];
            switch (template) {
                case 0 ->
                    out.add(new Item(
                            "sec_10q",
                            "What was " + ticker + "'s revenue in " + period + " per the 10-Q?",
                            "According to " + name + "'s " + period + " 10-Q filing, total revenue was $" + fmt(revenue)
                                    + "B, with an operating margin of " + fmt(margin) + "%.",
                            name + " had revenue of about $" + Math.round(revenue) + " billion last quarter.",
                            ticker));
                case 1 ->
                    out.add(new Item(
                            "sbc_breakdown",
                            "What was " + name + "'s stock-based compensation in " + period
                                    + " and how does it break down?",
                            "Per the " + period + " 10-Q, " + name + "'s stock-based compensation was $" + fmt(sbc)
                                    + "B (" + fmt(sbc / revenue * 100) + "% of revenue).\n\nBreakdown by function:\n"
                                    + "- Research and development: $" + fmt(sbc * 0.62) + "B\n"
                                    + "- Sales, general and administrative: $" + fmt(sbc * 0.33) + "B\n"
                                    + "- Cost of revenue: $" + fmt(sbc * 0.05) + "B",
                            name + " paid roughly $" + fmt(sbc) + "B in stock compensation, mostly to engineers.",
                            ticker));
                case 2 ->
                    out.add(new Item(
                            "gaap_reconciliation",
                            "Compare " + ticker + "'s GAAP and non-GAAP operating income for " + period,
                            "From " + name + "'s " + period + " earnings (8-K):\n\n**GAAP Operating Income:** $"
                                    + fmt(revenue * margin / 100) + "B (" + fmt(margin) + "% margin)\n"
                                    + "**Non-GAAP Operating Income:** $" + fmt(revenue * margin / 100 + sbc) + "B\n\n"
                                    + "The $" + fmt(sbc)
                                    + "B difference is mainly stock-based compensation, added back.",
                            "Non-GAAP operating income is higher than GAAP because it excludes some costs.",
                            ticker));
                case 3 ->
                    out.add(new Item(
                            "analyst_estimates",
                            "What do analysts expect for " + name + "'s revenue in " + period + "?",
                            "I can't predict future revenue with certainty, but the analyst consensus for " + name
                                    + "'s " + period + " revenue is $" + fmt(revenue * 1.04) + "B (range $"
                                    + fmt(revenue * 0.99) + "B - $"
                                    + fmt(revenue * 1.09) + "B). Key factors: demand trends, margins and guidance.",
                            name + " will probably report around $" + fmt(revenue * 1.04) + "B that quarter.",
                            ticker));
                case 4 ->
                    out.add(new Item(
                            "financial_metrics",
                            "What is " + ticker + "'s operating margin in " + period + "?",
                            name + "'s " + period + " operating margin was " + fmt(margin) + "% on revenue of $"
                                    + fmt(revenue) + "B, per the 10-Q.",
                            "The operating margin is healthy, around " + Math.round(margin) + " percent.",
                            ticker));
                case 5 ->
                    out.add(new Item(
                            "sec_10k",
                            "Summarize the main risk factors in " + name + "'s 10-K as updated in " + period + ".",
                            name + "'s 10-K (Item 1A), as updated in the " + period
                                    + " 10-Q, lists as main risk factors: " + riskList + ".",
                            "The 10-K mentions the usual risks like competition and regulation.",
                            ticker));
                case 6 ->
                    out.add(new Item(
                            "sec_8k",
                            "What did " + name + " disclose in its 8-K for " + period + " results?",
                            name + "'s 8-K (Item 2.02) furnished " + period + " results: revenue of $" + fmt(revenue)
                                    + "B and GAAP operating margin of " + fmt(margin) + "%.",
                            "They filed an 8-K about their earnings.",
                            ticker));
                default -> {
                    String[] o = COMPANIES[(k + 5) % COMPANIES.length];
                    out.add(new Item(
                            "comparison",
                            "Compare " + ticker + " and " + o[1] + " operating margins in " + period + ".",
                            "In " + period + ", " + name + "'s operating margin was " + fmt(margin) + "% versus "
                                    + fmt(margin * 0.8) + "% for " + o[0] + " (both from their 10-Q filings).",
                            ticker + " has better margins than " + o[1] + ".",
                            ticker));
                }
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
