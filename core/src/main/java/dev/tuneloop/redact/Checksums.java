package dev.tuneloop.redact;

import java.util.Map;

/** The check-digit and range rules that turn "looks like" into "is": Luhn, IIN ranges, IBAN, SSA rules. */
final class Checksums {
    private Checksums() {}

    /** Luhn (mod 10) over an all-digit string. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean dbl = false;
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
        return sum % 10 == 0;
    }

    /**
     * Whether an all-digit number of this length starts with a known issuer prefix (IIN) whose cards have this
     * length: Visa, Mastercard, American Express, Discover, Diners Club, JCB, UnionPay, Maestro.
     */
    static boolean knownIssuer(CharSequence d) {
        int len = d.length();
        int p1 = d.charAt(0) - '0';
        int p2 = p1 * 10 + (d.charAt(1) - '0');
        int p3 = p2 * 10 + (d.charAt(2) - '0');
        int p4 = p3 * 10 + (d.charAt(3) - '0');
        int p6 = len >= 6 ? p4 * 100 + (d.charAt(4) - '0') * 10 + (d.charAt(5) - '0') : -1;
        if (p1 == 4) {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return len >= 16 && len <= 19; // Discover
        }
        if ((p3 >= 300 && p3 <= 305) || p3 == 309 || p2 == 36 || p2 == 38 || p2 == 39) {
            return len >= 14 && len <= 19; // Diners Club (309 as the Discover network lists it)
        }
        if ((p4 >= 3528 && p4 <= 3589)
                || (p4 >= 3088 && p4 <= 3094)
                || (p4 >= 3096 && p4 <= 3102)
                || (p4 >= 3112 && p4 <= 3120)
                || (p4 >= 3158 && p4 <= 3159)
                || (p4 >= 3337 && p4 <= 3349)) {
            return len >= 16 && len <= 19; // JCB, with its older ranges (3088-3094, ...), still in issued cards
        }
        if (p2 == 62 || (p4 >= 8100 && p4 <= 8171)) {
            return len >= 16 && len <= 19; // UnionPay (81 since 2016)
        }
        if (p4 == 5018
                || p4 == 5020
                || p4 == 5038
                || p4 == 5893
                || p4 == 6304
                || p4 == 6759
                || p4 == 6761
                || p4 == 6762
                || p4 == 6763) {
            return len >= 13 && len <= 19; // Maestro
        }
        return false;
    }

    /** SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000. */
    static boolean validSsn(int area, int group, int serial) {
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    /** IBAN lengths by country (ISO 13616 registry). */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BI", 27),
            Map.entry("BR", 29),
            Map.entry("BY", 28),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DJ", 27),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FK", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LC", 32),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("LY", 25),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MN", 20),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NI", 28),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("OM", 23),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("RU", 33),
            Map.entry("SA", 24),
            Map.entry("SC", 31),
            Map.entry("SD", 18),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("SO", 23),
            Map.entry("ST", 25),
            Map.entry("SV", 28),
            Map.entry("TL", 23),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20),
            Map.entry("YE", 30));

    /** ISO 7064 mod 97-10 over a compact, upper-case IBAN: move the first four characters to the end, letters A=10. */
    static boolean ibanMod97(CharSequence iban) {
        int n = iban.length();
        int rem = 0;
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (c >= '0' && c <= '9') {
                rem = (rem * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rem = (rem * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return rem == 1;
    }
}
