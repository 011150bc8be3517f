package dev.tuneloop.route;

import java.util.Objects;

/**
 * What {@link AbRouter#endpointFor(String)} returns: the model id to call and the {@link Endpoint} that serves it.
 * Made once per arm when a plan is installed, so routing to it allocates nothing. Immutable; {@link #toString()} shows
 * no credential.
 *
 * @param model    the model id to call; never null
 * @param endpoint where it is served; never null
 */
public record ModelEndpoint(String model, Endpoint endpoint) {
    /**
     * Checks the parts.
     *
     * @param model    the model id to call; never null
     * @param endpoint where it is served; never null
     * @throws NullPointerException when a part is null
     */
    public ModelEndpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * The provider id of the endpoint.
     *
     * @return e.g. {@code "together"}, or {@value Endpoint#DEFAULT_PROVIDER}
     */
    public String provider() {
        return endpoint.provider();
    }
}
