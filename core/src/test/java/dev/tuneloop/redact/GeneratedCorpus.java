package dev.tuneloop.redact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import net.datafaker.Faker;
import net.datafaker.providers.base.Finance.CreditCardType;

/**
 * A labelled redaction corpus that the rules' authors did not write: every value comes from datafaker (names, e-mail
 * addresses, phone numbers of several locales, IBANs, cards, SSNs, IP addresses, passwords; tokens through
 * {@code regexify} of each provider's documented format), and is set in one of many surrounding contexts (prose,
 * markdown links, bold, italics, code spans and fences, table cells, quotes, log lines, JSON) filled with datafaker
 * text. Each sample is labelled with its type, its format, and whether that format is one the README documents as
 * supported; the labels come from the generator (what was asked for) and, for phone numbers, from libphonenumber
 * (whether the number is possible at all), never from the redactor. Negatives are financial texts full of numbers that
 * are not personal data. Same seed, same corpus.
 */
final class GeneratedCorpus {

    /**
     * One positive sample.
     *
     * @param text       the text to redact
     * @param expected   the text with every copy of the value replaced by the type's placeholder
     * @param type       the type of the value
     * @param format     a short name of the value's format, for the report
     * @param documented whether the README documents this format as found
     * @param context    the name of the surrounding context
     */
    record Sample(String text, String expected, PiiType type, String format, boolean documented, String context) {}

    /** A value to plant: {@code masked} is the part that becomes the placeholder, inside {@code value}. */
    record Value(String value, String masked, PiiType type, String format, boolean documented) {}

    private static final String[] LOCALES = {
        "en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "it-IT", "nl-NL", "pt-BR", "en-IN", "en-AU", "ja-JP", "pl-PL",
        "sv-SE"
    };
    /** Regions of the locales, for libphonenumber. */
    private static final String[] REGIONS = {
        "US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "IN", "AU", "JP", "PL", "SE"
    };

    private final Random random;
    private final Faker[] fakers = new Faker[LOCALES.length];
    private final Faker en;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    GeneratedCorpus(long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < LOCALES.length; i++) {
            fakers[i] = new Faker(Locale.forLanguageTag(LOCALES[i]), new Random(seed * 31 + i));
        }
        this.en = fakers[0];
    }

    // -----------------------------------------------------------------------------------------------------------------
    // Positives

    List<Sample> positives(int perType) {
        List<Sample> out = new ArrayList<>();
        for (PiiType type : PiiType.values()) {
            for (int i = 0; i < perType; i++) {
                Value v = value(type);
                out.add(place(v));
            }
        }
        return out;
    }

    Value value(PiiType type) {
        return switch (type) {
            case EMAIL -> email();
            case PHONE -> phone();
            case PAYMENT_CARD -> card();
            case US_SSN -> ssn();
            case IBAN -> iban();
            case IP_ADDRESS -> ip();
            case SECRET -> secret();
        };
    }

    private Value email() {
        int k = random.nextInt(LOCALES.length);
        Faker f = fakers[k];
        String domain = en.internet().domainName();
        return switch (random.nextInt(5)) {
            case 0, 1 -> {
                String e = LOCALES[k].equals("ja-JP")
                        ? en.internet().emailAddress()
                        : f.internet().emailAddress();
                yield whole(e, PiiType.EMAIL, "ascii", true);
            }
            case 2 -> {
                // datafaker's user names keep the letters of their locale: raúl.zuijderduijn, wirginia.przybył
                String user = LOCALES[k].equals("ja-JP")
                        ? f.name().firstName() + "." + f.name().lastName()
                        : f.credentials().username();
                String e = user.replace(' ', '.') + "@" + domain;
                boolean ascii = e.chars().allMatch(c -> c < 128);
                yield whole(e, PiiType.EMAIL, ascii ? "ascii" : "non-ASCII local part", true);
            }
            case 3 -> {
                String e = en.name().firstName().toLowerCase(Locale.ROOT) + ".o'"
                        + en.name().lastName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "@" + domain;
                yield whole(e, PiiType.EMAIL, "apostrophe", true);
            }
            // ja-JP's e-mail generator makes ".@example.com" (romanised names are empty): not an address
            default ->
                whole(
                        (LOCALES[k].equals("ja-JP") ? en : f).internet().safeEmailAddress(),
                        PiiType.EMAIL,
                        "ascii",
                        true);
        };
    }

    private Value phone() {
        int k = random.nextInt(LOCALES.length);
        Faker f = fakers[k];
        String region = REGIONS[k];
        String number;
        switch (random.nextInt(7)) {
            case 0 -> number = f.phoneNumber().phoneNumber();
            case 1 -> number = f.phoneNumber().cellPhone();
            case 2, 3 -> number = f.phoneNumber().phoneNumberInternational();
            case 4 -> number = f.phoneNumber().phoneNumberNational();
            case 5 -> {
                // the probe's misses: US numbers with a glued extension, the 001 prefix
                String us = fakers[0].phoneNumber().phoneNumberInternational().substring(3); // "330-710-8760"
                number = random.nextBoolean()
                        ? "+1-" + us + "x" + fakers[0].phoneNumber().extension()
                        : "001-" + us;
                region = "US";
            }
            default -> {
                // UK numbers with a parenthesised area code: "(0161) 496 0643"
                String uk = fakers[1].phoneNumber().phoneNumberNational();
                int space = uk.indexOf(' ');
                number = space > 0 ? "(" + uk.substring(0, space) + ")" + uk.substring(space) : uk;
                region = "GB";
            }
        }
        return new Value(number, number, PiiType.PHONE, phoneFormat(number), phoneDocumented(number, region));
    }

    /**
     * The README's phone formats, read from the number's shape: international ({@code +CC}, {@code 00CC}); NANP with
     * separators; trunk-prefix national numbers of 10-11 digits in 2-4 groups or with the area code in parentheses.
     */
    static String phoneFormat(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        String main = number.replaceAll("(?i)\\s*(x|ext\\.?)\\s*[0-9]+$", "");
        int groups = main.replaceAll("^\\(0[0-9]+\\)", "0").split("[ \\-]+").length;
        if (number.startsWith("+") || number.startsWith("00")) {
            return number.matches(".*[0-9](x|ext).*") ? "international with extension" : "international";
        }
        if (main.matches("\\([2-9][0-9]{2}\\) [2-9][0-9]{2}-[0-9]{4}|[2-9][0-9]{2}[-.][2-9][0-9]{2}[-.][0-9]{4}")) {
            return "NANP";
        }
        String mainDigits = main.replaceAll("[^0-9]", "");
        if (main.startsWith("(0")) {
            return mainDigits.length() >= 10 && mainDigits.length() <= 11
                    ? "trunk, parenthesised area code"
                    : "trunk, parenthesised, " + mainDigits.length() + " digits";
        }
        if (main.startsWith("0")) {
            if (mainDigits.length() < 10 || mainDigits.length() > 11) {
                return "trunk, " + mainDigits.length() + " digits";
            }
            if (groups > 4) {
                return "trunk, " + groups + " groups";
            }
            return main.matches("0[0-9]+([ \\-][0-9]{2,8}){1,3}") ? "trunk national" : "trunk, other separators";
        }
        return digits.length() == 10 && main.startsWith("(")
                ? "national, no trunk prefix, parentheses"
                : "national, no trunk prefix";
    }

    private boolean phoneDocumented(String number, String region) {
        String format = phoneFormat(number);
        if (format.startsWith("international")
                && number.replaceAll("(?i)(x|ext\\.?)\\s*[0-9]+$", "")
                                .replaceAll("\\(0\\)", "")
                                .replaceAll("[^0-9]", "")
                                .length()
                        < 8) {
            return false; // the README's floor for international numbers: 8 digits in all ("+49 40 088" is 7)
        }
        boolean shape = format.equals("international")
                || format.equals("international with extension")
                || format.equals("NANP")
                || format.equals("trunk national")
                || format.equals("trunk, parenthesised area code");
        if (!shape) {
            return false;
        }
        // a number libphonenumber calls impossible (datafaker makes some: "+49 4960 53" is possible, "040
        // 4327394897635"
        // is not) is not a phone number of that country
        try {
            String main = number.replaceAll("(?i)(x|ext\\.?)\\s*[0-9]+$", "");
            if (main.startsWith("00")) {
                main = "+" + main.substring(2);
            }
            return phones.isPossibleNumber(phones.parse(main, region));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private Value card() {
        CreditCardType[] types = CreditCardType.values();
        CreditCardType t = types[random.nextInt(types.length)];
        String card = en.finance().creditCard(t);
        String digits = card.replace("-", "");
        String shown = switch (random.nextInt(3)) {
            case 0 -> card;
            case 1 -> card.replace('-', ' ');
            default -> digits;
        };
        int p3 = Integer.parseInt(digits.substring(0, 3));
        boolean documented = switch (t) {
            // datafaker's Diners pattern "30##" also makes 306-308, which no issuer uses
            case DINERS_CLUB -> !(p3 >= 306 && p3 <= 308);
            // datafaker's JCB patterns include 3137, in no list of JCB's ranges
            case JCB -> !digits.startsWith("3137");
            // Laser's 6304 is also Maestro's; 6706, 6709 and 6771 are not documented
            case LASER -> digits.startsWith("6304");
            case DANKORT, FORBRUGSFORENINGEN -> false;
            default -> true;
        };
        String format = t.name().toLowerCase(Locale.ROOT) + (documented ? "" : " (range not documented)");
        return whole(shown, PiiType.PAYMENT_CARD, format, documented);
    }

    private Value ssn() {
        String ssn = en.idNumber().ssnValid();
        return switch (random.nextInt(4)) {
            case 0 -> whole(ssn.replace('-', ' '), PiiType.US_SSN, "spaces", true);
            case 1 -> whole(ssn.replace('-', '.'), PiiType.US_SSN, "dots", true);
            default -> whole(ssn, PiiType.US_SSN, "dashes", true);
        };
    }

    private Value iban() {
        String iban = en.finance().iban();
        boolean registry = Checksums.IBAN_LENGTHS.containsKey(iban.substring(0, 2));
        String shown = random.nextBoolean() ? iban : groupsOfFour(iban);
        String format = (shown.equals(iban) ? "compact" : "groups of 4")
                + (registry ? "" : " (country not in the ISO 13616 registry)");
        return whole(shown, PiiType.IBAN, format, registry);
    }

    private static String groupsOfFour(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(s, i, Math.min(s.length(), i + 4));
        }
        return sb.toString();
    }

    private Value ip() {
        return switch (random.nextInt(5)) {
            case 0 -> whole(en.internet().ipV4Address(), PiiType.IP_ADDRESS, "IPv4", true);
            case 1 -> whole(en.internet().privateIpV4Address(), PiiType.IP_ADDRESS, "IPv4", true);
            case 2 -> whole(en.internet().publicIpV4Address(), PiiType.IP_ADDRESS, "IPv4", true);
            case 3 -> whole(en.internet().ipV6Address(), PiiType.IP_ADDRESS, "IPv6", true);
            default -> whole(compressed(en.internet().ipV6Address()), PiiType.IP_ADDRESS, "IPv6 compressed", true);
        };
    }

    /** The address with a run of two or more groups replaced by "::" (datafaker's groups are rarely zero). */
    private String compressed(String full) {
        String[] g = full.split(":", -1);
        int from = 1 + random.nextInt(5);
        int to = from + 2 + random.nextInt(7 - from - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < from; i++) {
            sb.append(i > 0 ? ":" : "").append(g[i]);
        }
        sb.append("::");
        for (int i = to; i < g.length; i++) {
            sb.append(i > to ? ":" : "").append(g[i]);
        }
        return sb.toString();
    }

    private Value secret() {
        String password = en.credentials().password(10, 20, true, true, true);
        return switch (random.nextInt(16)) {
            case 0 -> token("sk-proj-[A-Za-z0-9_-]{64}", "OpenAI");
            case 1 -> token("AKIA[A-Z2-7]{16}", "AWS access key id");
            case 2 -> token("ghp_[A-Za-z0-9]{36}", "GitHub");
            case 3 -> token("github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", "GitHub fine-grained");
            case 4 -> token("xoxb-[0-9]{12}-[0-9]{13}-[A-Za-z0-9]{24}", "Slack");
            case 5 -> token("sk_live_[A-Za-z0-9]{24}", "Stripe");
            case 6 -> token("AIza[A-Za-z0-9_-]{35}", "Google API key");
            case 7 -> token("hf_[A-Za-z]{34}", "Hugging Face");
            case 8 -> token("glpat-[A-Za-z0-9_-]{20}", "GitLab");
            case 9 -> token("eyJ[A-Za-z0-9]{20}\\.eyJ[A-Za-z0-9]{40}\\.[A-Za-z0-9_-]{43}", "JWT");
            case 10 -> {
                String b64 = Base64.getEncoder()
                        .encodeToString(
                                (en.credentials().username() + ":" + password).getBytes(StandardCharsets.UTF_8));
                yield new Value("Authorization: Basic " + b64, b64, PiiType.SECRET, "HTTP Basic", true);
            }
            case 11 -> {
                String userinfo = en.credentials().username().replaceAll("[^A-Za-z0-9._-]", "") + ":"
                        + password.replaceAll("[^A-Za-z0-9]", "x");
                String url = "https://" + userinfo + "@" + en.internet().domainName() + "/"
                        + en.internet().slug();
                yield new Value(url, userinfo, PiiType.SECRET, "URL credentials", true);
            }
            case 12 -> {
                // a '.' that ends the token is read as the sentence's (README): such tokens are not generated
                String token = en.regexify("[A-Za-z0-9._~+/-]{39}[A-Za-z0-9_~+/-]");
                yield new Value("Authorization: Bearer " + token, token, PiiType.SECRET, "Bearer", true);
            }
            case 13 -> assignment("password=", password, "", "password=");
            case 14 -> assignment("\"api_key\": \"", en.regexify("[A-Za-z0-9]{32}"), "\"", "JSON api_key");
            default -> assignment("DB_PASSWORD = '", password.replace("'", ""), "'", "quoted assignment");
        };
    }

    private Value token(String regex, String format) {
        return whole(en.regexify(regex), PiiType.SECRET, format, true);
    }

    private Value assignment(String before, String value, String after, String format) {
        return new Value(before + value + after, value, PiiType.SECRET, format, true);
    }

    private static Value whole(String value, PiiType type, String format, boolean documented) {
        return new Value(value, value, type, format, documented);
    }

    // -----------------------------------------------------------------------------------------------------------------
    // Contexts

    /** A context: its name and how it surrounds a value. */
    private record Context(String name, Function<String, String> around) {}

    private Sample place(Value v) {
        List<Context> contexts = contextsFor(v);
        Context c = contexts.get(random.nextInt(contexts.size()));
        String text = c.around().apply(v.value());
        String masked = v.value().replace(v.masked(), v.type().placeholder());
        String expected = c.around().apply(masked);
        return new Sample(text, expected, v.type(), v.format(), v.documented(), c.name());
    }

    private List<Context> contextsFor(Value v) {
        Faker f = en;
        String sentence = f.lorem().sentence();
        String name = f.name().fullName();
        String company = f.company().name();
        String city = f.address().city();
        List<Context> list = new ArrayList<>(List.of(
                new Context(
                        "prose", x -> sentence + " Please contact " + name + " at " + x + " about " + company + "."),
                new Context("prose, end of sentence", x -> name + " (" + company + ") gave " + x + ". " + sentence),
                new Context("bold", x -> "**Contact:** **" + x + "** — " + sentence),
                new Context("italics", x -> "_" + x + "_ was in the note from " + name + "."),
                new Context("code span", x -> "Set it to `" + x + "` in the config, " + name + " said."),
                new Context("code fence", x -> "```\n" + x + "\n```\n" + sentence),
                new Context(
                        "table cell",
                        x -> "| " + name + " | " + company + " |\n|---|---|\n| " + city + " | " + x + " |"),
                new Context("table cell, no padding", x -> "|" + name + "|" + x + "|" + city + "|"),
                new Context("double quotes", x -> name + " wrote: \"" + x + "\"."),
                new Context("single quotes", x -> "the value '" + x + "' came from " + company),
                new Context("blockquote", x -> "> " + sentence + "\n> " + x + "\n\n" + name),
                new Context("angle brackets", x -> name + " <" + x + ">"),
                new Context("parentheses", x -> company + " (" + x + ") " + sentence),
                new Context("no-break spaces", x -> name + "\u00A0" + x + "\u00A0" + city),
                new Context(
                        "log line, brackets",
                        x -> "2024-10-31T10:30:00Z WARN [worker-3] client [" + x + "] GET /api/v1/filings 429"),
                new Context(
                        "log line, key=value",
                        x -> "2024-10-31 10:30:00,123 INFO  request done user=" + x + " status=200 ms=35"),
                new Context(
                        "JSON",
                        x -> "{\"name\": \"" + name + "\", \"contact\": \"" + json(x) + "\", \"city\": \"" + city
                                + "\"}")));
        if (v.value().equals(v.masked())) {
            // a markdown link shows the value twice: as text, and in the target
            String target = switch (v.type()) {
                case EMAIL -> "mailto:";
                case PHONE -> "tel:";
                default -> "#";
            };
            list.add(new Context("markdown link", x -> "See [" + x + "](" + target + x + ") for " + company + "."));
            if (v.type() == PiiType.IP_ADDRESS && v.value().contains(":")) {
                list.add(new Context("URL with brackets", x -> "curl -s http://[" + x + "]:8443/health"));
            } else if (v.type() == PiiType.IP_ADDRESS) {
                list.add(new Context("URL", x -> "curl -s http://" + x + ":8443/health"));
            }
        }
        return list;
    }

    /** {@code x} as it appears inside a JSON string (the JSON context's expected text escapes the same way). */
    private static String json(String x) {
        return x.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    // -----------------------------------------------------------------------------------------------------------------
    // Negatives

    /** Financial text full of look-alike numbers, none of them personal data. */
    List<String> negatives(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(negative());
        }
        return out;
    }

    private String negative() {
        Faker f = en;
        String company = f.company().name();
        String ticker = f.stock().nsdqSymbol();
        return switch (random.nextInt(14)) {
            case 0 ->
                company + " (" + ticker + ") reported revenue of $" + f.number().numberBetween(1, 999) + "."
                        + f.number().digit() + "B, up " + f.number().numberBetween(1, 60) + "."
                        + f.number().digit()
                        + "% YoY, and EPS of $" + f.commerce().price(0.1, 20) + ".";
            case 1 ->
                "Net income was "
                        + String.format(Locale.ROOT, "%,d", f.number().numberBetween(1_000_000L, 9_999_999_999L)) + " ("
                        + String.format(Locale.GERMANY, "%,.2f", f.number().randomDouble(2, 1000, 99_999_999))
                        + " EUR) in Q" + f.number().numberBetween(1, 5) + " FY"
                        + f.number().numberBetween(2019, 2027) + ".";
            case 2 ->
                "CUSIP " + cusip() + " and ISIN " + isin() + " identify the " + company + " notes due "
                        + f.number().numberBetween(2026, 2055) + ".";
            case 3 ->
                "LEI " + lei() + " belongs to " + company + "; BIC "
                        + f.finance().bic() + ".";
            case 4 ->
                "Fiscal periods: Q" + f.number().numberBetween(1, 5) + " FY"
                        + f.number().numberBetween(20, 28)
                        + ", H" + f.number().numberBetween(1, 3) + " "
                        + f.number().numberBetween(2019, 2027) + ", 9M"
                        + f.number().numberBetween(19, 27) + " and fiscal "
                        + f.number().numberBetween(2019, 2027)
                        + " ended " + f.number().numberBetween(2019, 2027) + "-"
                        + two(f.number().numberBetween(1, 13))
                        + "-" + two(f.number().numberBetween(1, 29)) + ".";
            case 5 ->
                "Routing " + f.finance().usRoutingNumber() + ", CIK "
                        + String.format("%010d", f.number().numberBetween(1, 2_000_000)) + ", accession "
                        + String.format("%010d", f.number().numberBetween(1, 2_000_000)) + "-"
                        + two(f.number().numberBetween(0, 26)) + "-"
                        + String.format("%06d", f.number().numberBetween(1, 999_999)) + ".";
            case 6 -> "A mistyped IBAN " + wrongIbanCheck() + " was rejected by the bank.";
            case 7 -> "Card " + failingLuhn() + " was declined (checksum).";
            case 8 -> "SSN field held " + invalidSsn() + ", which the SSA never issues.";
            case 9 ->
                "The spread was " + f.number().numberBetween(1, 400) + " bps at "
                        + two(f.number().numberBetween(0, 24)) + ":"
                        + two(f.number().numberBetween(0, 60)) + " ET; ratio "
                        + f.number().numberBetween(1, 20) + ":" + f.number().numberBetween(1, 5) + "; +"
                        + f.number().numberBetween(1, 99) + "." + f.number().digit() + "% vs. consensus.";
            case 10 ->
                "| " + ticker + " | " + f.commerce().price() + " | "
                        + f.number().numberBetween(100_000, 99_999_999) + " | "
                        + f.number().numberBetween(1, 99) + "." + two(f.number().numberBetween(0, 100)) + "% |";
            case 11 ->
                "Shares outstanding "
                        + String.format(Locale.ROOT, "%,d", f.number().numberBetween(100_000_000L, 9_999_999_999L))
                        + "; buyback of $" + f.number().numberBetween(1, 90) + " billion through "
                        + two(f.number().numberBetween(1, 13)) + "/"
                        + f.number().numberBetween(2025, 2031) + ".";
            case 12 ->
                "Order " + f.number().digits(9) + " for " + f.number().numberBetween(1, 9999) + " units, PO-"
                        + f.number().numberBetween(2019, 2027) + "-"
                        + f.number().digits(5) + ", invoice "
                        + f.number().digits(12) + ".";
            default ->
                "Guidance: revenue of $" + f.number().numberBetween(1, 300) + "."
                        + f.number().digit()
                        + "B-$" + f.number().numberBetween(1, 300) + "."
                        + f.number().digit() + "B; capex "
                        + f.number().numberBetween(1, 99) + "% of sales; version "
                        + f.number().numberBetween(1, 9) + "."
                        + f.number().numberBetween(0, 20) + "." + f.number().numberBetween(0, 99) + " of the model.";
        };
    }

    /** A CUSIP with its check digit (the modulus 10 "double-add-double" of the first eight characters). */
    private String cusip() {
        String body = en.regexify("[0-9]{3}[0-9A-Z]{5}");
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            if (i % 2 == 1) {
                v *= 2;
            }
            sum += v / 10 + v % 10;
        }
        return body + (10 - sum % 10) % 10;
    }

    /** An ISIN with its Luhn check digit over the letter-expanded body. */
    private String isin() {
        String body = en.options().option("US", "DE", "GB", "FR", "NL") + en.regexify("[0-9A-Z]{9}");
        StringBuilder digits = new StringBuilder();
        for (char c : body.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int sum = 0;
        boolean dbl = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return body + (10 - sum % 10) % 10;
    }

    /** An LEI: 18 characters and two ISO 7064 mod 97-10 check digits. */
    private String lei() {
        String body = en.regexify("[0-9]{4}00[0-9A-Z]{12}");
        int rem = 0;
        for (char c : (body + "00").toCharArray()) {
            rem = Character.isDigit(c) ? (rem * 10 + (c - '0')) % 97 : (rem * 100 + (c - 'A' + 10)) % 97;
        }
        return body + String.format("%02d", 98 - rem);
    }

    /** A registry IBAN whose check digits are changed, shown compact or in groups. */
    private String wrongIbanCheck() {
        String iban;
        do {
            iban = en.finance().iban();
        } while (!Checksums.IBAN_LENGTHS.containsKey(iban.substring(0, 2)));
        int check = Integer.parseInt(iban.substring(2, 4));
        int wrong = (check + 1 + random.nextInt(96)) % 100;
        String bad = iban.substring(0, 2) + two(wrong) + iban.substring(4);
        return random.nextBoolean() ? bad : groupsOfFour(bad);
    }

    /** A card of a documented issuer with its last digit changed, so Luhn fails. */
    private String failingLuhn() {
        String card = en.finance().creditCard(CreditCardType.VISA);
        char last = card.charAt(card.length() - 1);
        char other = (char) ('0' + (last - '0' + 1 + random.nextInt(9)) % 10);
        return card.substring(0, card.length() - 1) + other;
    }

    /** An SSN in a range the SSA never issues (datafaker's "invalid" patterns: area 000, 666, 9xx, group 00...). */
    private String invalidSsn() {
        return en.idNumber().invalid();
    }

    private static String two(int v) {
        return String.format("%02d", v);
    }
}
