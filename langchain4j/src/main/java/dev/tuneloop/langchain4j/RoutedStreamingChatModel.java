package dev.tuneloop.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.tuneloop.route.AbRouter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link StreamingChatModel} that sends each streaming call to the model of the user's arm: it asks Tuneloop's
 * {@link AbRouter} for the user's {@link dev.tuneloop.route.Assignment} and calls the {@code StreamingChatModel} given for the
 * arm's model id, or, when none is given for it, the default model (one OpenAI client can serve both the base and
 * the fine-tuned model). The request's model name is set to the arm's model either way.
 *
 * <p>The user id is the call's {@link TuneloopAttributes#USER_ID} listener attribute
 * ({@code chat(request, TuneloopAttributes.forUser(userId), handler)}) or, when absent, the builder's resolver; a call
 * without a user id gets the plan's anonymous arm, or the router's {@link dev.tuneloop.errors.ValidationException}
 * when it has none. The arm's name and model go to the delegate's listeners as {@link TuneloopAttributes#ARM} and
 * {@link TuneloopAttributes#ARM_MODEL}, so a {@link TuneloopChatModelListener} registered on each delegate records
 * the arm's model as {@code modelUsed} and the arm's name in the metadata.
 *
 * <p>Unlike the listener, this is on the request path: a call it cannot route (no model for the arm and no default)
 * fails with an {@link IllegalStateException} naming the model and the arm. Thread-safe.
 */
public final class RoutedStreamingChatModel implements StreamingChatModel {
    private final Routes<StreamingChatModel> routes;
    private final Set<Capability> capabilities;

    private RoutedStreamingChatModel(Builder b) {
        this.routes = new Routes<>(b.router, b.models, b.fallback, b.userId);
        this.capabilities = routes.capabilities(StreamingChatModel::supportedCapabilities);
    }

    /**
     * A builder.
     *
     * @param router the router whose plan decides each user's arm
     * @return a new builder
     * @throws NullPointerException when {@code router} is null
     */
    public static Builder builder(AbRouter router) {
        return new Builder(router);
    }

    /**
     * Routes the call to the user's arm; the arm's model streams to {@code handler}.
     *
     * @param chatRequest the request
     * @param options the call's options; its listener attributes may carry {@link TuneloopAttributes#USER_ID}
     * @param handler receives the arm's model's partial and complete responses
     * @throws IllegalStateException when no model serves the arm's model id and there is no default model
     * @throws dev.tuneloop.errors.ValidationException when the call has no user id and the plan no anonymous arm
     */
    @Override
    public void chat(
            ChatRequest chatRequest, @Nullable ChatRequestOptions options, StreamingChatResponseHandler handler) {
        Routes.Route<StreamingChatModel> route = routes.route(chatRequest, options);
        route.model().chat(route.request(), route.options(), handler);
    }

    /**
     * What every model behind this one supports.
     *
     * @return the capabilities all the models share
     */
    @Override
    public Set<Capability> supportedCapabilities() {
        return capabilities;
    }

    /** Settings of a {@link RoutedStreamingChatModel}. Not thread-safe. */
    public static final class Builder {
        private final AbRouter router;
        private final Map<String, StreamingChatModel> models = new LinkedHashMap<>();
        private @Nullable StreamingChatModel fallback;
        private @Nullable IdResolver userId;

        private Builder(AbRouter router) {
            this.router = Objects.requireNonNull(router, "router");
        }

        /**
         * The model that serves an arm's model id.
         *
         * @param modelId the model id as the routing plan's arm names it, e.g. {@code ft:gpt-4o-mini:acme::abc123}
         * @param chatModel the LangChain4j model that serves it
         * @return this builder
         */
        public Builder model(String modelId, StreamingChatModel chatModel) {
            models.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(chatModel, "chatModel"));
            return this;
        }

        /**
         * The model for arms without a model of their own (default: none).
         *
         * @param chatModel the LangChain4j model
         * @return this builder
         */
        public Builder defaultModel(StreamingChatModel chatModel) {
            this.fallback = Objects.requireNonNull(chatModel, "defaultModel");
            return this;
        }

        /**
         * Finds the user id when the call's options carry no {@link TuneloopAttributes#USER_ID} (default: none).
         *
         * @param resolver called on the calling thread with the call's listener attributes
         * @return this builder
         */
        public Builder userId(IdResolver resolver) {
            this.userId = Objects.requireNonNull(resolver, "userId");
            return this;
        }

        /**
         * Builds the model.
         *
         * @return the routed model
         * @throws dev.tuneloop.errors.ValidationException when neither a model nor a default model was given
         */
        public RoutedStreamingChatModel build() {
            return new RoutedStreamingChatModel(this);
        }
    }
}
