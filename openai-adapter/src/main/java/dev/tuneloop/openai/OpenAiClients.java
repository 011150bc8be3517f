package dev.tuneloop.openai;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Sleeper;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.route.Endpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the official {@code openai-java} client the Tuneloop adapters run on ({@link OpenAiFineTuneClient}, the
 * evaluation's chat model), for OpenAI, Azure OpenAI or any OpenAI-compatible endpoint.
 *
 * <pre>{@code
 * OpenAIClient openai = OpenAiClients.fromEnv();                        // OPENAI_API_KEY, OPENAI_BASE_URL, …
 * OpenAIClient local  = OpenAiClients.of("http://localhost:8000/v1", "key");
 * OpenAIClient azure  = OpenAiClients.builder()
 *         .azure("https://my-resource.openai.azure.com", System.getenv("AZURE_OPENAI_KEY"))
 *         .azureServiceVersion("2024-10-21")
 *         .build();
 * }</pre>
 *
 * <p>The SDK retries 408/409/429/5xx and connection failures itself, with exponential backoff, up to
 * {@link Builder#maxRetries(int)} times ({@value #DEFAULT_MAX_RETRIES} by default). The API key is handed to the
 * SDK and never kept in a string this class prints: {@link Builder#toString()} shows whether a key is set, not
 * the key.
 */
public final class OpenAiClients {
    /** Retries the SDK makes after a retriable failure before the call fails. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The SDK's per-request timeout unless set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** OpenAI-compatible chat APIs by provider id (their documented base URLs). */
    private static final Map<String, String> KNOWN_BASE_URLS = Map.of(
            "openai", "https://api.openai.com/v1",
            "together", "https://api.together.xyz/v1",
            "fireworks", "https://api.fireworks.ai/inference/v1",
            "ollama", "http://localhost:11434/v1");

    private OpenAiClients() {}

    /**
     * A client configured from the environment as the SDK reads it: {@code OPENAI_API_KEY},
     * {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID} (or {@code AZURE_OPENAI_KEY} with an
     * Azure {@code OPENAI_BASE_URL}); system properties {@code openai.apiKey}, … take precedence.
     *
     * @return a new client, which the caller closes
     */
    public static OpenAIClient fromEnv() {
        return builder().fromEnv().build();
    }

    /**
     * A client for an OpenAI-compatible endpoint at {@code baseUrl} (e.g. {@code http://localhost:8000/v1}).
     *
     * @param baseUrl the API's base URL, including {@code /v1} for OpenAI-style endpoints
     * @param apiKey the key, sent as a bearer token; not blank (servers that ignore it accept any text)
     * @return a new client, which the caller closes
     * @throws dev.tuneloop.errors.ValidationException when the key is blank
     */
    public static OpenAIClient of(String baseUrl, String apiKey) {
        return builder().baseUrl(baseUrl).apiKey(apiKey).build();
    }

    /**
     * The base URL of a provider's OpenAI-compatible chat API, for endpoints that name no URL: {@code together},
     * {@code fireworks}, {@code ollama} (on this machine) and {@code openai}.
     *
     * @param provider a provider id, as in {@link Endpoint#provider()}
     * @return the URL, including {@code /v1}; empty for a provider whose URL must be given
     */
    public static Optional<String> knownBaseUrl(String provider) {
        return Optional.ofNullable(KNOWN_BASE_URLS.get(provider));
    }

    /**
     * A builder for an OpenAI-compatible endpoint, e.g. a routed arm's ({@link dev.tuneloop.route.ModelEndpoint}):
     * the endpoint's base URL, or the provider's usual one ({@link #knownBaseUrl}), with {@code apiKey}. For the base
     * vs fine-tuned evaluation across providers, build one client per endpoint and hand each model its
     * {@link OpenAiChatModel}.
     *
     * @param endpoint where the models are served
     * @param apiKey   the key of that provider (any non-blank text for servers that ignore it, e.g. Ollama, vLLM)
     * @return a builder with the base URL and key set (change retries or timeout on it, then build)
     * @throws dev.tuneloop.errors.ValidationException when the endpoint has no base URL and its provider has no known
     *     one
     */
    public static Builder forEndpoint(Endpoint endpoint, String apiKey) {
        Objects.requireNonNull(endpoint, "endpoint");
        Builder b = builder().apiKey(apiKey);
        if (endpoint.baseUrl() != null) {
            return b.baseUrl(endpoint.baseUrl().toString());
        }
        String known = KNOWN_BASE_URLS.get(endpoint.provider());
        if (known == null) {
            throw new ValidationException("endpoint " + endpoint + " must have a baseUrl: provider "
                    + endpoint.provider() + " has no known one (known: " + KNOWN_BASE_URLS.keySet() + ")");
        }
        return b.baseUrl(known);
    }

    /**
     * A builder; start from the environment with {@link Builder#fromEnv()} or set everything yourself.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings for an {@link OpenAIClient}. Setters store their value; {@link #build()} checks them all at once. Not
     * thread-safe; build once.
     */
    public static final class Builder {
        private boolean fromEnv;
        private @Nullable String baseUrl;
        private @Nullable String apiKey;
        private @Nullable String azureKey;
        private @Nullable String organization;
        private @Nullable String project;
        private @Nullable String azureServiceVersion;
        private @Nullable AzureUrlPathMode azureUrlPathMode;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private @Nullable Duration timeout;
        private @Nullable Sleeper sleeper;

        private Builder() {}

        /**
         * Start from the environment (see {@link OpenAiClients#fromEnv()}); what is set on this builder overrides it.
         *
         * @return this builder
         */
        public Builder fromEnv() {
            this.fromEnv = true;
            return this;
        }

        /**
         * The API's base URL, including {@code /v1} for OpenAI-style endpoints (default: the SDK's, OpenAI's API).
         *
         * @param baseUrl the base URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * An OpenAI (or compatible) API key, sent as a bearer token. Kept only to hand to the SDK.
         *
         * @param apiKey the key; not blank, and not together with {@link #azure(String, String)}
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The OpenAI organization the calls are billed to (the {@code OpenAI-Organization} header).
         *
         * @param organization the organization id, e.g. {@code org-…}
         * @return this builder
         */
        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /**
         * The OpenAI project the calls belong to (the {@code OpenAI-Project} header).
         *
         * @param project the project id, e.g. {@code proj_…}
         * @return this builder
         */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /**
         * Azure OpenAI: the resource endpoint ({@code https://<resource>.openai.azure.com}, or its
         * {@code /openai/v1} form) and an Azure API key, sent in the {@code api-key} header. For Microsoft Entra ID
         * tokens, build the client with the SDK's {@code BearerTokenCredential} instead.
         *
         * @param endpoint the resource endpoint; replaces any {@link #baseUrl(String)}
         * @param azureApiKey the Azure key; not blank, and not together with {@link #apiKey(String)}
         * @return this builder
         */
        public Builder azure(String endpoint, String azureApiKey) {
            this.baseUrl = endpoint;
            this.azureKey = azureApiKey;
            return this;
        }

        /**
         * The Azure {@code api-version} (e.g. {@code "2024-10-21"}); default: the SDK's latest stable.
         *
         * @param version the version as Azure names it
         * @return this builder
         */
        public Builder azureServiceVersion(String version) {
            this.azureServiceVersion = version;
            return this;
        }

        /**
         * How Azure paths are built. The SDK recognises Azure hosts ({@code *.openai.azure.com}, …) by itself;
         * set {@link AzureUrlPathMode#LEGACY} ({@code /openai/...?api-version=}) or {@link AzureUrlPathMode#UNIFIED}
         * ({@code /openai/v1/...}) for a gateway or proxy whose host it does not recognise.
         *
         * @param mode the path mode
         * @return this builder
         * @throws NullPointerException when {@code mode} is null
         */
        public Builder azureUrlPathMode(AzureUrlPathMode mode) {
            this.azureUrlPathMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Retries after 408/409/429/5xx and connection failures (default {@value #DEFAULT_MAX_RETRIES}).
         *
         * @param maxRetries the number of retries; {@code >= 0}, checked by {@link #build()}
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * The per-request timeout (default {@link #DEFAULT_TIMEOUT}).
         *
         * @param timeout the timeout; positive, checked by {@link #build()}
         * @return this builder
         * @throws NullPointerException when {@code timeout} is null
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How the SDK waits between retries (default: the SDK's; tests pass one that does not sleep).
         *
         * @param sleeper the SDK's sleeper
         * @return this builder
         * @throws NullPointerException when {@code sleeper} is null
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Checks every setting, then builds the SDK client. An API key is required unless {@link #fromEnv()} was
         * called (the SDK then reads it from the environment).
         *
         * @return a new client, which the caller closes
         * @throws dev.tuneloop.errors.ValidationException listing every problem (never showing a key): a negative
         *     {@code maxRetries}, a timeout that is not positive, no key, a blank key, both an API key and an Azure
         *     key, an Azure key without an endpoint
         */
        public OpenAIClient build() {
            Checks.start()
                    .require(maxRetries >= 0, "maxRetries must be >= 0, but was " + maxRetries)
                    .require(
                            timeout == null || (!timeout.isNegative() && !timeout.isZero()),
                            "timeout must be > 0, but was " + timeout)
                    .require(
                            apiKey == null || azureKey == null,
                            "set either apiKey or azure(endpoint, key), but both were set")
                    .require(
                            fromEnv || apiKey != null || azureKey != null,
                            "an API key is required: call apiKey(..), azure(..) or fromEnv()")
                    .require(apiKey == null || !apiKey.isBlank(), "apiKey must not be blank")
                    .require(azureKey == null || !azureKey.isBlank(), "the Azure API key must not be blank")
                    .require(
                            azureKey == null || (baseUrl != null && !baseUrl.isBlank()),
                            "azure endpoint is required, but was " + baseUrl)
                    .orThrow();
            OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder();
            if (fromEnv) {
                b.fromEnv();
            }
            if (baseUrl != null) {
                b.baseUrl(baseUrl);
            }
            if (apiKey != null) {
                b.apiKey(apiKey);
            }
            if (azureKey != null) {
                b.credential(AzureApiKeyCredential.create(azureKey));
            }
            if (azureServiceVersion != null) {
                b.azureServiceVersion(AzureOpenAIServiceVersion.fromString(azureServiceVersion));
            }
            if (azureUrlPathMode != null) {
                b.azureUrlPathMode(azureUrlPathMode);
            }
            if (organization != null) {
                b.organization(organization);
            }
            if (project != null) {
                b.project(project);
            }
            b.maxRetries(maxRetries);
            b.timeout(timeout == null ? DEFAULT_TIMEOUT : timeout);
            if (sleeper != null) {
                b.sleeper(sleeper);
            }
            return b.build();
        }

        /**
         * The settings without secrets: keys show as set or not set.
         *
         * @return a description safe to log
         */
        @Override
        public String toString() {
            return "OpenAiClients.Builder[fromEnv=" + fromEnv + ", baseUrl=" + baseUrl
                    + ", apiKey=" + (apiKey == null ? "not set" : "set") + ", azureKey="
                    + (azureKey == null ? "not set" : "set") + ", organization=" + organization + ", project="
                    + project + ", maxRetries=" + maxRetries + ", timeout=" + timeout + "]";
        }
    }
}
