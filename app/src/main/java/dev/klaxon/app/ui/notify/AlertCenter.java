package dev.klaxon.app.ui.notify;

import dev.klaxon.app.outlets.Alert;
import dev.klaxon.app.outlets.AlertOutlets;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.incidents.DeskSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Node;

/**
 * Tells the person at the console when something needs them: a new triggered PagerDuty incident, or a subject
 * entering flood state. Looks at what the window already has each frame (the desk's snapshot, the engine's floods),
 * finds what is new since the last look, lets {@link AlertPolicy} thin it out (once a minute per subject or service,
 * nothing while muted) and shows it as a toast, a desktop notification and, if on, a sound.
 *
 * <p>Nothing fires for what is already there when the console starts. Demo and shadow mode are not treated apart:
 * route-level shadow never enters flood state (the engine only counts live pages), and under
 * {@code guards.shadow: true}, as in the demo, a flood is still a real storm of alerts upstream, which is what the
 * person wants to hear about. FX thread only.
 */
public final class AlertCenter implements AutoCloseable {
    private final AlertPolicy policy;
    private final AlertOutlets outlets;
    private final NewIncidents incidents = new NewIncidents();
    private final NewFloods floods = new NewFloods();
    private final ToastStack toasts = new ToastStack();
    private final MuteControl control;

    public AlertCenter(Clock clock, AlertOutlets outlets) {
        this.policy = new AlertPolicy(clock);
        this.outlets = Objects.requireNonNull(outlets, "outlets");
        this.control = new MuteControl(policy, clock.getZone());
        FxThread.whenDone(outlets.sound().unavailable(), (why, failure) -> {
            if (why != null) {
                control.soundUnavailable(why);
            }
        });
    }

    /** The toasts' layer, to stack over the console. */
    public Node toasts() {
        return toasts.node();
    }

    /** The bell for the toolbar: mute and sound. */
    public Node control() {
        return control.node();
    }

    /** Sound on (the default) or off: the person's choice, kept between runs even where no sound can play. */
    public BooleanProperty soundProperty() {
        return control.soundProperty();
    }

    /**
     * One frame's look.
     *
     * @param desk    the incident desk's newest snapshot
     * @param flooding subjects in flood state as last read, or null while the engine has not been read yet
     */
    public void apply(DeskSnapshot desk, List<FloodStatus> flooding) {
        List<Alert> found = new ArrayList<>(incidents.next(desk));
        if (flooding != null) {
            found.addAll(floods.next(flooding));
        }
        List<Alert> admitted = policy.admit(found);
        if (!admitted.isEmpty()) {
            toasts.show(admitted);
            outlets.desktop().deliver(admitted);
            if (control.soundProperty().get()) {
                outlets.sound().deliver(admitted);
            }
        }
        control.show(policy.mute());
    }

    @Override
    public void close() {
        outlets.close();
    }
}
