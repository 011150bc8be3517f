package dev.tuneloop.route;

import dev.tuneloop.errors.Checks;
import java.util.Objects;

/**
 * One arm of a {@link RoutingPlan}: a name, the model it serves, where that model is served, and its share of users.
 * Immutable.
 *
 * @param name     the arm's name, unique in its plan, e.g. {@code "fine-tuned"}; non-blank, at most 64 characters
 * @param model    the model id served to the arm's users, e.g. {@code "ft:gpt-4o-mini-2024-07-18:org::abc123"};
 *                 non-blank, at most 256 characters
 * @param weight   the share of users in basis points (0-10 000; 10 000 = 100 %)
 * @param endpoint where the model is served; {@link Endpoint#DEFAULT} (the host's default client) when not named
 */
public record Arm(String name, String model, int weight, Endpoint endpoint) {

    /** Maximum characters of an arm name: {@value}. */
    public static final int MAX_NAME_CHARS = 64;
    /** Maximum characters of a model id: {@value}. */
    public static final int MAX_MODEL_CHARS = 256;

    /**
     * Validates every part; a null endpoint stands for {@link Endpoint#DEFAULT}.
     *
     * @param name     the arm's name, unique in its plan, e.g. {@code "fine-tuned"}; non-blank, at most 64 characters
     * @param model    the model id served to the arm's users; non-blank, at most 256 characters
     * @param weight   the share of users in basis points (0-10 000; 10 000 = 100 %)
     * @param endpoint where the model is served; null for {@link Endpoint#DEFAULT}
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public Arm {
        if (endpoint == null) {
            endpoint = Endpoint.DEFAULT;
        }
        Checks c = Checks.start()
                .text("arm name", name, true, MAX_NAME_CHARS * 4)
                .text("arm model", model, true, MAX_MODEL_CHARS * 4)
                .require(
                        weight >= 0 && weight <= RoutingHash.BUCKETS,
                        "arm weight must be between 0 and " + RoutingHash.BUCKETS + " basis points, but was " + weight);
        if (name != null && name.length() > MAX_NAME_CHARS) {
            c.add("arm name must be at most " + MAX_NAME_CHARS + " characters, but has " + name.length());
        }
        if (model != null && model.length() > MAX_MODEL_CHARS) {
            c.add("arm model must be at most " + MAX_MODEL_CHARS + " characters, but has " + model.length());
        }
        c.orThrow();
    }

    /**
     * An arm served by the host's default client ({@link Endpoint#DEFAULT}).
     *
     * @param name   the arm's name, unique in its plan; non-blank, at most 64 characters
     * @param model  the model id served to the arm's users; non-blank, at most 256 characters
     * @param weight the share of users in basis points (0-10 000)
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public Arm(String name, String model, int weight) {
        this(name, model, weight, Endpoint.DEFAULT);
    }

    /**
     * An arm with {@code weight} basis points.
     *
     * @param name   the arm's name
     * @param model  the model id served to the arm's users
     * @param weight the share of users in basis points, 0-10 000
     * @return the arm
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public static Arm of(String name, String model, int weight) {
        return new Arm(name, model, weight);
    }

    /**
     * This arm with another weight.
     *
     * @param newWeight the share of users in basis points, 0-10 000
     * @return the new arm
     * @throws dev.tuneloop.errors.ValidationException when the weight is out of range
     */
    public Arm withWeight(int newWeight) {
        return new Arm(name, model, newWeight, endpoint);
    }

    /**
     * This arm served at another endpoint: {@code Arm.of("fine-tuned", "acme/ft-model", 8_000)
     * .servedAt(Endpoint.of("together", "https://api.together.xyz/v1"))}.
     *
     * @param at where the model is served
     * @return the new arm
     * @throws NullPointerException when {@code at} is null
     */
    public Arm servedAt(Endpoint at) {
        return new Arm(name, model, weight, Objects.requireNonNull(at, "endpoint"));
    }

    /**
     * The model and where it is served, as {@link AbRouter#endpointFor(String)} returns them.
     *
     * @return a new model endpoint
     */
    public ModelEndpoint modelEndpoint() {
        return new ModelEndpoint(model, endpoint);
    }
}
