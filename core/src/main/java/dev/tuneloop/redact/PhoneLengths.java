package dev.tuneloop.redact;

/**
 * The possible lengths of the national significant number (the digits after the country calling code) for every
 * country calling code, so that {@code +CC ...} is masked only when it has as many digits as a number of that country
 * can have. Derived from libphonenumber 9.0.33's metadata (Apache License 2.0: for each calling code, the lengths its
 * main region's general description lists as possible); {@code PhoneLengthsTest} checks every entry against that
 * library, which is a test dependency only. Calling codes are prefix-free, so a number's code is the one of its first
 * one, two or three digits that is in the table.
 */
final class PhoneLengths {
    private PhoneLengths() {}

    /** "code:lengths" entries; lengths are a comma-separated list of lengths and ranges. */
    static final String TABLE =
            "1:10 7:10,14 20:8-10 27:5-10 30:10-12 31:5-11 32:8-9 33:9 34:9 36:8-9 39:6-12 40:6,9 41:9,12 "
                    + "43:4-13 44:7,9-10 45:8 46:6-10,12 47:5,8 48:6-10 49:4-15 51:8-9 52:10 53:6-8,10 54:10-11 "
                    + "55:8-11 56:9-11 57:8,10-11 58:10 60:8-10 61:5-10,12 62:7-17 63:6,8-13 64:5-10 65:8,10-11 "
                    + "66:8-10,13 81:8-17 82:5-6,8-14 84:7-10 86:7-12 90:7,10,12-13 91:8-13 92:8-12 93:9 94:9 95:6-10 "
                    + "98:4-7,10 211:9 212:9 213:8-9 216:8 218:9 220:7 221:9 222:8 223:8 224:8-9 225:10 226:8 227:8 "
                    + "228:8 229:8,10 230:7-8,10 231:7-9 232:8 233:8-9 234:10-14 235:8 236:8 237:8-9 238:7 239:7 240:9 "
                    + "241:7-8 242:9 243:7-10 244:9 245:7,9 246:7 247:5-6 248:7 249:9 250:8-9 251:9 252:6-9 253:8 "
                    + "254:7-10 255:9 256:9 257:8 258:8-9 260:9 261:9 262:9 263:5-10 264:8-9 265:7,9 266:8 267:7-8,10 "
                    + "268:8-9 269:7 290:4-5 291:7 297:7 298:6 299:6 350:8 351:9 352:4-11 353:7-10 354:7,9 355:6-9 "
                    + "356:8 357:8 358:5-12 359:6-9,12 370:8 371:8 372:7-8,10 373:8 374:8 375:6-11 376:6,8-9 377:8-9 "
                    + "378:8,10 380:9-10 381:6-12 382:8-9 383:8-12 385:7-9 386:5-8 387:8-9 389:8 420:9-12 421:6-7,9 "
                    + "423:7,9 500:5 501:7,11 502:8,11 503:7-8,11 504:8,11 505:8 506:8,10 507:7-8,10-11 508:6,9 509:8 "
                    + "590:9 591:8-9 592:7 593:8-11 594:9 595:6-11 596:9 597:6-7 598:4-13 599:7-8 670:7-8 672:6 673:7 "
                    + "674:7 675:7-8 676:5,7 677:5,7 678:5,7 679:7,11 680:7 681:6,9 682:5 683:4,7 685:5-7,10 686:5,8 "
                    + "687:6 688:5-7 689:6,8-9 690:4-7 691:7 692:7 800:8 808:8 850:8,10 852:5-9,11 853:7-8 855:8-10 "
                    + "856:8-10 870:9,12 878:12 880:6-10 881:9-10 882:7-12 883:8-12 886:7-11 888:11 960:7,10 961:7-8 "
                    + "962:8-9 963:8-9 964:8-10 965:7-8 966:9-10 967:7-9 968:7-9 970:8-10 971:5-12 972:7-12 973:8 "
                    + "974:7-9,11 975:7-8 976:8-10 977:8,10-11 979:9 992:9 993:8 994:9 995:9 996:9-10 998:9";

    /** Bit {@code n} of {@code MASKS[code]} is set when a national number of {@code n} digits is possible for it. */
    private static final int[] MASKS = new int[1000];

    static {
        for (String entry : TABLE.trim().split(" ", -1)) {
            int colon = entry.indexOf(':');
            int code = Integer.parseInt(entry.substring(0, colon));
            int mask = 0;
            for (String part : entry.substring(colon + 1).split(",", -1)) {
                int dash = part.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
                for (int n = from; n <= to; n++) {
                    mask |= 1 << n;
                }
            }
            MASKS[code] = mask;
        }
    }

    /**
     * The length of the calling code that {@code digits} (a number in international form, without '+' or "00") starts
     * with: 1, 2 or 3, or 0 when its first three digits start no assigned code.
     */
    static int callingCodeLength(CharSequence digits) {
        int code = 0;
        for (int len = 1; len <= 3 && len <= digits.length(); len++) {
            code = code * 10 + (digits.charAt(len - 1) - '0');
            if (MASKS[code] != 0) {
                return len;
            }
        }
        return 0;
    }

    /** Whether a national significant number of {@code length} digits is possible for calling code {@code code}. */
    static boolean possible(int code, int length) {
        return code > 0 && code < MASKS.length && length > 0 && length < 32 && (MASKS[code] & (1 << length)) != 0;
    }

    /** Whether {@code digits} (calling code, then national number; no '+') is a possible number by length. */
    static boolean possibleInternational(CharSequence digits) {
        int ccLength = callingCodeLength(digits);
        if (ccLength == 0) {
            return false;
        }
        int code = Integer.parseInt(digits.subSequence(0, ccLength).toString());
        return possible(code, digits.length() - ccLength);
    }
}
