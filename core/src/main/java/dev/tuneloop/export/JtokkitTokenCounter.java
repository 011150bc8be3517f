package dev.tuneloop.export;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

import java.util.Locale;

/** {@link TokenCounter} on jtokkit. The registry (and so each encoding) is built once, lazily, and shared. */
final class JtokkitTokenCounter implements TokenCounter {

    private static final class Holder {
        // jtokkit encodings are immutable and safe to share between threads
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
        static final JtokkitTokenCounter O200K = new JtokkitTokenCounter(REGISTRY.getEncoding(EncodingType.O200K_BASE));
        static final JtokkitTokenCounter CL100K = new JtokkitTokenCounter(REGISTRY.getEncoding(EncodingType.CL100K_BASE));
    }

    private final Encoding encoding;

    private JtokkitTokenCounter(Encoding encoding) {
        this.encoding = encoding;
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
        if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5") || m.startsWith("gpt-5")
                || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4")) {
            return EncodingType.O200K_BASE;
        }
        if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5")) {
            return EncodingType.CL100K_BASE;
        }
        return EncodingType.O200K_BASE;
    }

    @Override
    public int count(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
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
