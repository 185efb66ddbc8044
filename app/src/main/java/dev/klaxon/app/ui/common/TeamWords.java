package dev.klaxon.app.ui.common;

import dev.klaxon.team.TeamStatus;
import java.time.Duration;

/**
 * What the console says about the team, in one place so the status bar, the banner and the Team view agree. Each
 * text says what the mode means for paging, not only its name.
 */
public final class TeamWords {
    private TeamWords() {
    }

    /**
     * The status bar's few words beside the team icon, short because the bar must fit: "sender · lease 2s",
     * "observer · ana@box/812 sends · lease 3s", "core mode". The tooltip and the Team view say what each means.
     */
    public static String indicator(TeamStatus team) {
        return switch (team.mode()) {
            case CORE -> "core mode";
            case NO_JETSTREAM -> "core (no JetStream)";
            case STARTING -> "team starting…";
            case SENDER -> "sender" + lease(team.leaseAge());
            case OBSERVER -> "observer · " + (team.sender() == null ? "no sender" : team.sender() + " sends")
                    + lease(team.leaseAge());
            case VIEW_ONLY -> "view only";
            case UNREACHABLE -> "JetStream unreachable";
        };
    }

    /** The Team view's headline: who pages, in a sentence's first words. */
    public static String headline(TeamStatus team) {
        String renewed = team.leaseAge() == null ? ""
                : " · lease renewed " + Math.max(0, team.leaseAge().toSeconds()) + " s ago";
        return switch (team.mode()) {
            case CORE -> "Team mode is off: core mode";
            case NO_JETSTREAM -> "Core mode: the NATS server has no JetStream";
            case STARTING -> "Team mode starting…";
            case SENDER -> "Sender: this console pages for the team" + renewed;
            case OBSERVER -> team.sender() == null ? "Observer: no member sends right now"
                    : "Observer: " + team.sender() + " pages for the team" + renewed;
            case VIEW_ONLY -> "View only: this console pages nothing";
            case UNREACHABLE -> "JetStream unreachable: nobody may be paging";
        };
    }

    /** Whether the mode is a problem a responder must see: this console may page no one, or pages alone. */
    public static boolean problem(TeamStatus team) {
        return switch (team.mode()) {
            case VIEW_ONLY, UNREACHABLE, NO_JETSTREAM -> true;
            case CORE, STARTING, SENDER, OBSERVER -> false;
        };
    }

    /** One sentence of what the mode means for paging, for a tooltip and the Team view's heading. */
    public static String meaning(TeamStatus team) {
        return switch (team.mode()) {
            case CORE -> "Core mode: this console pages on its own. Alerts published while it is closed or asleep "
                    + "are not seen; other consoles on the same subjects page too. Add nats.jetstream to the "
                    + "config for team mode.";
            case NO_JETSTREAM -> "The NATS server has no JetStream, so team mode cannot run: this console pages on "
                    + "its own, like every other console of the team, and alerts published while it is away are "
                    + "lost.";
            case STARTING -> "Team mode is starting: binding the stream and the pager consumer. Nothing is paged "
                    + "by this console until it knows whether it is the sender.";
            case SENDER -> "This console is the team's sender: it pages every alert the stream holds, once, and "
                    + "acknowledges each after PagerDuty's 202. Other members only show them.";
            case OBSERVER -> team.sender() == null
                    ? "Observer: no member holds the sender lease right now; one takes it within seconds. This "
                    + "console shows every alert and pages none; the stream keeps them for the next sender."
                    : "Observer: paging is done by " + team.sender()
                    + (team.senderSince() == null ? "" : " since " + Formats.seconds(team.senderSince()))
                    + ". This console shows every alert and pages none.";
            case VIEW_ONLY -> team.banner() == null ? "View only: this console shows alerts and pages none."
                    : Character.toUpperCase(team.banner().charAt(0)) + team.banner().substring(1)
                    + ". It shows every alert; the stream's owner or a member allowed to create it must page.";
            case UNREACHABLE -> "JetStream does not answer and no sender has been heard for 30 s: nobody may be "
                    + "paging. This console holds its alerts rather than page on its own (which would page once "
                    + "per console); the stream keeps them for whoever reaches it first.";
        };
    }

    /** The banner for the mode; null when the mode needs none (sender, and core mode, the single-laptop normal). */
    public static String banner(TeamStatus team) {
        return switch (team.mode()) {
            case CORE, SENDER, STARTING -> null;
            case OBSERVER, VIEW_ONLY, UNREACHABLE, NO_JETSTREAM -> meaning(team);
        };
    }

    private static String lease(Duration age) {
        return age == null ? "" : " · lease " + Math.max(0, age.toSeconds()) + "s";
    }
}
