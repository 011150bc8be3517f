package dev.tuneloop.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Assignment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The routing decision shared by {@link RoutedChatModel} and {@link RoutedStreamingChatModel}: the user's arm from
 * the router, the model that serves it, and the options that tell the listener which arm served the call.
 *
 * @param <M> the LangChain4j model type
 */
final class Routes<M> {
    private final AbRouter router;
    private final Map<String, M> models;
    private final @Nullable M fallback;
    private final @Nullable IdResolver userId;

    Routes(AbRouter router, Map<String, M> models, @Nullable M fallback, @Nullable IdResolver userId) {
        this.router = Objects.requireNonNull(router, "router");
        this.models = Map.copyOf(models);
        this.fallback = fallback;
        this.userId = userId;
        Checks.start()
                .require(
                        !models.isEmpty() || fallback != null,
                        "a routed model needs at least one model(...) or a defaultModel(...), but has none")
                .orThrow();
    }

    /** One call's route. */
    record Route<M>(M model, ChatRequest request, ChatRequestOptions options) {}

    Route<M> route(ChatRequest request, @Nullable ChatRequestOptions options) {
        Map<Object, Object> given = options == null ? Map.of() : options.listenerAttributes();
        String user = given.get(TuneloopAttributes.USER_ID) instanceof String s ? s : null;
        if (user == null && userId != null) {
            user = userId.resolve(given);
        }
        Assignment arm = router.assign(user);
        M model = models.get(arm.model());
        if (model == null) {
            if (fallback == null) {
                throw new IllegalStateException("no ChatModel for model " + arm.model() + " of arm " + arm.arm()
                        + ": give it with model(\"" + arm.model() + "\", chatModel) or give a defaultModel(...)");
            }
            model = fallback;
        }
        // the arm's model is the one asked for, whichever client serves it
        ChatRequest sent = arm.model().equals(request.modelName())
                ? request
                : request.toBuilder().modelName(arm.model()).build();
        Map<Object, Object> attributes = new LinkedHashMap<>(given);
        if (user != null) {
            attributes.put(TuneloopAttributes.USER_ID, user);
        }
        attributes.put(TuneloopAttributes.ARM, arm.arm());
        attributes.put(TuneloopAttributes.ARM_MODEL, arm.model());
        return new Route<>(
                model,
                sent,
                ChatRequestOptions.builder().listenerAttributes(attributes).build());
    }

    /** The capabilities every model shares (an AI service asks the routed model, not the arm's). */
    Set<Capability> capabilities(Function<M, @Nullable Set<Capability>> of) {
        Set<Capability> common = null;
        List<M> all = new ArrayList<>(models.values());
        if (fallback != null) {
            all.add(fallback);
        }
        for (M m : all) {
            Set<Capability> these = of.apply(m);
            Set<Capability> next = new HashSet<>(these == null ? Set.of() : these);
            if (common != null) {
                next.retainAll(common);
            }
            common = next;
        }
        return common == null ? Set.of() : Set.copyOf(common);
    }
}
