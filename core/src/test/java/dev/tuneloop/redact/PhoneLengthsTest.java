package dev.tuneloop.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The redactor's table of national number lengths against libphonenumber (a test dependency only): for every calling
 * code and every length 1-17, the table says "possible" exactly when libphonenumber does.
 */
class PhoneLengthsTest {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    @Test
    void everyCallingCodeAndLengthAgreesWithLibphonenumber() {
        List<String> disagreements = new ArrayList<>();
        TreeSet<Integer> codes = new TreeSet<>(util.getSupportedCallingCodes());
        for (int code : codes) {
            for (int length = 1; length <= 17; length++) {
                PhoneNumber number =
                        new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong("2".repeat(length)));
                boolean theirs = util.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE;
                if (theirs != PhoneLengths.possible(code, length)) {
                    disagreements.add("+" + code + " with " + length + " digits: libphonenumber says " + theirs);
                }
            }
        }
        assertThat(codes).hasSizeGreaterThan(200);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void unassignedCallingCodesAreNeverPossible() {
        for (int code = 1; code < 1000; code++) {
            if (!util.getSupportedCallingCodes().contains(code)) {
                for (int length = 1; length <= 17; length++) {
                    assertThat(PhoneLengths.possible(code, length))
                            .as("+%d", code)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void theCallingCodeIsTheAssignedPrefix() {
        assertThat(PhoneLengths.callingCodeLength("14155552671")).isEqualTo(1);
        assertThat(PhoneLengths.callingCodeLength("442079460958")).isEqualTo(2);
        assertThat(PhoneLengths.callingCodeLength("353123456789")).isEqualTo(3);
        assertThat(PhoneLengths.callingCodeLength("999123456")).isZero();
        assertThat(PhoneLengths.possibleInternational("14155552671")).isTrue();
        assertThat(PhoneLengths.possibleInternational("1415555267")).isFalse();
        assertThat(PhoneLengths.possibleInternational("442079460958")).isTrue();
        assertThat(PhoneLengths.possibleInternational("44206634")).isFalse();
    }
}
