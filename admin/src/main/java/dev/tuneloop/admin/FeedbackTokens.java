package dev.tuneloop.admin;

import dev.tuneloop.record.InteractionId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signed, scoped, expiring feedback tokens: the host gives one to its front end with each answer, and the browser
 * sends 👍/👎, an edit or a follow-up for that one interaction straight to {@code POST /admin/feedback} with it, without
 * the admin token and without the host's own endpoint.
 *
 * <pre>{@code
 * FeedbackTokens tokens = FeedbackTokens.create(secret, Clock.systemUTC()); // secret: >= 32 bytes, from the host's vault
 * String token = tokens.issue(interactionId, EnumSet.of(Kind.RATING, Kind.EDIT), Duration.ofHours(1));
 * }</pre>
 *
 * <p>Format: {@code tl1.<payload>.<mac>}, both parts base64url without padding. The payload is 25 bytes: the
 * interaction id (16, big-endian), the allowed kinds as a bit set (1: rating = 1, edit = 2, follow-up = 4) and the
 * expiry in epoch seconds (8, big-endian). The MAC is HMAC-SHA256 with the host's secret over the ASCII of
 * {@code tl1.<payload>}. A token carries no user data; whoever holds it can give that feedback on that interaction
 * until it expires, so hand it only to the user who got the answer, over HTTPS. Thread-safe; the secret never appears
 * in {@link #toString()} or a message.
 */
public final class FeedbackTokens {
    /** What a token allows. */
    public enum Kind {
        /** 👍 or 👎 (latest wins). */
        RATING(1),
        /** A corrected answer. */
        EDIT(2),
        /** "The answer was not enough": a follow-up, with an optional message. */
        FOLLOW_UP(4);

        private final int bit;

        Kind(int bit) {
            this.bit = bit;
        }
    }

    /** The shortest secret accepted: 32 bytes (the HMAC-SHA256 key size). */
    public static final int MIN_SECRET_BYTES = 32;
    /** The longest lifetime a token may be issued with: 7 days. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    private static final String PREFIX = "tl1.";
    private static final int PAYLOAD_BYTES = 25;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    private FeedbackTokens(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * Tokens signed with {@code secret}. Every app instance that issues or accepts tokens needs the same secret.
     *
     * @param secret the host's secret; at least {@value #MIN_SECRET_BYTES} bytes (copied)
     * @param clock  decides expiry
     * @return the token issuer and checker
     * @throws IllegalArgumentException when the secret is too short
     * @throws NullPointerException when an argument is null
     */
    public static FeedbackTokens create(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(clock, "clock");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "secret must be at least " + MIN_SECRET_BYTES + " bytes, but has " + secret.length);
        }
        return new FeedbackTokens(secret.clone(), clock);
    }

    /**
     * A token allowing {@code kinds} of feedback on one interaction until now + {@code ttl}.
     *
     * @param interactionId the interaction the answer belongs to
     * @param kinds         what the front end may send; not empty
     * @param ttl           how long the token is good for; positive, at most {@link #MAX_TTL}
     * @return the token, URL-safe ASCII
     * @throws IllegalArgumentException when {@code kinds} is empty or the lifetime is out of range
     */
    public String issue(InteractionId interactionId, Set<Kind> kinds, Duration ttl) {
        Objects.requireNonNull(interactionId, "interactionId");
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds must name at least one kind of feedback, but was empty");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL + ", but was " + ttl);
        }
        int bits = 0;
        for (Kind k : kinds) {
            bits |= k.bit;
        }
        UUID id = interactionId.value();
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .put((byte) bits)
                .putLong(clock.instant().plus(ttl).getEpochSecond());
        String signed = PREFIX + B64.encodeToString(payload.array());
        return signed + "." + B64.encodeToString(mac(signed));
    }

    /**
     * What a token allows, when it is genuine and not expired.
     *
     * @param token the token as received
     * @return the grant; empty when the token is malformed, tampered with, signed with another secret or expired
     */
    public Optional<Grant> verify(String token) {
        Check c = check(token);
        return Optional.ofNullable(c.grant());
    }

    /** The grant, or why there is none (for the endpoint's message, which never repeats the token). */
    Check check(@Nullable String token) {
        if (token == null || token.length() > 200 || !token.startsWith(PREFIX)) {
            return new Check(null, "the feedback token is malformed");
        }
        int dot = token.indexOf('.', PREFIX.length());
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            return new Check(null, "the feedback token is malformed");
        }
        String signed = token.substring(0, dot);
        byte[] given;
        byte[] payload;
        try {
            given = B64D.decode(token.substring(dot + 1));
            payload = B64D.decode(signed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return new Check(null, "the feedback token is malformed");
        }
        if (!MessageDigest.isEqual(given, mac(signed))) {
            return new Check(null, "the feedback token is not valid");
        }
        if (payload.length != PAYLOAD_BYTES) {
            return new Check(null, "the feedback token is malformed");
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        InteractionId id = InteractionId.of(new UUID(b.getLong(), b.getLong()));
        int bits = b.get();
        Instant expiresAt = Instant.ofEpochSecond(b.getLong());
        if (!clock.instant().isBefore(expiresAt)) {
            return new Check(null, "the feedback token has expired");
        }
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (Kind k : Kind.values()) {
            if ((bits & k.bit) != 0) {
                kinds.add(k);
            }
        }
        return new Check(new Grant(id, kinds, expiresAt), "");
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * What a genuine, unexpired token allows.
     *
     * @param interactionId the interaction the feedback is for
     * @param kinds         the kinds of feedback allowed
     * @param expiresAt     when the token stops being accepted (to the second)
     */
    public record Grant(InteractionId interactionId, Set<Kind> kinds, Instant expiresAt) {
        /**
         * Copies the set.
         *
         * @param interactionId the interaction the feedback is for
         * @param kinds         the kinds of feedback allowed
         * @param expiresAt     when the token stops being accepted (to the second)
         * @throws NullPointerException when a component is null
         */
        public Grant {
            Objects.requireNonNull(interactionId, "interactionId");
            Objects.requireNonNull(expiresAt, "expiresAt");
            kinds = Set.copyOf(kinds);
        }
    }

    /** A grant, or the reason there is none. */
    record Check(@Nullable Grant grant, @Nullable String problem) {}

    @Override
    public String toString() {
        return "FeedbackTokens[secret=***]";
    }
}
