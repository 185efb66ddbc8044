package dev.klaxon.engine;

import dev.klaxon.engine.MessageProcessor.SubjectRouting;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.stats.SubjectStats;
import java.util.HashMap;
import java.util.Map;

/**
 * What the processing thread keeps for each subject, found with one map lookup a message: the subject's routing and
 * where its stats are counted. Looking each up in its own map was two lookups of a freshly received subject a message,
 * together a fifth of the processing thread in the engine benchmark. Processing thread only.
 *
 * <p>Bounded as the processor's memory of subjects is, by the same numbers: past {@value #MAX_SUBJECTS} subjects, or
 * for a subject longer than {@value #MAX_SUBJECT_CHARS} characters, a message is decided and counted without it (two
 * lookups, as before).
 */
final class KnownSubjects {
    static final int MAX_SUBJECTS = MessageProcessor.RouteTable.MAX_REMEMBERED_SUBJECTS;
    static final int MAX_SUBJECT_CHARS = MessageProcessor.RouteTable.MAX_REMEMBERED_SUBJECT_CHARS;

    /** One subject's memory; its routing is made again after a reload. */
    static final class Known {
        SubjectRouting routing;
        /** Null until a message on the subject is first counted under the subject's own name. */
        SubjectStats stats;
    }

    private final Map<String, Known> bySubject = new HashMap<>();
    /** The rules the kept routings were made from. */
    private MessageProcessor.RouteTable rules;

    /**
     * The message's routing by the rules in force, kept with its subject ({@code subject}, from {@link #of}; null when
     * the subject is not kept) for the subject's next message.
     */
    SubjectRouting routing(InboundMessage message, Known subject, MessageProcessor processor) {
        SubjectRouting routing = processor.routing(message, subject == null ? null : subject.routing);
        if (routing != null) {
            decidedBy(routing.table());
        }
        if (subject != null) {
            subject.routing = routing;
        }
        return routing;
    }

    /**
     * When the rules changed (a reload), every kept routing is let go at once: kept, each would hold the old rules and
     * all they were built into alive until its subject's next message, which for a quiet subject may never come.
     */
    private void decidedBy(MessageProcessor.RouteTable current) {
        if (current != rules) {
            for (Known known : bySubject.values()) {
                known.routing = null;
            }
            rules = current;
        }
    }

    /** The subject's memory, new if need be; null when the subject is not kept (see the class comment). */
    Known of(InboundMessage message) {
        if (message.subjectProblem() != null) {
            return null; // its text only renders bytes that were not UTF-8: not a name to remember anything under
        }
        String subject = message.subject();
        Known known = bySubject.get(subject);
        if (known == null && subject.length() <= MAX_SUBJECT_CHARS && bySubject.size() < MAX_SUBJECTS) {
            known = new Known();
            bySubject.put(subject, known);
        }
        return known;
    }
}
