package dev.klaxon.app.ui.audit;

import dev.klaxon.app.backend.AuditBackend;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.audit.ChainVerification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * "Chain verified up to row N" in the audit view: the trail's hash chain, checked off the FX thread when the view is
 * shown, at most once a minute while it stays shown (a check reads the whole chain, about a second per 100,000
 * rows), and at once on Refresh. A broken chain names the first row at fault, in words and with a warning icon.
 * FX thread only.
 */
final class ChainStatus {
    static final Duration EVERY = Duration.ofMinutes(1);
    private static final String WHAT = "Each audit row is hashed together with the one before it, so a row edited, "
            + "removed or inserted outside Klaxon breaks the chain from there on. 'klaxon-bridge audit verify' checks "
            + "the same from a shell.";

    private final AuditBackend audit;
    private final Clock clock;
    private final Label label = new Label();
    private final Tooltip tooltip = new Tooltip();
    private Instant checkedAt;
    private boolean checking;

    ChainStatus(AuditBackend audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        label.setId("audit-chain");
        label.getStyleClass().add("audit-chain");
        label.setGraphic(new FontIcon(Material2MZ.VERIFIED_USER));
        label.setTooltip(tooltip);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setVisible(false);
        label.setManaged(false);
    }

    Node node() {
        return label;
    }

    /** Checks the chain unless a check is under way or, without {@code now}, the last one is recent. */
    void check(boolean now) {
        if (checking || (!now && checkedAt != null && clock.instant().isBefore(checkedAt.plus(EVERY)))) {
            return;
        }
        checking = true;
        FxThread.whenDone(audit.verifyChain(), (verification, failure) -> {
            checking = false;
            checkedAt = clock.instant();
            if (failure != null) {
                show(Material2MZ.WARNING, "Chain not checked", true,
                        "The audit chain could not be read: " + FxThread.message(failure));
            } else if (verification != null) {
                show(verification);
            }
        });
    }

    private void show(ChainVerification verification) {
        if (verification.intact()) {
            show(Material2MZ.VERIFIED_USER, "Chain verified up to row " + Formats.count(verification.verifiedUpTo()),
                    false, Formats.oneLine(verification.summary(), 400));
        } else {
            ChainVerification.Break at = verification.firstBreak();
            show(Material2MZ.WARNING, "Chain broken at " + at.table() + (at.rowId() == null ? "" : " row " + at.rowId()),
                    true, Formats.oneLine(verification.summary(), 400));
        }
    }

    private void show(Material2MZ icon, String text, boolean problem, String detail) {
        label.setVisible(true);
        label.setManaged(true);
        label.setText(text);
        ((FontIcon) label.getGraphic()).setIconCode(icon);
        label.getStyleClass().remove("audit-error");
        if (problem) {
            label.getStyleClass().add("audit-error");
        }
        tooltip.setText(detail + "\nChecked at " + Formats.clock(checkedAt) + ".\n" + WHAT);
    }
}
