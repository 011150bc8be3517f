package dev.tuneloop.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code tuneloop.capture.*} settings of the Spring AI integration. */
@ConfigurationProperties(prefix = "tuneloop.capture")
public class TuneloopCaptureProperties {
    private boolean enabled = true;
    private boolean route = false;
    private boolean observations = true;
    private String defaultUserId = TuneloopAdvisor.DEFAULT_USER_ID;

    /** Made by Spring. */
    public TuneloopCaptureProperties() {}

    /**
     * Whether Spring AI calls are recorded (default true).
     *
     * @return true when on
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Whether Spring AI calls are recorded.
     *
     * @param enabled true to record
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Whether the advisor sends each call to the model of the user's arm (default false).
     *
     * @return true when on
     */
    public boolean isRoute() {
        return route;
    }

    /**
     * Whether the advisor sends each call to the model of the user's arm.
     *
     * @param route true to route
     */
    public void setRoute(boolean route) {
        this.route = route;
    }

    /**
     * Whether the chat model observation handler is registered, for calls made without the advisor (default true).
     *
     * @return true when on
     */
    public boolean isObservations() {
        return observations;
    }

    /**
     * Whether the chat model observation handler is registered.
     *
     * @param observations true to register it
     */
    public void setObservations(boolean observations) {
        this.observations = observations;
    }

    /**
     * The user id recorded when a call names none (default {@value TuneloopAdvisor#DEFAULT_USER_ID}).
     *
     * @return the user id
     */
    public String getDefaultUserId() {
        return defaultUserId;
    }

    /**
     * The user id recorded when a call names none.
     *
     * @param defaultUserId non-blank
     */
    public void setDefaultUserId(String defaultUserId) {
        this.defaultUserId = defaultUserId;
    }
}
