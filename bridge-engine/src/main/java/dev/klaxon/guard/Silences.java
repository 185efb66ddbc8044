package dev.klaxon.guard;

import dev.klaxon.route.SubjectPattern;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The engine's silences: the storage (this laptop's file, or the team's KV bucket) and the book the processing
 * thread reads, kept in step. {@link #refresh} runs every few seconds on the engine's housekeeping thread: it saves
 * match counts, picks up silences added by other processes, and notices silences that ended while their subjects
 * were still firing. Storage that hears of changes as they happen (the team's) refreshes the book at once too.
 */
public final class Silences implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Silences.class.getName());

    private final SilenceStorage store;
    private final SilenceBook book;
    private final Clock clock;
    /** Silences that ended after this (and by now) ended since the last refresh. */
    private Instant lastRefresh;

    public Silences(SilenceStorage store, SilenceBook book, Clock clock) {
        this.store = store;
        this.book = book;
        this.clock = clock;
        this.lastRefresh = clock.instant();
        store.onChange(this::reloadBook);
    }

    /**
     * @param firing whether any subject matching a pattern received messages in the last minute
     */
    public synchronized void refresh(Predicate<SubjectPattern> firing) {
        Map<Long, Long> matches = book.drainMatches();
        if (!matches.isEmpty()) {
            store.addMatches(matches);
        }
        Instant now = clock.instant();
        List<Silence> current = new ArrayList<>();
        for (SilenceRecord record : store.all()) {
            Silence silence = record.silence();
            Instant end = silence.effectiveEnd();
            if (now.isBefore(end)) {
                current.add(silence);
            } else if (end.isAfter(lastRefresh) && firing.test(silence.pattern())) {
                store.markExpiredWhileFiring(silence.id());
                LOG.warning(silence.label() + " ended while its subjects are still firing");
            }
        }
        book.replace(current);
        lastRefresh = now;
    }

    public synchronized Silence add(SilenceRequest request, String who) {
        Instant now = clock.instant();
        Silence silence = store.add(request.pattern(), request.matchers(), request.startsAt(now),
                request.endsAt(now), who, request.reason(), now);
        reloadBook();
        return silence;
    }

    /**
     * @param seenRevision the revision the person saw ({@link SilenceRecord#revision()}), or
     *                     {@link SilenceStorage#ANY_REVISION}
     * @throws SilenceConflictException when someone else changed it since
     */
    public synchronized boolean expire(long id, long seenRevision, String who) {
        boolean changed = store.expire(id, seenRevision, who, clock.instant());
        reloadBook();
        return changed;
    }

    /** @throws SilenceConflictException when someone else changed it since {@code seenRevision} */
    public synchronized boolean extend(long id, Instant newEnd, long seenRevision, String who) {
        boolean changed = store.extend(id, newEnd, seenRevision, who, clock.instant());
        reloadBook();
        return changed;
    }

    /** Where these silences are kept, for messages. */
    public String where() {
        return store.where();
    }

    /** Every silence, newest first, with its matches counted so far (saved and not yet saved). */
    public List<SilenceRecord> list() {
        List<SilenceRecord> records = new ArrayList<>();
        for (SilenceRecord record : store.all()) {
            long unsaved = book.unsavedMatches(record.silence().id());
            records.add(record.withMatched(record.matched() + unsaved));
        }
        return records;
    }

    /** Puts the silences that have not ended into the book, as they are on disk now. */
    public synchronized void reloadBook() {
        Instant now = clock.instant();
        book.replace(store.all().stream().map(SilenceRecord::silence)
                .filter(silence -> now.isBefore(silence.effectiveEnd())).toList());
    }

    /** Saves the last counts and closes the file. */
    @Override
    public synchronized void close() {
        Map<Long, Long> matches = book.drainMatches();
        if (!matches.isEmpty()) {
            store.addMatches(matches);
        }
        store.close();
    }
}
