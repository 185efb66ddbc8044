package dev.klaxon.app.ui.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaletteSearchTest {
    private static final List<PaletteItem> ITEMS = List.of(
            item("View: Live", "Views"),
            item("View: Dead letters", "Views"),
            item("View: Silences", "Views"),
            item("Silence the selected subject…", "Subjects table"),
            item("Next row", "Any table"),
            item("alerts.prod.db", "Subject"),
            item("alerts.staging.silences", "Subject"));

    private static PaletteItem item(String title, String detail) {
        return new PaletteItem(title, detail, "", () -> { });
    }

    private static List<String> find(String query, int limit) {
        return PaletteSearch.find(ITEMS, query, limit).stream().map(PaletteItem::title).toList();
    }

    @Test
    void betterMatchesComeFirstAndTiesKeepTheOrder() {
        // A word start in a title beats a match inside a word; commands were given before subjects.
        assertThat(find("silence", 10)).containsExactly("Silence the selected subject…", "View: Silences",
                "alerts.staging.silences");
        assertThat(find("SUBJECTS TABLE", 10)).containsExactly("Silence the selected subject…");
        assertThat(find("row any", 10)).containsExactly("Next row");
        assertThat(find("vdl", 10)).containsExactly("View: Dead letters");
        assertThat(find("zzz", 10)).isEmpty();
    }

    @Test
    void anEmptyQueryListsInOrderAndEveryListIsCapped() {
        assertThat(find("  ", 3)).containsExactly("View: Live", "View: Dead letters", "View: Silences");
        List<PaletteItem> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(item("alerts.host-" + i + ".cpu", "Subject"));
        }
        assertThat(PaletteSearch.find(many, "cpu", 50)).hasSize(50);
    }
}
