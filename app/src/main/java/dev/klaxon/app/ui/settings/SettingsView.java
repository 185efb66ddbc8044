package dev.klaxon.app.ui.settings;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.SettingsBackend;
import dev.klaxon.app.backend.SettingsBackend.CheckResult;
import dev.klaxon.app.backend.SettingsBackend.Review;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.ShadowNotice;
import dev.klaxon.app.ui.common.ReloadWords;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigTextEdit;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.route.RouteRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The settings an operator may change from the console: NATS servers and authentication, the PagerDuty region, API
 * token reference and from address, and each route's routing key reference. Secrets appear only as where they come
 * from. "Review changes" checks the edited file with the config reader Klaxon starts with (errors stand beside their
 * field, named by key) and shows the lines that would change; "Save and apply" writes only those keys into the
 * user's file, comments and all, after copying it to a timestamped backup, and has the running console take the file:
 * routing keys (routes) at once, NATS and PagerDuty settings at the next start, as the answer says. "Test" buttons try
 * NATS and the PagerDuty REST API with the settings as edited. All file and network work runs on the
 * backend, off the FX thread.
 */
public final class SettingsView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("settings", "Settings", Material2MZ.SETTINGS,
            "Settings: NATS servers and auth, PagerDuty region, token and routing key references; test "
            + "connections, save to the config file", true);
    private static final double LABEL_WIDTH = 230;
    private final KlaxonConfig config;
    private final SettingsBackend settings;
    private final Path file;
    private final TextField servers = new TextField();
    private final ComboBox<NatsAuthMethod> auth = new ComboBox<>();
    private final SecretInput natsToken = new SecretInput("settings-nats-token", "the NATS token", "NATS_TOKEN");
    private final TextField natsUser = new TextField();
    private final SecretInput natsPassword = new SecretInput("settings-nats-password", "the NATS password",
            "NATS_PASSWORD");
    private final TextField credsFile = new TextField();
    private final TextField nkeySeedFile = new TextField();
    private final ComboBox<PagerDutyRegion> region = new ComboBox<>();
    private final Label regionUrls = new Label();
    private final SecretInput apiToken = new SecretInput("settings-api-token", "the PagerDuty REST API token",
            "PD_API_TOKEN");
    private final TextField fromEmail = new TextField();
    private final Map<Integer, SecretInput> routingKeys = new LinkedHashMap<>();
    private final Map<String, Label> fieldErrors = new LinkedHashMap<>();
    private final Label natsResult = result("settings-nats-result");
    private final Label pagerDutyResult = result("settings-pagerduty-result");
    private final Label keysResult = result("settings-keys-result");
    private final Label status = result("settings-status");
    private final Label readOnlyNote = new Label();
    private final TextArea review = new TextArea();
    private final Button reviewButton = new Button("Review changes", new FontIcon(Material2MZ.RULE));
    private final Button saveButton = new Button("Save and apply", new FontIcon(Material2MZ.SAVE));
    private final Button discardButton = new Button("Discard changes", new FontIcon(Material2MZ.UNDO));
    private final List<Node> editors = new ArrayList<>();
    private final VBox root;
    private SettingsDraft original;
    /** The edits the last review found valid; Save writes these only while the form still asks for them. */
    private List<ConfigTextEdit> reviewed;
    private boolean editable;

    public SettingsView(SettingsBackend settings) {
        this.settings = settings;
        this.config = settings.config();
        this.file = config == null ? null : settings.file().orElse(null);
        this.original = config == null ? null : SettingsDraft.from(config);

        VBox content = new VBox(14);
        content.getStyleClass().add("settings-content");
        content.setStyle("-fx-padding: 10 14 14 14;");
        readOnlyNote.setId("settings-read-only");
        readOnlyNote.setWrapText(true);
        readOnlyNote.setGraphic(new FontIcon(Material2AL.INFO));
        readOnlyNote.getStyleClass().add(Styles.ACCENT);
        readOnlyNote.setVisible(false);
        readOnlyNote.setManaged(false);
        content.getChildren().add(readOnlyNote);
        ShadowNotice.of(config, "settings-shadow").ifPresent(content.getChildren()::add);
        if (config == null) {
            content.getChildren().add(new Label("No configuration is loaded."));
        } else {
            content.getChildren().addAll(natsSection(), pagerDutySection(), routingKeySection(), saveSection());
            show(original);
        }
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        Label title = Sections.title("Settings", Material2MZ.SETTINGS);
        Label where = new Label(file == null ? "" : file.toString());
        where.setId("settings-file");
        where.getStyleClass().add("section-hint");
        HBox header = Sections.header(List.of(title, where),
                Sections.hint("routing keys apply at once, NATS and PagerDuty at restart · secrets only by env var or file"));
        root = new VBox(header, scroll);
        root.getStyleClass().addAll("section", "settings-view");
        setEditable(file != null);
        if (config != null && file == null) {
            readOnly("This configuration was not read from a file, so there is nothing to save it to.");
        }
    }

    @Override
    public ViewInfo info() {
        return INFO;
    }

    @Override
    public void focus() {
        servers.requestFocus();
    }

    @Override
    public Node node() {
        return root;
    }

    /** Shows the settings but refuses changes, with a note saying why (demo mode). Tests still work. */
    public void readOnly(String note) {
        setEditable(false);
        readOnlyNote.setText(note);
        readOnlyNote.setVisible(true);
        readOnlyNote.setManaged(true);
    }

    private void setEditable(boolean editable) {
        this.editable = editable;
        for (Node node : editors) {
            if (node instanceof TextField text) {
                text.setEditable(editable);
            } else {
                node.setDisable(!editable);
            }
        }
        natsToken.setEditable(editable);
        natsPassword.setEditable(editable);
        apiToken.setEditable(editable);
        routingKeys.values().forEach(input -> input.setEditable(editable));
        reviewButton.setDisable(!editable);
        discardButton.setDisable(!editable);
        saveButton.setDisable(true);
    }

    private Node natsSection() {
        servers.setId("settings-servers");
        servers.setPromptText("nats://host-a:4222, nats://host-b:4222");
        servers.setTooltip(new Tooltip("NATS server URLs, separated by commas; the bridge tries them in turn"));
        auth.setId("settings-nats-auth");
        auth.getItems().setAll(NatsAuthMethod.values());
        auth.setTooltip(new Tooltip("How the bridge authenticates to NATS: one method at a time"));
        natsUser.setId("settings-nats-user");
        natsUser.setPromptText("user name");
        credsFile.setId("settings-nats-creds");
        credsFile.setPromptText("path to the .creds file");
        nkeySeedFile.setId("settings-nats-nkey");
        nkeySeedFile.setPromptText("path to the NKey seed file");
        editors.addAll(List.of(servers, auth, natsUser, credsFile, nkeySeedFile));

        GridPane grid = grid();
        int row = 0;
        row = addRow(grid, row, "Servers", servers, SettingsFields.SERVERS);
        row = addRow(grid, row, "Authentication", auth, SettingsFields.NATS_AUTH);
        Node tokenRow = labelled("Token", natsToken.node());
        Node userRow = labelled("User", natsUser);
        Node passwordRow = labelled("Password", natsPassword.node());
        Node credsRow = labelled("Credentials", credsFile);
        Node nkeyRow = labelled("Seed file", nkeySeedFile);
        VBox methodFields = new VBox(6, tokenRow, userRow, passwordRow, credsRow, nkeyRow);
        grid.add(methodFields, 1, row++);
        auth.valueProperty().addListener((obs, old, method) -> {
            showIf(tokenRow, method == NatsAuthMethod.TOKEN);
            showIf(userRow, method == NatsAuthMethod.USER_PASSWORD);
            showIf(passwordRow, method == NatsAuthMethod.USER_PASSWORD);
            showIf(credsRow, method == NatsAuthMethod.CREDS_FILE);
            showIf(nkeyRow, method == NatsAuthMethod.NKEY_SEED_FILE);
        });
        Button test = testButton("Test NATS connection", "settings-test-nats",
                "Connect once to the servers above with this authentication (3 s per server), then disconnect",
                natsResult, settings::testNats);
        grid.add(new HBox(10, test, natsResult), 1, row);
        return section("NATS", Material2MZ.SETTINGS_INPUT_ANTENNA, grid);
    }

    private Node pagerDutySection() {
        region.setId("settings-region");
        region.getItems().setAll(PagerDutyRegion.US, PagerDutyRegion.EU);
        region.setTooltip(new Tooltip("PagerDuty service region: sets both the Events API and the REST API URL"));
        region.valueProperty().addListener((obs, old, value) -> showRegionUrls(value));
        regionUrls.getStyleClass().add("section-hint");
        regionUrls.setId("settings-region-urls");
        fromEmail.setId("settings-from-email");
        fromEmail.setPromptText("oncall@example.com");
        fromEmail.setTooltip(new Tooltip("The PagerDuty user named on acknowledges, resolves and notes from the "
                + "console (required for those actions)"));
        editors.addAll(List.of(region, fromEmail));

        GridPane grid = grid();
        int row = 0;
        row = addRow(grid, row, "Region", new HBox(10, region, regionUrls), SettingsFields.REGION);
        row = addRow(grid, row, "API token", apiToken.node(), SettingsFields.API_TOKEN);
        row = addRow(grid, row, "From email", fromEmail, SettingsFields.FROM_EMAIL);
        Button test = testButton("Test PagerDuty API", "settings-test-pagerduty",
                "One authenticated read (the first page of services) with this token; nothing is changed",
                pagerDutyResult, settings::testPagerDuty);
        grid.add(new HBox(10, test, pagerDutyResult), 1, row);
        return section("PagerDuty", Material2MZ.NOTIFICATIONS_ACTIVE, grid);
    }

    private Node routingKeySection() {
        GridPane grid = grid();
        int row = 0;
        for (RouteRule rule : config.routes()) {
            if (!rule.action().sendsEvent()) {
                continue;
            }
            SecretInput input = new SecretInput("settings-routing-key-" + rule.index(), "the routing key of "
                    + rule.label(), "PD_ROUTING_KEY");
            routingKeys.put(rule.index(), input);
            row = addRow(grid, row, rule.label() + " · " + rule.action().wire() + (rule.shadow() ? " (shadow)" : ""),
                    input.node(), SettingsFields.routingKey(rule.index()));
        }
        if (routingKeys.isEmpty()) {
            grid.add(new Label("No route sends events, so no routing key is needed."), 0, row++, 2, 1);
        }
        Button test = testButton("Check routing keys", "settings-check-keys",
                "Read each live route's routing key where the config says and check it is 32 characters; nothing "
                        + "is sent to PagerDuty", keysResult, settings::testRoutingKeys);
        grid.add(new HBox(10, test, keysResult), 1, row);
        return section("Routing keys", Material2MZ.VPN_KEY, grid);
    }

    private Node saveSection() {
        reviewButton.setId("settings-review");
        reviewButton.setTooltip(new Tooltip("Check the changed settings with Klaxon's config reader and show the "
                + "lines of the file that would change"));
        reviewButton.setOnAction(e -> reviewChanges());
        saveButton.setId("settings-save");
        saveButton.getStyleClass().add(Styles.ACCENT);
        saveButton.setTooltip(new Tooltip("Write the reviewed changes into the config file (the file as it was is "
                + "kept beside it with a timestamp) and apply them: routes at once, NATS and PagerDuty settings at the "
                + "next start"));
        saveButton.setOnAction(e -> save());
        discardButton.setId("settings-discard");
        discardButton.setTooltip(new Tooltip("Put every field back as the file had it"));
        discardButton.setOnAction(e -> {
            show(original);
            clearReview();
            StatusLine.show(status, "Changes discarded.", false);
        });
        review.setId("settings-diff");
        review.setEditable(false);
        review.setPrefRowCount(8);
        review.getStyleClass().add("detail-text");
        review.setPromptText("Review changes shows here the lines of the file that would change.");
        review.setAccessibleText("The lines of the config file that saving would change");
        HBox buttons = new HBox(10, reviewButton, saveButton, discardButton);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, buttons, status, review);
        return section("Save", Material2MZ.SAVE, box);
    }

    /** @param check tests one section with the form's edits (the backend tries only that section's) */
    private Button testButton(String text, String id, String tip, Label resultLabel,
                              Function<List<ConfigTextEdit>, CompletableFuture<CheckResult>> check) {
        Button button = new Button(text, new FontIcon(Material2MZ.PLAY_ARROW));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setAccessibleText(tip);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(e -> test(button, resultLabel, check));
        return button;
    }

    /** Tests one section as edited; a mistake in another section does not stand in the way. */
    private void test(Button button, Label resultLabel,
                      Function<List<ConfigTextEdit>, CompletableFuture<CheckResult>> check) {
        button.setDisable(true);
        StatusLine.show(resultLabel, "Testing…", false);
        FxThread.whenDone(check.apply(edits()), (answer, failure) -> {
            button.setDisable(false);
            if (failure != null) {
                StatusLine.show(resultLabel, "Failed: " + FxThread.message(failure), true);
            } else {
                StatusLine.show(resultLabel, (answer.ok() ? "OK: " : "Failed: ") + answer.message(),
                        !answer.ok());
            }
        });
    }

    void reviewChanges() {
        if (!editable) {
            return;
        }
        List<ConfigTextEdit> edits = edits();
        clearReview();
        if (edits.isEmpty()) {
            StatusLine.show(status, "No changes to review.", false);
            return;
        }
        reviewButton.setDisable(true);
        StatusLine.show(status, "Checking " + file + "…", false);
        FxThread.whenDone(settings.review(edits), (checked, failure) -> {
            reviewButton.setDisable(false);
            if (failure != null) {
                StatusLine.show(status, "Cannot review: " + FxThread.message(failure), true);
            } else {
                showReview(edits, checked);
            }
        });
    }

    private void showReview(List<ConfigTextEdit> edits, Review checked) {
        List<String> general = new ArrayList<>();
        for (ConfigError error : checked.errors()) {
            String field = SettingsFields.of(error.path());
            Label label = field == null ? null : fieldErrors.get(field);
            if (label == null) {
                general.add(error.render());
            } else {
                label.setText(label.getText() == null || label.getText().isEmpty() ? error.render()
                        : label.getText() + "\n" + error.render());
                showIf(label, true);
            }
        }
        StringBuilder text = new StringBuilder();
        checked.warnings().forEach(w -> text.append("warning (Klaxon would refuse to start): ").append(w.render())
                .append('\n'));
        general.forEach(g -> text.append("error: ").append(g).append('\n'));
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(String.join("\n", checked.diff()));
        review.setText(text.toString());
        if (checked.problem() != null) {
            StatusLine.show(status, "Cannot save into this file: " + checked.problem(), true);
        } else if (!checked.errors().isEmpty()) {
            StatusLine.show(status, checked.errors().size() + " problem(s); each is shown beside its "
                    + "field. Nothing was saved.", true);
        } else {
            reviewed = edits;
            saveButton.setDisable(false);
            StatusLine.show(status, checked.diff().size() + " line(s) would change in " + file
                    + ". Save and apply writes them (a backup is kept beside it) and applies them.", false);
        }
    }

    void save() {
        List<ConfigTextEdit> edits = edits();
        if (reviewed == null || !reviewed.equals(edits)) {
            StatusLine.show(status, "The form changed since the review: review the changes again.", true);
            saveButton.setDisable(true);
            return;
        }
        SettingsDraft saving = draft();
        saveButton.setDisable(true);
        StatusLine.show(status, "Saving…", false);
        FxThread.whenDone(settings.save(edits), (saved, failure) -> {
            if (failure != null) {
                StatusLine.show(status, "Not saved: " + FxThread.message(failure), true);
                return;
            }
            original = saving;
            reviewed = null;
            String savedText = "Saved " + saved.file() + " (the previous version is " + saved.backup().getFileName()
                    + ").";
            StatusLine.show(status, savedText + " Applying…", false);
            FxThread.whenDone(settings.apply(), (applied, applyFailure) -> {
                if (applyFailure != null) {
                    StatusLine.show(status, savedText + " Not applied: " + FxThread.message(applyFailure)
                            + "; restart Klaxon for the changes to take effect.", true);
                } else {
                    StatusLine.show(status, savedText + " " + ReloadWords.sentence(applied), !applied.applied());
                }
            });
        });
    }

    private void clearReview() {
        reviewed = null;
        saveButton.setDisable(true);
        review.clear();
        for (Label label : fieldErrors.values()) {
            label.setText("");
            showIf(label, false);
        }
    }

    private List<ConfigTextEdit> edits() {
        return original == null ? List.of() : draft().editsFrom(original);
    }

    /** What the form holds now. */
    SettingsDraft draft() {
        Map<Integer, dev.klaxon.app.ui.settings.SecretField> keys = new LinkedHashMap<>();
        routingKeys.forEach((index, input) -> keys.put(index, input.value()));
        return new SettingsDraft(Arrays.asList(servers.getText().split(",")), auth.getValue(), natsToken.value(),
                natsUser.getText(), natsPassword.value(), credsFile.getText(), nkeySeedFile.getText(),
                region.getValue(), apiToken.value(), fromEmail.getText(), keys);
    }

    private void show(SettingsDraft draft) {
        servers.setText(String.join(", ", draft.servers()));
        auth.setValue(draft.auth());
        natsToken.set(draft.natsToken());
        natsUser.setText(draft.natsUser());
        natsPassword.set(draft.natsPassword());
        credsFile.setText(draft.credsFile());
        nkeySeedFile.setText(draft.nkeySeedFile());
        if (draft.region() == PagerDutyRegion.CUSTOM && !region.getItems().contains(PagerDutyRegion.CUSTOM)) {
            region.getItems().add(PagerDutyRegion.CUSTOM);
        }
        region.setValue(draft.region());
        apiToken.set(draft.apiToken());
        fromEmail.setText(draft.fromEmail());
        draft.routingKeys().forEach((index, value) -> {
            SecretInput input = routingKeys.get(index);
            if (input != null) {
                input.set(value);
            }
        });
    }

    private void showRegionUrls(PagerDutyRegion value) {
        if (value == null) {
            regionUrls.setText("");
        } else if (value == PagerDutyRegion.CUSTOM) {
            regionUrls.setText("events " + config.pagerduty().eventsUrl() + " · API " + config.pagerduty().apiUrl()
                    + " (edit the file to change them)");
        } else {
            regionUrls.setText("events " + value.eventsUrl() + " · API " + value.apiUrl());
        }
    }

    private int addRow(GridPane grid, int row, String name, Node field, String errorField) {
        Label label = new Label(name);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(label, 0, row);
        grid.add(field, 1, row);
        GridPane.setHgrow(field, Priority.ALWAYS);
        Label error = new Label();
        error.setId("settings-error-" + errorField.replaceAll("[^A-Za-z0-9]+", "-"));
        error.setWrapText(true);
        error.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
        error.getStyleClass().addAll("incident-progress", "action-failed");
        showIf(error, false);
        fieldErrors.put(errorField, error);
        grid.add(error, 1, row + 1);
        return row + 2;
    }

    private static Node labelled(String name, Node field) {
        Label label = new Label(name);
        label.setLabelFor(field);
        label.setMinWidth(90);
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox row = new HBox(8, label, field);
        row.setAlignment(Pos.CENTER_LEFT);
        showIf(row, false);
        return row;
    }

    private static void showIf(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.setMaxWidth(980);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(LABEL_WIDTH); // the same in every section, so the fields line up down the page
        grid.getColumnConstraints().add(labels);
        return grid;
    }

    private static Label result(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("incident-progress");
        return label;
    }

    private static Node section(String title, Ikon icon, Node body) {
        Label label = new Label(title, new FontIcon(icon));
        label.getStyleClass().addAll("section-title", Styles.TITLE_4);
        return new VBox(8, label, body);
    }
}
