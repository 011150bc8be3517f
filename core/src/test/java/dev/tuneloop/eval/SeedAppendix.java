package dev.tuneloop.eval;

import dev.tuneloop.record.ChatMessage;
import java.util.List;

/** The three answers of the seed's "Appendix: Example Training Data", verbatim. */
final class SeedAppendix {
    static final String SYSTEM = "You are a financial analyst assistant for SigmaSight, specializing in SEC filings, "
            + "earnings analysis, and financial metrics. When answering questions: cite specific sources (10-K, 10-Q, "
            + "8-K filings), distinguish between GAAP and non-GAAP metrics, break down stock-based compensation by "
            + "category, use precise numbers with appropriate units.";

    static final String NVDA_Q =
            "What was NVIDIA's stock-based compensation in Q3 FY2025 and how does it break down by department?";
    static final String NVDA =
            "According to NVIDIA's Q3 FY2025 10-Q filing, total stock-based compensation was $1.40 billion, "
                    + "representing 4.0% of revenue ($35.1B).\n\nBreakdown by function:\n- Cost of revenue: $47 million\n"
                    + "- Research and development: $941 million\n- Sales, general and administrative: $410 million\n\n"
                    + "R&D accounts for 67% of total SBC, reflecting NVIDIA's heavy investment in engineering talent for AI/GPU "
                    + "development. This is consistent with prior quarters and typical for semiconductor companies at NVIDIA's "
                    + "growth stage.";

    static final String AMZN_Q = "Compare Amazon's GAAP and non-GAAP operating income for Q3 2024";
    static final String AMZN = "From Amazon's Q3 2024 earnings (8-K filed October 31, 2024):\n\n"
            + "**GAAP Operating Income:** $17.4 billion (11.0% margin)\n**Non-GAAP Operating Income:** $18.6 billion (11.8% margin)\n\n"
            + "The $1.2 billion difference consists of:\n- Stock-based compensation: $6.0 billion (added back)\n"
            + "- Amortization of acquired intangibles: $0.3 billion (added back)\n"
            + "- Other adjustments: -$5.1 billion (primarily one-time gains)\n\n"
            + "Note: Amazon's non-GAAP adjustments are larger than most peers due to their significant SBC expense, "
            + "which runs ~3.8% of revenue.";

    static final String AAPL_Q = "What will Apple's revenue be next quarter?";
    static final String AAPL =
            "I can't predict future revenue with certainty, but I can share what analysts expect and "
                    + "Apple's guidance:\n\n**Analyst Consensus (Q1 FY2025):**\n- Revenue: $124.1 billion (range: $121.8B - $127.2B)\n"
                    + "- EPS: $2.35 (range: $2.28 - $2.42)\n\n**Apple's Guidance:**\nApple provided qualitative guidance suggesting "
                    + "'low to mid single digit' revenue growth YoY, which would imply ~$121-125B.\n\n**Key Factors to Watch:**\n"
                    + "- iPhone 16 demand trajectory\n- China market performance\n- Services growth rate\n\n"
                    + "Would you like me to break down the segment-level estimates?";

    private SeedAppendix() {}

    static EvalCase evalCase(String id, String category, String question, String expected, List<String> facts) {
        return new EvalCase(
                id, category, List.of(ChatMessage.system(SYSTEM), ChatMessage.user(question)), expected, facts);
    }
}
