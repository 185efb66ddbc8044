package dev.klaxon.team;

import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceStorage;
import dev.klaxon.guard.SilenceStore;
import java.time.Instant;
import java.util.List;

/** A laptop's own silences ({@code silences.db}) in team mode: what is left in them, and moving it to the team. */
public final class LocalSilences {
    private LocalSilences() {
    }

    /** Silences in the file that have not ended (active or still to start). */
    public static List<SilenceRecord> unended(SilenceStore local, Instant now) {
        return local.all().stream().filter(record -> now.isBefore(record.silence().effectiveEnd())).toList();
    }

    /**
     * Adds each unended local silence to the team's, then ends it here: one at a time, so a failure half way leaves
     * every silence in exactly one place.
     *
     * @return how many moved
     */
    public static int moveInto(SilenceStore local, SharedSilenceStore team, String member, String operator, Instant now) {
        int moved = 0;
        for (SilenceRecord record : unended(local, now)) {
            Silence silence = record.silence();
            String reason = (silence.reason().isBlank() ? "" : silence.reason() + " ") + "(moved by " + operator
                    + " from silences.db on " + member + ", where it was #" + silence.id() + ")";
            team.add(silence.pattern(), silence.matchers(), silence.startsAt(), silence.effectiveEnd(),
                    silence.createdBy(), reason, silence.createdAt(), "moved");
            local.expire(silence.id(), SilenceStorage.ANY_REVISION, operator, now);
            moved++;
        }
        return moved;
    }
}
