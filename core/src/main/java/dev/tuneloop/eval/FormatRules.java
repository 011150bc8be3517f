package dev.tuneloop.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Format checks for {@link Scorer#format(FormatRules)}; each check counts equally.
 *
 * @param requiredSections headings the answer must have: a line that, without leading {@code #}s, {@code **} and
 *                         spaces, starts with the section name (case-insensitive), and is a markdown heading, a bold
 *                         line or a line ending with a colon
 * @param bulletList       require at least one bullet ({@code -}, {@code *} or {@code •}) or numbered list item
 * @param bold             require bold text ({@code **…**})
 * @param filingCitation   require a filing citation: 10-K, 10-Q, 8-K, 20-F, 6-K, S-1, S-4, DEF 14A or 13F
 */
public record FormatRules(List<String> requiredSections, boolean bulletList, boolean bold, boolean filingCitation) {
    private static final Pattern BULLET = Pattern.compile("(?m)^\\s{0,3}(?:[-*•]|\\d{1,2}[.)])\\s+\\S");
    private static final Pattern BOLD = Pattern.compile("\\*\\*[^*\\n]+\\*\\*");

    public FormatRules {
        requiredSections = List.copyOf(requiredSections);
        for (String s : requiredSections) {
            if (s.isBlank()) {
                throw new dev.tuneloop.errors.ValidationException("requiredSections must not contain a blank name");
            }
        }
    }

    /** No checks. */
    public static FormatRules none() {
        return new FormatRules(List.of(), false, false, false);
    }

    /** The structure of {@code expected}: a bullet list, bold text and a filing citation when it has them. */
    public static FormatRules inferredFrom(String expected) {
        Objects.requireNonNull(expected, "expected");
        return new FormatRules(
                List.of(),
                BULLET.matcher(expected).find(),
                BOLD.matcher(expected).find(),
                Quantities.FILING.matcher(expected).find());
    }

    public FormatRules withSections(String... names) {
        return new FormatRules(List.of(names), bulletList, bold, filingCitation);
    }

    public FormatRules withBulletList() {
        return new FormatRules(requiredSections, true, bold, filingCitation);
    }

    public FormatRules withBold() {
        return new FormatRules(requiredSections, bulletList, true, filingCitation);
    }

    public FormatRules withFilingCitation() {
        return new FormatRules(requiredSections, bulletList, bold, true);
    }

    /** The number of checks. */
    public int checkCount() {
        return requiredSections.size() + (bulletList ? 1 : 0) + (bold ? 1 : 0) + (filingCitation ? 1 : 0);
    }

    /** How many checks {@code answer} passes. */
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
        for (String raw : answer.split("\\R")) {
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

    /** The names of the checks, for reports. */
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
}
