package dev.tuneloop.route;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a routed arm's model is served: a provider id and, for OpenAI-compatible servers, the base URL of its API (the
 * fine-tuned arm on Together AI's endpoint, a self-hosted vLLM or Ollama server, while the base arm stays on OpenAI).
 * It holds no credential: the host keeps one client (with its key) per endpoint and picks it by the endpoint.
 *
 * <p>{@link #toString()} never shows a URL's user info or query (where a key could hide). Immutable.
 *
 * @param provider the provider id, as the model lifecycle calendar names it ({@code "openai"}, {@code "azure"},
 *                 {@code "together"}, {@code "vertex"}, {@code "vllm"}, …), or {@value #DEFAULT_PROVIDER} for the
 *                 host's default client; 1-64 characters of {@code a-z 0-9 . _ -}
 * @param baseUrl  the API's base URL, e.g. {@code https://api.together.xyz/v1}; an absolute http or https URL, or null
 *                 for the provider's usual URL
 */
public record Endpoint(String provider, @Nullable URI baseUrl) {
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9._-]{1,64}");

    /** The provider id of {@link #DEFAULT}: {@value}. */
    public static final String DEFAULT_PROVIDER = "default";
    /** The host's default client: where arms that name no endpoint are served. */
    public static final Endpoint DEFAULT = new Endpoint(DEFAULT_PROVIDER, null);

    /**
     * Validates the parts.
     *
     * @param provider the provider id; 1-64 characters of {@code a-z 0-9 . _ -}
     * @param baseUrl  an absolute http or https URL with a host; null for the provider's usual URL
     * @throws dev.tuneloop.errors.ValidationException listing every problem (a URL is shown without user info or query)
     */
    public Endpoint {
        Checks c = Checks.start();
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            c.add("endpoint provider must be 1-64 characters of a-z 0-9 . _ -, but was "
                    + (provider == null ? "null" : "\"" + provider + "\""));
        }
        if (baseUrl != null) {
            String scheme =
                    baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
            c.require(
                    baseUrl.isAbsolute()
                            && (scheme.equals("http") || scheme.equals("https"))
                            && baseUrl.getHost() != null,
                    "endpoint baseUrl must be an absolute http or https URL with a host, but was " + safe(baseUrl));
        }
        c.orThrow();
    }

    /**
     * An endpoint at the provider's usual URL.
     *
     * @param provider the provider id, e.g. {@code "openai"}
     * @return the endpoint
     * @throws dev.tuneloop.errors.ValidationException when the id breaks a rule
     */
    public static Endpoint of(String provider) {
        return new Endpoint(provider, null);
    }

    /**
     * An endpoint at a base URL.
     *
     * @param provider the provider id, e.g. {@code "together"}
     * @param baseUrl  the API's base URL, e.g. {@code "https://api.together.xyz/v1"}
     * @return the endpoint
     * @throws dev.tuneloop.errors.ValidationException when the id or the URL breaks a rule
     */
    public static Endpoint of(String provider, String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("endpoint baseUrl must be a URL, but could not be parsed ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new Endpoint(provider, uri);
    }

    /**
     * Whether this is the host's default client.
     *
     * @return true for {@link #DEFAULT}
     */
    public boolean isDefault() {
        return DEFAULT_PROVIDER.equals(provider) && baseUrl == null;
    }

    /** A URL as messages show it: scheme, host, port and path, without user info, query or fragment. */
    static String safe(URI uri) {
        StringBuilder b = new StringBuilder();
        if (uri.getScheme() != null) {
            b.append(uri.getScheme()).append("://");
        }
        if (uri.getRawUserInfo() != null) {
            b.append("***@");
        }
        if (uri.getHost() != null) {
            b.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            b.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            b.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            b.append("?***");
        }
        return b.toString();
    }

    /** The provider and the URL without user info, query or fragment. */
    @Override
    public String toString() {
        return "Endpoint[provider=" + provider + ", baseUrl=" + (baseUrl == null ? "null" : safe(baseUrl)) + "]";
    }
}
