package dev.tuneloop.export;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TokenCounter} on jtokkit. The registry (and so each encoding) is built once, lazily, and shared.
 *
 * <p>For o200k_base, an ASCII-only text is split by {@link O200kAsciiSplitter} (the same pieces as the encoding's
 * regex, found without the regex engine, which is most of jtokkit's cost) and each piece's count comes from jtokkit,
 * remembered for short pieces (words recur). Counting piece by piece is exact: byte-pair encoding never crosses a piece,
 * and an ASCII piece split again on its own is that one piece. Any other text goes to jtokkit whole.
 */
final class JtokkitTokenCounter implements TokenCounter {

    /** Pieces up to this length are remembered. */
    static final int MAX_REMEMBERED_PIECE = 24;
    /** At most this many pieces are remembered per encoding (a few MiB). */
    static final int MAX_REMEMBERED_PIECES = 65_536;

    private static final class Holder {
        // jtokkit encodings are immutable and safe to share between threads
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
        static final JtokkitTokenCounter O200K =
                new JtokkitTokenCounter(REGISTRY.getEncoding(EncodingType.O200K_BASE), true);
        static final JtokkitTokenCounter CL100K =
                new JtokkitTokenCounter(REGISTRY.getEncoding(EncodingType.CL100K_BASE), false);
    }

    private final Encoding encoding;
    private final boolean asciiSplitter;
    private final ConcurrentHashMap<String, Integer> pieces = new ConcurrentHashMap<>();

    private JtokkitTokenCounter(Encoding encoding, boolean asciiSplitter) {
        this.encoding = encoding;
        this.asciiSplitter = asciiSplitter;
    }

    static JtokkitTokenCounter forModel(String baseModel) {
        return encodingFor(baseModel) == EncodingType.CL100K_BASE ? Holder.CL100K : Holder.O200K;
    }

    /** The encoding of a model family; see {@link TokenCounter} for the rule. */
    static EncodingType encodingFor(String baseModel) {
        String m = baseModel.toLowerCase(Locale.ROOT);
        if (m.startsWith("ft:")) {
            int end = m.indexOf(':', 3);
            m = end < 0 ? m.substring(3) : m.substring(3, end);
        }
        if (m.startsWith("gpt-4o")
                || m.startsWith("gpt-4.1")
                || m.startsWith("gpt-4.5")
                || m.startsWith("gpt-5")
                || m.startsWith("o1")
                || m.startsWith("o3")
                || m.startsWith("o4")) {
            return EncodingType.O200K_BASE;
        }
        if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5")) {
            return EncodingType.CL100K_BASE;
        }
        return EncodingType.O200K_BASE;
    }

    @Override
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (!asciiSplitter || !O200kAsciiSplitter.isAscii(text)) {
            return encoding.countTokensOrdinary(text);
        }
        int n = text.length();
        int total = 0;
        for (int i = 0; i < n; ) {
            int end = O200kAsciiSplitter.next(text, i, n);
            total += piece(text.substring(i, end));
            i = end;
        }
        return total;
    }

    /** jtokkit's count for the text whole, without the ASCII splitter (the reference the splitter is tested against). */
    int countWhole(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    private int piece(String piece) {
        if (piece.length() > MAX_REMEMBERED_PIECE) {
            return encoding.countTokensOrdinary(piece);
        }
        Integer known = pieces.get(piece);
        if (known != null) {
            return known;
        }
        int c = encoding.countTokensOrdinary(piece);
        if (pieces.size() < MAX_REMEMBERED_PIECES) {
            pieces.put(piece, c);
        }
        return c;
    }

    @Override
    public String encodingName() {
        return encoding.getName();
    }

    @Override
    public String toString() {
        return "TokenCounter[" + encoding.getName() + "]";
    }
}
