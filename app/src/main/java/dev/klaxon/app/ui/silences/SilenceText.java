package dev.klaxon.app.ui.silences;

import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** How the silences view words a silence: state, what it covers, time left and its flags. Pure. */
final class SilenceText {
    private SilenceText() {
    }

    static Ikon icon(SilenceState state) {
        return switch (state) {
            case PENDING -> Material2MZ.SCHEDULE;
            case ACTIVE -> Material2MZ.NOTIFICATIONS_OFF;
            case EXPIRED -> Material2AL.HISTORY;
        };
    }

    /** {@code alerts.prod.db.> · severity=warning · source=~db-.*} */
    static String covers(Silence silence) {
        StringBuilder text = new StringBuilder(silence.pattern().text());
        for (PayloadMatcher matcher : silence.matchers()) {
            text.append(" · ").append(matcher);
        }
        return Formats.oneLine(text.toString(), 300);
    }

    /** "ends in 47m 05s", "starts in 3m 00s", "ended 12 min ago". */
    /** Who changed it last and from which member (team mode), else who made it. */
    static String lastChange(SilenceRecord record) {
        if (record.lastChange() == null) {
            return "added by " + record.silence().createdBy();
        }
        return record.lastChange().describe() + " · " + Formats.timestamp(record.lastChange().at());
    }

    static String remaining(SilenceRecord record, Instant now) {
        Silence silence = record.silence();
        return switch (record.state(now)) {
            case PENDING -> "starts in " + span(Duration.between(now, silence.startsAt()));
            case ACTIVE -> "ends in " + span(Duration.between(now, silence.effectiveEnd()));
            case EXPIRED -> "ended " + Formats.ago(silence.effectiveEnd(), now)
                    + (silence.expiredAt() != null && !silence.expiredAt().isAfter(silence.endsAt())
                    ? " (early)" : "");
        };
    }

    /** To the second below an hour, so the ticking is visible; hours and minutes above; days above a day. */
    static String span(Duration left) {
        long seconds = Math.max(0, left.toSeconds());
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(java.util.Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(java.util.Locale.ROOT, "%dd %02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** The flags worth a look: "never matched" (a typo?) and "ended while still firing". */
    static List<String> flags(SilenceRecord record, Instant now) {
        List<String> flags = new ArrayList<>();
        if (record.neverMatched(now)) {
            flags.add("never matched");
        }
        if (record.expiredWhileFiring()) {
            flags.add("ended while still firing");
        }
        return flags;
    }
}
