package dev.tuneloop.eval;

import dev.tuneloop.errors.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Format checks for {@link Scorer#format(FormatRules)}; each check counts equally. Build with {@link #builder()}
 * (no checks until one is set), or start from {@link #none()} and add checks with the {@code with…} methods.
 * Immutable and thread-safe; equal when the checks are.
 */
public final class FormatRules {
    private static final Pattern BULLET = Pattern.compile("(?m)^\\s{0,3}(?:[-*•]|\\d{1,2}[.)])\\s+\\S");
    private static final Pattern BOLD = Pattern.compile("\\*\\*[^*\\n]+\\*\\*");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final FormatRules NONE = builder().build();

    private final List<String> requiredSections;
    private final boolean bulletList;
    private final boolean bold;
    private final boolean filingCitation;

    private FormatRules(List<String> requiredSections, boolean bulletList, boolean bold, boolean filingCitation) {
        this.requiredSections = requiredSections;
        this.bulletList = bulletList;
        this.bold = bold;
        this.filingCitation = filingCitation;
    }

    /**
     * A builder without any check.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these checks.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder()
                .requiredSections(requiredSections)
                .bulletList(bulletList)
                .bold(bold)
                .filingCitation(filingCitation);
    }

    /**
     * No checks.
     *
     * @return rules that check nothing
     */
    public static FormatRules none() {
        return NONE;
    }

    /**
     * The structure of {@code expected}: a bullet list, bold text and a filing citation when it has them.
     *
     * @param expected the expected answer
     * @return rules requiring what {@code expected} has
     */
    public static FormatRules inferredFrom(String expected) {
        Objects.requireNonNull(expected, "expected");
        return new FormatRules(
                List.of(),
                BULLET.matcher(expected).find(),
                BOLD.matcher(expected).find(),
                Quantities.FILING.matcher(expected).find());
    }

    /**
     * These rules with the required sections replaced by {@code names}.
     *
     * @param names the section names; none blank
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException when a name is blank
     */
    public FormatRules withSections(String... names) {
        return toBuilder().requiredSections(List.of(names)).build();
    }

    /**
     * These rules also requiring a bullet or numbered list.
     *
     * @return new rules
     */
    public FormatRules withBulletList() {
        return toBuilder().bulletList(true).build();
    }

    /**
     * These rules also requiring bold text.
     *
     * @return new rules
     */
    public FormatRules withBold() {
        return toBuilder().bold(true).build();
    }

    /**
     * These rules also requiring a filing citation.
     *
     * @return new rules
     */
    public FormatRules withFilingCitation() {
        return toBuilder().filingCitation(true).build();
    }

    /**
     * Headings the answer must have: a line that, without leading {@code #}s, {@code **} and spaces, starts with the
     * section name (case-insensitive), and is a markdown heading, a bold line or a line ending with a colon.
     *
     * @return the section names, in order; unmodifiable
     */
    public List<String> requiredSections() {
        return requiredSections;
    }

    /**
     * Whether at least one bullet ({@code -}, {@code *} or {@code •}) or numbered list item is required.
     *
     * @return true when required
     */
    public boolean bulletList() {
        return bulletList;
    }

    /**
     * Whether bold text ({@code **…**}) is required.
     *
     * @return true when required
     */
    public boolean bold() {
        return bold;
    }

    /**
     * Whether a filing citation is required: 10-K, 10-Q, 8-K, 20-F, 6-K, S-1, S-4, DEF 14A or 13F.
     *
     * @return true when required
     */
    public boolean filingCitation() {
        return filingCitation;
    }

    /**
     * The number of checks.
     *
     * @return one per required section plus one per required feature
     */
    public int checkCount() {
        return requiredSections.size() + (bulletList ? 1 : 0) + (bold ? 1 : 0) + (filingCitation ? 1 : 0);
    }

    /**
     * How many checks {@code answer} passes.
     *
     * @param answer the answer to check
     * @return between 0 and {@link #checkCount()}
     */
    public int passed(String answer) {
        int n = 0;
        for (String section : requiredSections) {
            if (hasSection(answer, section)) {
                n++;
            }
        }
        if (bulletList && BULLET.matcher(answer).find()) {
            n++;
        }
        if (bold && BOLD.matcher(answer).find()) {
            n++;
        }
        if (filingCitation && Quantities.FILING.matcher(answer).find()) {
            n++;
        }
        return n;
    }

    private static boolean hasSection(String answer, String section) {
        String want = section.toLowerCase(Locale.ROOT).trim();
        // limit 0 drops trailing empty lines, which could not be headings anyway
        for (String raw : LINE_BREAK.split(answer, 0)) {
            String line = raw.strip();
            boolean headingLike = line.startsWith("#") || line.startsWith("**") || line.endsWith(":");
            if (!headingLike) {
                continue;
            }
            String text = line.replaceFirst("^#{1,6}\\s*", "")
                    .replace("**", "")
                    .strip()
                    .toLowerCase(Locale.ROOT);
            if (text.startsWith(want)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The names of the checks, for reports.
     *
     * @return {@code section:<name>} per section, then {@code bullet_list}, {@code bold}, {@code filing_citation}
     *     when required
     */
    public List<String> checkNames() {
        List<String> names = new ArrayList<>();
        requiredSections.forEach(s -> names.add("section:" + s));
        if (bulletList) {
            names.add("bullet_list");
        }
        if (bold) {
            names.add("bold");
        }
        if (filingCitation) {
            names.add("filing_citation");
        }
        return names;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FormatRules r
                && bulletList == r.bulletList
                && bold == r.bold
                && filingCitation == r.filingCitation
                && requiredSections.equals(r.requiredSections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requiredSections, bulletList, bold, filingCitation);
    }

    @Override
    public String toString() {
        return "FormatRules" + checkNames();
    }

    /** Collects format checks; not thread-safe. {@link #build()} checks them all at once. */
    public static final class Builder {
        private List<String> requiredSections = List.of();
        private boolean bulletList;
        private boolean bold;
        private boolean filingCitation;

        private Builder() {}

        /**
         * The headings the answer must have (see {@link FormatRules#requiredSections()}); default none.
         *
         * @param names the section names; none null or blank
         * @return this builder
         */
        public Builder requiredSections(List<String> names) {
            this.requiredSections = new ArrayList<>(names);
            return this;
        }

        /**
         * Whether a bullet or numbered list is required (default false).
         *
         * @param required true to require one
         * @return this builder
         */
        public Builder bulletList(boolean required) {
            this.bulletList = required;
            return this;
        }

        /**
         * Whether bold text is required (default false).
         *
         * @param required true to require it
         * @return this builder
         */
        public Builder bold(boolean required) {
            this.bold = required;
            return this;
        }

        /**
         * Whether a filing citation is required (default false).
         *
         * @param required true to require one
         * @return this builder
         */
        public Builder filingCitation(boolean required) {
            this.filingCitation = required;
            return this;
        }

        /**
         * Builds the rules.
         *
         * @return the rules
         * @throws dev.tuneloop.errors.ValidationException naming every null or blank section name
         */
        public FormatRules build() {
            Checks c = Checks.start();
            for (int i = 0; i < requiredSections.size(); i++) {
                String s = requiredSections.get(i);
                c.require(
                        s != null && !s.isBlank(),
                        "requiredSections[" + i + "] must not be null or blank, but was '" + s + "'");
            }
            c.orThrow();
            return new FormatRules(List.copyOf(requiredSections), bulletList, bold, filingCitation);
        }
    }
}
