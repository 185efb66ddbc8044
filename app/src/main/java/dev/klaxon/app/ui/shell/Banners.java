package dev.klaxon.app.ui.shell;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.ReloadWords;
import dev.klaxon.app.ui.common.SafeText;
import dev.klaxon.app.ui.common.TeamWords;
import dev.klaxon.engine.ReloadResult;
import dev.klaxon.storage.StorageState;
import dev.klaxon.storage.StorageStatus;
import dev.klaxon.team.TeamStatus;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The dismissible messages under the toolbar: information, and what the operator's last action did. FX only. */
final class Banners {
    private final VBox node = new VBox();
    private Message actionBanner;
    private Message storageBanner;
    private String storageText;
    private Message teamBanner;
    private String teamText;
    private Message reloadBanner;
    private ReloadResult shownReload;
    /** How long a "config reloaded" banner stays; one that says a reload was refused stays until closed. */
    private static final Duration RELOADED_SHOWN = Duration.seconds(20);

    Node node() {
        return node;
    }

    /** An information banner (e.g. "wrote a default config to ..."); stays until closed. */
    void showInfo(String title, String text) {
        Message message = new Message(title, text, new FontIcon(Material2AL.INFO));
        message.getStyleClass().add(Styles.ACCENT);
        message.setId("info-banner");
        message.setOnClose(event -> node.getChildren().remove(message));
        node.getChildren().add(message);
    }

    /**
     * A warning that needs the person to do something but does not stop Klaxon (a secret file others can read);
     * stays until closed.
     */
    void showWarning(String title, String text) {
        Message message = new Message(title, text, new FontIcon(Material2AL.ERROR_OUTLINE));
        message.getStyleClass().add(Styles.WARNING);
        message.setId("warning-banner");
        message.setOnClose(event -> node.getChildren().remove(message));
        node.getChildren().add(message);
    }

    /**
     * While storage takes no writes, a banner that stays until it does: what is held in memory for PagerDuty, what
     * was lost, and the file, the OS reason and what to do. Cheap to call every frame: it changes only with its text.
     */
    void showStorage(StorageStatus storage) {
        String text = storage == null || storage.healthy() ? null : storageText(storage);
        if (java.util.Objects.equals(text, storageText)) {
            return;
        }
        storageText = text;
        node.getChildren().remove(storageBanner);
        storageBanner = null;
        if (text == null) {
            return;
        }
        String title = storage.state() == StorageState.FULL ? "Storage full" : "Storage failing";
        Message message = new Message(title, text, new FontIcon(Material2AL.ERROR));
        message.getStyleClass().add(Styles.DANGER);
        message.setId("storage-banner");
        storageBanner = message;
        node.getChildren().add(0, message); // above everything else: it is about losing pages
    }

    /**
     * What team mode means for paging when it is not the plain case (this console sends, or core mode on one
     * laptop): observer as information, a degraded mode as a warning that stays. Changes only with its text, so an
     * observer who closed it sees it again only when the sender changes.
     */
    void showTeam(TeamStatus team) {
        String text = team == null ? null : TeamWords.banner(team);
        if (java.util.Objects.equals(text, teamText)) {
            return;
        }
        teamText = text;
        node.getChildren().remove(teamBanner);
        teamBanner = null;
        if (text == null) {
            return;
        }
        boolean problem = TeamWords.problem(team);
        Message message = new Message(problem ? "Team mode: " + team.mode().label() : "Observer", text,
                new FontIcon(problem ? Material2AL.ERROR : Material2AL.GROUPS));
        message.getStyleClass().add(problem ? Styles.WARNING : Styles.ACCENT);
        message.setId("team-banner");
        if (!problem) {
            message.setOnClose(event -> node.getChildren().remove(message));
        }
        teamBanner = message;
        node.getChildren().add(storageBanner == null ? 0 : 1, message);
    }

    private static String storageText(StorageStatus storage) {
        return (storage.since() == null ? "" : "Since " + Formats.timestamp(storage.since()) + ": ")
                + Formats.count(storage.heldInMemory()) + " event(s) for PagerDuty held in memory (room for "
                + Formats.count(storage.holdLimit()) + "), sent once storage takes writes again"
                + (storage.lost() > 0 ? "; " + Formats.count(storage.lost()) + " lost" : "")
                + (storage.auditRowsLost() > 0 ? "; " + Formats.count(storage.auditRowsLost()) + " audit rows lost"
                : "")
                + ". " + (storage.problem() == null ? "" : SafeText.inline(storage.problem(), 400));
    }

    /**
     * What the last config reload did (a change of the file, Settings → Save and apply): applied for a while,
     * refused until closed or until the next reload. Cheap to call every frame: it changes only with the reload.
     */
    void showReload(ReloadResult result) {
        if (result == null || result == shownReload) {
            return;
        }
        shownReload = result;
        node.getChildren().remove(reloadBanner);
        boolean applied = result.applied();
        Message message = new Message(applied ? "Config reloaded" : "Config not applied",
                ReloadWords.sentence(result), new FontIcon(applied ? Material2AL.CHECK_CIRCLE_OUTLINE
                : Material2AL.ERROR_OUTLINE));
        message.getStyleClass().add(applied ? Styles.SUCCESS : Styles.WARNING);
        message.setId("reload-banner");
        message.setOnClose(event -> node.getChildren().remove(message));
        reloadBanner = message;
        node.getChildren().add(message);
        if (applied) {
            PauseTransition shown = new PauseTransition(RELOADED_SHOWN);
            shown.setOnFinished(event -> node.getChildren().remove(message));
            shown.play();
        }
    }

    /** What an operator action just did; replaces the previous one, so results never pile up. */
    void showActionResult(String title, String text) {
        node.getChildren().remove(actionBanner);
        Message message = new Message(title, text, new FontIcon(Material2AL.CHECK_CIRCLE_OUTLINE));
        message.getStyleClass().add(Styles.SUCCESS);
        message.setId("action-banner");
        message.setOnClose(event -> node.getChildren().remove(message));
        actionBanner = message;
        node.getChildren().add(message);
    }
}
