package dev.tuneloop.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private final Redactor redactor = Redactor.standard();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Email me at jane.doe+ir@example.co.uk today.|Email me at [EMAIL] today.|EMAIL",
                "Call (415) 555-2671 now.|Call [PHONE] now.|PHONE",
                "Call 415-555-2671.|Call [PHONE].|PHONE",
                "Call 1-800-555-0199 toll free.|Call [PHONE] toll free.|PHONE",
                "London office: +44 20 7946 0958.|London office: [PHONE].|PHONE",
                "Direct line +1 (415) 555-2671 ext|Direct line [PHONE] ext|PHONE",
                "UK 020 7946 0958 desk|UK [PHONE] desk|PHONE",
                "Card 4111 1111 1111 1111 on file|Card [CARD] on file|PAYMENT_CARD",
                "Amex 3782-822463-10005 was charged|Amex [CARD] was charged|PAYMENT_CARD",
                "card=5555555555554444|card=[CARD]|PAYMENT_CARD",
                "SSN 123-45-6789 on the form|SSN [SSN] on the form|US_SSN",
                "IBAN DE89 3704 0044 0532 0130 00 for wires|IBAN [IBAN] for wires|IBAN",
                "IBAN GB82WEST12345698765432.|IBAN [IBAN].|IBAN",
                "from 192.168.10.254 at noon|from [IP] at noon|IP_ADDRESS",
                "from 2001:db8::8a2e:370:7334 at noon|from [IP] at noon|IP_ADDRESS",
                "loopback ::1 and fe80::1%eth0.|loopback [IP] and [IP].|IP_ADDRESS",
                "key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789 leaked|key [SECRET] leaked|SECRET",
                "AKIAIOSFODNN7EXAMPLE in logs|[SECRET] in logs|SECRET",
                "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 used|token [SECRET] used|SECRET",
                "slack xoxb-1234567890-abcdefghij used|slack [SECRET] used|SECRET",
                "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc used|stripe [SECRET] used|SECRET",
                "google AIzaSyA1234567890abcdefghijklmnopqrstuv used|google [SECRET] used|SECRET",
                "password=hunter2 in config|password=[SECRET] in config|SECRET",
                "DB_PASSWORD = 'c0rrect-h0rse' set|DB_PASSWORD = '[SECRET]' set|SECRET",
                "{\"api_key\": \"abc123def456\"}|{\"api_key\": \"[SECRET]\"}|SECRET",
                "client_secret: Zq8-xY7_wV6 ok|client_secret: [SECRET] ok|SECRET",
                "secret_key = \"abc def ghi\"|secret_key = \"[SECRET]\"|SECRET",
                "AWS secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|AWS secret: [SECRET]|SECRET",
                "Tel. +49 (0)30 1234567|Tel. [PHONE]|PHONE",
                "contact: +1.415.555.2671|contact: [PHONE]|PHONE",
                "Authorization: Bearer abcDEF123456ghiJKL789012mno|Authorization: Bearer [SECRET]|SECRET",
                "gho_abcdefghijklmnopqrstuvwxyz0123456789 and|[SECRET] and|SECRET",
                "(+1 617 706 5931)|([PHONE])|PHONE",
                // markdown and log punctuation separates: brackets, parentheses, pipes, emphasis, code, quotes
                "[ann@example.com](mailto:ann@example.com)|[[EMAIL]](mailto:[EMAIL])|EMAIL",
                "WARN client [203.0.113.7] GET /api/v1/filings 429|WARN client [[IP]] GET /api/v1/filings 429|IP_ADDRESS",
                "see **ann@example.com** now|see **[EMAIL]** now|EMAIL",
                "see _ann@example.com_ now|see _[EMAIL]_ now|EMAIL",
                "see `ann@example.com` now|see `[EMAIL]` now|EMAIL",
                "<ann@example.com>|<[EMAIL]>|EMAIL",
                "\"ann@example.com\"|\"[EMAIL]\"|EMAIL",
                "'ann@example.com'|'[EMAIL]'|EMAIL",
                "host\u00A0203.0.113.7\u00A0up|host\u00A0[IP]\u00A0up|IP_ADDRESS",
                "curl http://[2001:db8::1]:8443/health|curl http://[[IP]]:8443/health|IP_ADDRESS",
                "(10.0.0.1)|([IP])|IP_ADDRESS",
                // e-mail local parts beyond ASCII letters
                "mail josé.garcía@example.com now|mail [EMAIL] now|EMAIL",
                "mail o'brien@example.com now|mail [EMAIL] now|EMAIL",
                "mail raúl.zuijderduijn@example.nl.|mail [EMAIL].|EMAIL",
                "mail jane_doe@example.com now|mail [EMAIL] now|EMAIL",
                // phones: extensions, 00 prefix, parenthesised trunk area codes, national groupings
                "call +1-757-419-2599x537 now|call [PHONE] now|PHONE",
                "call 415-555-2671 ext. 44 now|call [PHONE] now|PHONE",
                "call (415) 555-2671 x12 now|call [PHONE] now|PHONE",
                "call 001-757-419-2599 now|call [PHONE] now|PHONE",
                "call 0044 20 7946 0958 now|call [PHONE] now|PHONE",
                "call +44 (0)20 7946 0958 now|call [PHONE] now|PHONE",
                "office (0161) 496 0643 today|office [PHONE] today|PHONE",
                "office (02) 4905 5893 today|office [PHONE] today|PHONE",
                "office 01276 61558 today|office [PHONE] today|PHONE",
                "mobile 07939 626260 today|mobile [PHONE] today|PHONE",
                "Tokyo 03-8530-4327 today|Tokyo [PHONE] today|PHONE",
                "Paris +33 1 23 45 67 89 today|Paris [PHONE] today|PHONE",
                "Berlin +49 30 12345678 today|Berlin [PHONE] today|PHONE",
                // dotted SSNs
                "SSN 405.83.1314 on file|SSN [SSN] on file|US_SSN",
                // Hugging Face, GitLab, HTTP Basic, URL credentials
                "token hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567 used|token [SECRET] used|SECRET",
                "token glpat-AbCdEfGhIjKlMnOpQrSt used|token [SECRET] used|SECRET",
                "deploy gldt-AbCdEfGhIjKlMnOpQrSt01 used|deploy [SECRET] used|SECRET",
                "Authorization: Basic dXNlcjpwYXNzd29yZA==|Authorization: Basic [SECRET]|SECRET",
                "git clone https://ann:s3cr3t@git.example.com/repo.git|git clone https://[SECRET]@git.example.com/repo.git|SECRET",
                "DATABASE_URL=postgres://:pw@db.internal:5432/app|DATABASE_URL=postgres://[SECRET]@db.internal:5432/app|SECRET",
                // found by the generated corpus: markdown around values whose alphabet has the delimiter
                "_sk-proj-abcdefghijklmnopqrstuvwxyz0123456789_ was in the note|_[SECRET]_ was in the note|SECRET",
                "**password=K$e1*5yOi6*a@** it said|**password=[SECRET]** it said|SECRET",
                "_Authorization: Bearer abcDEF123456ghiJKL789012mno_ sent|_Authorization: Bearer [SECRET]_ sent|SECRET",
                "client [password=z^c$IYITlZ5] GET|client [password=[SECRET]] GET|SECRET",
                "Ernest password=ln$^wHU7Z\u00A0Warnermouth|Ernest password=[SECRET]\u00A0Warnermouth|SECRET",
                "_AIzaSyA1234567890abcdefghijklmnopqrstuv_ key|_[SECRET]_ key|SECRET",
                "log {\"msg\": \"\\\"api_key\\\": \\\"eWbg82idtI2qniGk\\\"\"}|log {\"msg\": \"\\\"api_key\\\": \\\"[SECRET]\\\"\"}|SECRET",
                // an international number whose tail has an SSN's shape
                "Tokyo +81 749-55-2414 desk|Tokyo [PHONE] desk|PHONE",
                // cards whose groups open with "00" are not "00"-prefixed phones
                "card 6011 0020 8044 8053 on file|card [CARD] on file|PAYMENT_CARD",
            })
    void masksEachTypeWithItsPlaceholder(String input, String expected, PiiType type) {
        Redaction r = redactor.redact(input);
        assertThat(r.text()).isEqualTo(expected);
        assertThat(r.counts()).containsOnlyKeys(type);
        assertThat(r.changed()).isTrue();
    }

    @Test
    void masksJwtsAndPemBlocks() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
                + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assertThat(redactor.redact("Authorization: " + jwt + " sent").text()).isEqualTo("Authorization: [SECRET] sent");
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x9Yk\nabc+/=\n-----END RSA PRIVATE KEY-----";
        Redaction r = redactor.redact("key:\n" + pem + "\nthanks");
        assertThat(r.text()).isEqualTo("key:\n[SECRET]\nthanks");
        assertThat(r.counts()).isEqualTo(Map.of(PiiType.SECRET, 1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Revenue was $35.1B, up 4.7% YoY, and $1,234,567.89 was paid.",
                "The 8-K was filed 2024-10-31 (10/31/2024) for Q3 FY2025.",
                "NVDA and GOOGL rose; CIK 0001045810, accession 0001045810-24-000316.",
                "Order 123456789 shipped; ISBN 978-0-306-40615-7 and 9780306406157.",
                "SSNs 000-12-3456, 666-12-3456, 912-34-5678, 123-00-4567 and 123-45-0000 are never issued.",
                "Card-like 4111 1111 1111 1112 fails Luhn; 1234 5678 9012 3456 has no issuer.",
                "At 12:30:45 the ratio was 3:2, and 256.1.1.1 is not an address.",
                "The secret: growth. Tokens: 1500 per call.",
                "The keynote: Jensen spoke; monkey: 12345678; passes: 12; token: 5; CIK: 0001045810.",
                "Timestamp 2024-10-31T10:30:00Z, ratio 3:1:2, EPS: $2.35 (range: $2.28 - $2.42).",
                "French-style 01 23 45 67 89 and a lower-case iban de89370400440532013000 are outside the rules.",
                // phones whose national number has a length no number of that country has
                "Growth +1 415 555 267 and +44 20 6634 and +33 1 23 45 67 8 were typos.",
                "Revenue +49 2024 and margin +12.5% and +999 123 456 7890 (no such country).",
                "Dates 01-02-2024 and 05 2024, and 0123 4567 units are not phones.",
                // dotted triples that are not SSNs: never-issued areas, other groupings
                "Codes 666.12.3456, 900.12.3456, 123.00.4567, 2024.10.31 and 1.234.567 stay.",
                // the words around a credential, without one
                "Basic EPS was $2.35; basic and diluted; basic dXNlcnBhc3M= has no colon.",
                "See https://example.com/path@v2, ftp://:@host and a bare mailto: link.",
                "Prefixes alone: hf_short, glpat-short, gl_pat and hf_ are not tokens.",
                // IBAN-shaped with a wrong check digit: neither an IBAN nor a card inside it
                "IBAN DE01 2345 6789 0123 4560 57 was mistyped.",
                // "00" dials abroad only with the calling code written apart, not inside a run of groups
                "Invoice 006298121086 and ref 1234 0044 2079 4609 were paid.",
            })
    void leavesLookalikesAlone(String text) {
        Redaction r = redactor.redact(text);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.changed()).isFalse();
        assertThat(r.total()).isZero();
    }

    @Test
    void aFourPartVersionStringIsTreatedAsAnIpButAPrefixedOneIsNot() {
        assertThat(redactor.redact("version 1.2.3.4").text()).isEqualTo("version [IP]");
        assertThat(redactor.redact("build v1.2.3.4").text()).isEqualTo("build v1.2.3.4");
    }

    @Test
    void valuesInMarkdownTableCellsAreFound() {
        String table =
                "| name | phone | ip |\n|---|---|---|\n| Ann | 415-555-2671 | 10.0.0.1 |\n|ann@example.com|+44 20 7946 0958|";
        Redaction r = redactor.redact(table);
        assertThat(r.text())
                .isEqualTo("| name | phone | ip |\n|---|---|---|\n| Ann | [PHONE] | [IP] |\n|[EMAIL]|[PHONE]|");
        assertThat(r.counts()).isEqualTo(Map.of(PiiType.PHONE, 2, PiiType.IP_ADDRESS, 1, PiiType.EMAIL, 1));
    }

    @Test
    void aSpanThatParsesAsAnIbanIsNeverReadAsACard() {
        // the 16 inner digits of this mistyped IBAN pass Luhn with a Mastercard prefix: alone they are a card
        assertThat(Checksums.luhn("2345678901234560") && Checksums.knownIssuer("2345678901234560"))
                .isTrue();
        assertThat(redactor.redact("card 2345 6789 0123 4560 ok").text()).isEqualTo("card [CARD] ok");
        assertThat(redactor.redact("IBAN DE01 2345 6789 0123 4560 57").changed())
                .isFalse();
        assertThat(redactor.redact("IBAN DE01234567890123456057").changed()).isFalse();
        // a valid IBAN right after an IBAN-shaped mistake is still found
        Redaction r = redactor.redact("DE01 DE89 3704 0044 0532 0130 00");
        assertThat(r.text()).isEqualTo("DE01 [IBAN]");
        // the claim keeps only later rules out: an e-mail or secret is found first and stays masked
        assertThat(redactor.redact("DE01 2345 6789 0123 4560 57 ann@example.com")
                        .text())
                .isEqualTo("DE01 2345 6789 0123 4560 57 [EMAIL]");
    }

    @Test
    void countsEveryFindingByTypeAndToStringHidesTheText() {
        Redaction r = redactor.redact("a@example.com, b@example.org, 10.0.0.1 and 123-45-6789");
        assertThat(r.counts()).isEqualTo(Map.of(PiiType.EMAIL, 2, PiiType.IP_ADDRESS, 1, PiiType.US_SSN, 1));
        assertThat(r.total()).isEqualTo(4);
        assertThat(r.toString())
                .doesNotContain("[EMAIL]")
                .doesNotContain("10.0.0.1")
                .contains("EMAIL=2");
    }

    @Test
    void restrictedRedactorOnlyMasksChosenTypes() {
        Redactor emailsOnly = Redactor.standard(EnumSet.of(PiiType.EMAIL));
        assertThat(emailsOnly.redact("a@example.com from 10.0.0.1").text()).isEqualTo("[EMAIL] from 10.0.0.1");
        assertThatThrownBy(() -> Redactor.standard(EnumSet.noneOf(PiiType.class)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void noneChangesNothingAndAndThenAddsCounts() {
        assertThat(Redactor.none().redact("a@example.com").text()).isEqualTo("a@example.com");
        assertThat(Redactor.none().redact("a@example.com").counts()).isEmpty();
        Redactor custom = text -> text.contains("ACME")
                ? new Redaction(text.replace("ACME", "[SECRET]"), Map.of(PiiType.SECRET, 1))
                : Redaction.unchanged(text);
        Redaction r = redactor.andThen(custom).redact("ACME a@example.com");
        assertThat(r.text()).isEqualTo("[SECRET] [EMAIL]");
        assertThat(r.counts()).isEqualTo(Map.of(PiiType.SECRET, 1, PiiType.EMAIL, 1));
    }

    @Test
    void aMatchRejectedForWhatIsGluedToItIsTakenOnceTheNeighbourIsMasked() {
        // found by RedactorProperties: the phone's last group is glued to an email's local part, which is masked first
        // (the local part takes "1234jane"); then the phone ends before a space
        Redaction r = redactor.redact("+44 20 7946 0958 1234jane@example.com");
        assertThat(r.text()).isEqualTo("[PHONE] [EMAIL]");
        assertThat(r.counts()).isEqualTo(Map.of(PiiType.PHONE, 1, PiiType.EMAIL, 1));
        assertThat(redactor.redact(r.text()).changed()).isFalse();
    }

    @Test
    void redactionValidatesItsCounts() {
        assertThatThrownBy(() -> new Redaction("x", Map.of(PiiType.EMAIL, 0)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("EMAIL=0");
        assertThatThrownBy(() -> new Redaction(null, Map.of())).hasMessage("text is required, but was null");
        Redaction r = new Redaction("[EMAIL] [EMAIL]", Map.of(PiiType.EMAIL, 2));
        assertThat(r.count(PiiType.EMAIL)).isEqualTo(2);
        assertThat(r.count(PiiType.IBAN)).isZero();
        assertThat(PiiType.PAYMENT_CARD.placeholder()).isEqualTo("[CARD]");
    }

    @Test
    void nullTextIsRejected() {
        assertThatThrownBy(() -> redactor.redact(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("text is required, but was null");
    }
}
