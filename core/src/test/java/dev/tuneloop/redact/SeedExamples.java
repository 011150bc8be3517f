package dev.tuneloop.redact;

import java.util.List;

/** The message texts of the three examples in the seed guide's "Appendix: Example Training Data", verbatim. */
final class SeedExamples {
    static final String SYSTEM = "You are a financial analyst assistant for SigmaSight, specializing in SEC filings, "
            + "earnings analysis, and financial metrics. When answering questions: cite specific sources (10-K, 10-Q, "
            + "8-K filings), distinguish between GAAP and non-GAAP metrics, break down stock-based compensation by "
            + "category, use precise numbers with appropriate units.";
    static final String SBC_QUESTION =
            "What was NVIDIA's stock-based compensation in Q3 FY2025 and how does it break " + "down by department?";
    static final String SBC_ANSWER = "According to NVIDIA's Q3 FY2025 10-Q filing, total stock-based compensation was "
            + "$1.40 billion, representing 4.0% of revenue ($35.1B).\n\nBreakdown by function:\n- Cost of revenue: $47 "
            + "million\n- Research and development: $941 million\n- Sales, general and administrative: $410 million\n\n"
            + "R&D accounts for 67% of total SBC, reflecting NVIDIA's heavy investment in engineering talent for AI/GPU "
            + "development. This is consistent with prior quarters and typical for semiconductor companies at NVIDIA's "
            + "growth stage.";
    static final String GAAP_QUESTION = "Compare Amazon's GAAP and non-GAAP operating income for Q3 2024";
    static final String GAAP_ANSWER = "From Amazon's Q3 2024 earnings (8-K filed October 31, 2024):\n\n**GAAP "
            + "Operating Income:** $17.4 billion (11.0% margin)\n**Non-GAAP Operating Income:** $18.6 billion (11.8% "
            + "margin)\n\nThe $1.2 billion difference consists of:\n- Stock-based compensation: $6.0 billion (added "
            + "back)\n- Amortization of acquired intangibles: $0.3 billion (added back)\n- Other adjustments: -$5.1 "
            + "billion (primarily one-time gains)\n\nNote: Amazon's non-GAAP adjustments are larger than most peers due "
            + "to their significant SBC expense, which runs ~3.8% of revenue.";
    static final String FORECAST_QUESTION = "What will Apple's revenue be next quarter?";
    static final String FORECAST_ANSWER =
            "I can't predict future revenue with certainty, but I can share what analysts "
                    + "expect and Apple's guidance:\n\n**Analyst Consensus (Q1 FY2025):**\n- Revenue: $124.1 billion (range: "
                    + "$121.8B - $127.2B)\n- EPS: $2.35 (range: $2.28 - $2.42)\n\n**Apple's Guidance:**\nApple provided "
                    + "qualitative guidance suggesting 'low to mid single digit' revenue growth YoY, which would imply "
                    + "~$121-125B.\n\n**Key Factors to Watch:**\n- iPhone 16 demand trajectory\n- China market performance\n- "
                    + "Services growth rate\n\nWould you like me to break down the segment-level estimates?";
    static final String SHORT_SYSTEM = "You are a financial analyst assistant for SigmaSight...";

    static final List<String> ALL = List.of(
            SYSTEM,
            SBC_QUESTION,
            SBC_ANSWER,
            GAAP_QUESTION,
            GAAP_ANSWER,
            FORECAST_QUESTION,
            FORECAST_ANSWER,
            SHORT_SYSTEM);

    private SeedExamples() {}
}
