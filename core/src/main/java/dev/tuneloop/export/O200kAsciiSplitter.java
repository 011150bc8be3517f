package dev.tuneloop.export;

/**
 * Splits an ASCII-only text exactly as o200k_base's pre-tokenization regex does (as compiled by jtokkit, with
 * {@code UNICODE_CHARACTER_CLASS}), without the regex engine:
 *
 * <pre>
 * A1 [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * A2 [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * A3 \p{N}{1,3}
 * A4  ?[^\s\p{L}\p{N}]+[\r\n/]*
 * A5 \s*[\r\n]+
 * A6 \s+(?!\S)
 * A7 \s+
 * </pre>
 *
 * For ASCII the classes are simple: letters are {@code A-Z} (Lu) and {@code a-z} (Ll), numbers {@code 0-9}, and
 * {@code \s} is U+0009-U+000D and the space. Tested piece for piece against the regex itself. Stateless.
 */
final class O200kAsciiSplitter {

    /** Receives each piece as {@code [start, end)}. */
    interface Pieces {
        void piece(int start, int end);
    }

    private O200kAsciiSplitter() {}

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Splits {@code s}, which must be ASCII only. */
    static void split(String s, Pieces out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int end = next(s, i, n);
            out.piece(i, end);
            i = end;
        }
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean letter(char c) {
        return upper(c) || lower(c);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean space(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** {@code [^\r\n\p{L}\p{N}]}: the optional first character of A1 and A2. */
    private static boolean prefix(char c) {
        return c != '\r' && c != '\n' && !letter(c) && !digit(c);
    }

    /** {@code [^\s\p{L}\p{N}]}: the run of A4. */
    private static boolean punct(char c) {
        return !space(c) && !letter(c) && !digit(c);
    }

    /** The end of the piece starting at {@code i}. */
    static int next(String s, int i, int n) {
        char c = s.charAt(i);
        int j = prefix(c) ? i + 1 : i;
        // A1: prefix? upper* lower+ contraction?
        int k = j;
        while (k < n && upper(s.charAt(k))) {
            k++;
        }
        int m = k;
        while (m < n && lower(s.charAt(m))) {
            m++;
        }
        if (m > k) {
            return contraction(s, m, n);
        }
        // A2: prefix? upper+ lower* contraction? (the lower run is empty here, or A1 would have matched)
        if (k > j) {
            return contraction(s, k, n);
        }
        // A3
        if (digit(c)) {
            int d = i + 1;
            while (d < n && d < i + 3 && digit(s.charAt(d))) {
                d++;
            }
            return d;
        }
        // A4: ' '? punct+ [\r\n/]*
        int p = c == ' ' ? i + 1 : i;
        int q = p;
        while (q < n && punct(s.charAt(q))) {
            q++;
        }
        if (q > p) {
            while (q < n && (s.charAt(q) == '\r' || s.charAt(q) == '\n' || s.charAt(q) == '/')) {
                q++;
            }
            return q;
        }
        // c is white space from here on (every other character was taken above)
        int e = i;
        int lastBreak = -1;
        while (e < n && space(s.charAt(e))) {
            if (s.charAt(e) == '\r' || s.charAt(e) == '\n') {
                lastBreak = e;
            }
            e++;
        }
        // A5: \s*[\r\n]+ backtracks to the last line break of the run
        if (lastBreak >= 0) {
            return lastBreak + 1;
        }
        // A6: \s+(?!\S) leaves the last space to the next word, unless the run ends the text
        if (e == n) {
            return e;
        }
        if (e - i > 1) {
            return e - 1;
        }
        // A7
        return e;
    }

    /** After a letter run ending at {@code m}: the optional {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)}. */
    private static int contraction(String s, int m, int n) {
        if (m + 1 >= n || s.charAt(m) != '\'') {
            return m;
        }
        char a = Character.toLowerCase(s.charAt(m + 1));
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return m + 2;
        }
        if (m + 2 < n) {
            char b = Character.toLowerCase(s.charAt(m + 2));
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                return m + 3;
            }
        }
        return m;
    }
}
