package dev.klaxon.app.ui.live;

import dev.klaxon.decision.Outcome;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds the subject tree from a snapshot's flat subjects: {@code alerts.prod.db} becomes alerts › prod › db, and each
 * node sums its subtree. The engine's buckets stay whole, at the top level, after the real subjects. Past
 * {@link #MAX_DEPTH} tokens the rest of a subject is one leaf, so the tree has at most that many nodes per subject, and
 * the engine already caps the subjects.
 */
final class SubjectBranches {
    static final int MAX_DEPTH = 8;

    private static final Comparator<SubjectBranch> BUSIEST_FIRST = Comparator
            .comparing(SubjectBranch::bucket)
            .thenComparing(Comparator.comparingDouble(SubjectBranch::rate1m).reversed())
            .thenComparing(Comparator.comparingLong(SubjectBranch::total).reversed())
            .thenComparing(SubjectBranch::label);

    private SubjectBranches() {
    }

    /**
     * @param floods subjects in flood state; other flood scopes (routing key, all) name no subject and are ignored
     * @param shown  which subjects to include (the subjects filter); sums cover the included ones only
     */
    static List<SubjectBranch> build(List<SubjectSnapshot> subjects, List<FloodStatus> floods,
                                     Predicate<String> shown) {
        Map<String, FloodStatus> floodBySubject = new LinkedHashMap<>();
        for (FloodStatus flood : floods) {
            floodBySubject.put(flood.subject(), flood);
        }
        Node root = new Node("", "", false);
        for (SubjectSnapshot snapshot : subjects) {
            if (!shown.test(snapshot.subject())) {
                continue;
            }
            Node node = bucket(snapshot.subject()) ? root.child(snapshot.subject(), snapshot.subject(), true)
                    : place(root, snapshot.subject());
            node.own = snapshot;
            node.flood = floodBySubject.get(snapshot.subject());
        }
        return root.branch().children();
    }

    private static boolean bucket(String subject) {
        return LiveStats.OTHER_SUBJECTS.equals(subject) || LiveStats.INVALID_SUBJECTS.equals(subject);
    }

    private static Node place(Node root, String subject) {
        String[] tokens = subject.split("\\.", -1);
        Node node = root;
        int depth = Math.min(tokens.length, MAX_DEPTH);
        int end = -1;
        for (int i = 0; i < depth; i++) {
            boolean rest = i == MAX_DEPTH - 1 && tokens.length > MAX_DEPTH;
            String label = rest ? subject.substring(end + 1) : tokens[i];
            end = rest ? subject.length() : end + 1 + tokens[i].length();
            node = node.child(subject.substring(0, end), label, false);
        }
        return node;
    }

    /** A node while the tree is built: mutable, then frozen into a {@link SubjectBranch} with its sums. */
    private static final class Node {
        final String path;
        final String label;
        final boolean bucket;
        final Map<String, Node> children = new LinkedHashMap<>();
        SubjectSnapshot own;
        FloodStatus flood;

        Node(String path, String label, boolean bucket) {
            this.path = path;
            this.label = label;
            this.bucket = bucket;
        }

        Node child(String childPath, String childLabel, boolean childBucket) {
            return children.computeIfAbsent(childPath, p -> new Node(p, childLabel, childBucket));
        }

        SubjectBranch branch() {
            List<SubjectBranch> kids = new ArrayList<>(children.size());
            int subjects = own == null ? 0 : 1;
            long total = own == null ? 0 : own.total();
            double rate1s = own == null ? 0 : own.rate1s();
            double rate1m = own == null ? 0 : own.rate1m();
            Instant lastSeen = own == null ? null : own.lastSeen();
            Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
            if (own != null) {
                own.byOutcome().forEach((outcome, n) -> byOutcome.merge(outcome, n, Long::sum));
            }
            int flooding = flood == null ? 0 : 1;
            long held = flood == null ? 0 : flood.held();
            for (Node child : children.values()) {
                SubjectBranch kid = child.branch();
                kids.add(kid);
                subjects += kid.subjects();
                total += kid.total();
                rate1s += kid.rate1s();
                rate1m += kid.rate1m();
                if (kid.lastSeen() != null && (lastSeen == null || kid.lastSeen().isAfter(lastSeen))) {
                    lastSeen = kid.lastSeen();
                }
                kid.byOutcome().forEach((outcome, n) -> byOutcome.merge(outcome, n, Long::sum));
                flooding += kid.flooding();
                held += kid.held();
            }
            kids.sort(BUSIEST_FIRST);
            return new SubjectBranch(path, label, own == null ? null : own.subject(), bucket, subjects, total,
                    rate1s, rate1m, lastSeen, byOutcome, flooding, held, kids);
        }
    }
}
