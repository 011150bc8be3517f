package dev.tuneloop.record;

import dev.tuneloop.errors.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One part of a multi-part message: text, or an image kept as a reference (a URL or a provider's file id, with its
 * media type), never its bytes. OpenAI's {@code {"type":"text","text":…}} and {@code {"type":"image_url",
 * "image_url":{"url":…}}} parts, LangChain4j's {@code TextContent} and {@code ImageContent} (by URL), Spring AI's
 * {@code Media} (by URL).
 *
 * <p>The constructor checks the shape in O(1): a text part has text and no reference; an image part has exactly one of
 * URL and file id, and a URL is not inline data ({@code data:}). The text's rules (size, valid Unicode) are those of
 * the message's {@link ChatMessage#content() content}, which is the text parts joined. {@link #toString()} shows the
 * type and sizes, never the text or the reference.
 *
 * @param type      text or image
 * @param text      the text of a text part; null for an image
 * @param url       the image's URL (e.g. {@code https://…}); null for text or an image given by file id
 * @param fileId    the provider's file id of the image (e.g. {@code file-abc123}); null for text or an image by URL
 * @param mediaType the image's media type (e.g. {@code image/png}) when known; null for text or when unknown
 */
public record ContentPart(
        Type type,
        @Nullable String text,
        @Nullable String url,
        @Nullable String fileId,
        @Nullable String mediaType) {

    /** The kind of a part. */
    public enum Type {
        /** Text. */
        TEXT,
        /** An image, by reference. */
        IMAGE;

        /**
         * The lower-case name used in stored JSON: {@code "text"} or {@code "image"}.
         *
         * @return the wire name
         */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The type with this wire name.
         *
         * @param name {@code "text"} or {@code "image"}
         * @return the type
         * @throws ValidationException when the name is neither
         */
        public static Type fromWireName(String name) {
            for (Type t : values()) {
                if (t.wireName().equals(name)) {
                    return t;
                }
            }
            throw new ValidationException("content part type must be text or image, but was '" + name + "'");
        }
    }

    /**
     * Checks the shape.
     *
     * @param type      text or image
     * @param text      the text of a text part; null for an image
     * @param url       the image's URL; null otherwise
     * @param fileId    the image's provider file id; null otherwise
     * @param mediaType the image's media type; null when unknown or for text
     * @throws NullPointerException when {@code type} is null
     * @throws ValidationException naming the field and the rule when the shape is wrong
     */
    public ContentPart {
        Objects.requireNonNull(type, "part.type");
        if (type == Type.TEXT) {
            if (text == null || url != null || fileId != null || mediaType != null) {
                throw new ValidationException("a text part must have text and no url, fileId or mediaType");
            }
        } else {
            if (text != null || (url == null) == (fileId == null)) {
                throw new ValidationException("an image part must have exactly one of url and fileId, and no text");
            }
            if (url != null && url.regionMatches(true, 0, "data:", 0, 5)) {
                throw new ValidationException(
                        "part.url must be a reference to the image, not inline data (data: URL); keep the bytes"
                                + " elsewhere and record their URL or file id");
            }
        }
    }

    /**
     * A text part.
     *
     * @param text the text; may be empty
     * @return the part
     */
    public static ContentPart text(String text) {
        return new ContentPart(Type.TEXT, Objects.requireNonNull(text, "part.text"), null, null, null);
    }

    /**
     * An image by URL.
     *
     * @param url the image's URL, e.g. {@code https://example.com/chart.png}; not a {@code data:} URL
     * @param mediaType the media type, e.g. {@code image/png}; null when unknown
     * @return the part
     * @throws ValidationException when the URL is inline data
     */
    public static ContentPart imageUrl(String url, @Nullable String mediaType) {
        return new ContentPart(Type.IMAGE, null, Objects.requireNonNull(url, "part.url"), null, mediaType);
    }

    /**
     * An image by the provider's file id.
     *
     * @param fileId the file id, e.g. {@code file-abc123}
     * @param mediaType the media type, e.g. {@code image/png}; null when unknown
     * @return the part
     */
    public static ContentPart imageFile(String fileId, @Nullable String mediaType) {
        return new ContentPart(Type.IMAGE, null, null, Objects.requireNonNull(fileId, "part.fileId"), mediaType);
    }

    /**
     * The text of the text parts, joined by a newline: what {@link ChatMessage#content()} holds for a multi-part
     * message.
     *
     * @param parts the parts, in order
     * @return the joined text; empty when there is no text part
     */
    public static String joinedText(List<ContentPart> parts) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (ContentPart p : parts) {
            if (p.type == Type.TEXT) {
                if (!first) {
                    b.append('\n');
                }
                b.append(p.text);
                first = false;
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return type == Type.TEXT
                ? "ContentPart[text, chars=" + Objects.requireNonNull(text).length() + "]"
                : "ContentPart[image, " + (url != null ? "url" : "fileId") + ", mediaType=" + mediaType + "]";
    }
}
